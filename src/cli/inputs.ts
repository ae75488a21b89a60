/**
 * Reads the CLI's inputs: batch body files (`meshsim test`) and resource files, directories and stdin
 * (`meshsim simulate -f`). Text goes through the same guards as an HTTP body (UTF-8, not empty, no NUL,
 * the core's guarded YAML parser, the shape limits); the byte limits of the HTTP settings are left out
 * because the files are the operator's own. Every resource remembers where it came from, so findings can
 * point back into the file.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Violation } from "../core/errors.js";
import { checkShape } from "../core/parse/shape.js";
import { parseYamlDocument, parseYamlStream } from "../core/parse/yaml.js";
import { locatedIn, positionInMessage, type InputProblem } from "./problems.js";

export type { InputProblem } from "./problems.js";

/** The name stdin goes by in messages and SARIF locations. */
export const STDIN = "-";

/** Where a value came from: the file, its text, the document (among non-empty ones) and the path inside it. */
export interface Origin {
  readonly file: string;
  readonly text: string;
  readonly doc: number;
  readonly path: readonly (string | number)[];
}

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly InputProblem[] };

/** Problems of `file`, at the line and column the parser named (or, given the text, where the path leads). */
const problems = (file: string, errors: readonly Violation[], text?: string, doc = 0): Read<never> => ({
  ok: false,
  problems: errors.map(text !== undefined ? locatedIn(file, text, doc, []) : (e) => ({ file, path: e.path, message: e.message, ...positionInMessage(e.message, undefined) })),
});

/** The file's bytes (`-` is stdin) as text, refused as an HTTP body would be: invalid UTF-8, empty, NUL. */
export function readText(file: string, stdin: () => Buffer = () => readFileSync(0)): Read<string> {
  let bytes: Buffer;
  try {
    bytes = file === STDIN ? stdin() : readFileSync(file);
  } catch (e) {
    return problems(file, [{ path: "", message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})` }]);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return problems(file, [{ path: "", message: "is not valid UTF-8" }]);
  }
  if (text.trim() === "") return problems(file, [{ path: "", message: "is empty" }]);
  if (text.includes("\u0000")) return problems(file, [{ path: "", message: "contains NUL characters" }]);
  return { ok: true, value: text };
}

const isJson = (file: string) => file.toLowerCase().endsWith(".json");

function parseJson(file: string, text: string): Read<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return problems(file, [{ path: "", message: `malformed JSON: ${(e as Error).message.slice(0, 200)}` }], text);
  }
}

/** One batch body: JSON when the name ends in `.json`, else one YAML document (JSON is YAML too). */
export function readBatchFile(file: string, stdin?: () => Buffer): Read<{ text: string; value: unknown }> {
  const text = readText(file, stdin);
  if (!text.ok) return text;
  let value: unknown;
  if (isJson(file)) {
    const parsed = parseJson(file, text.value);
    if (!parsed.ok) return parsed;
    value = parsed.value;
  } else {
    const parsed = parseYamlDocument(text.value, "");
    if (!parsed.ok) return problems(file, parsed.errors, text.value);
    value = parsed.value;
  }
  const shape = checkShape(value, "");
  if (shape.length > 0) return problems(file, shape, text.value);
  return { ok: true, value: { text: text.value, value } };
}

/** The files `-f` names: a file as it is, a directory's `.yaml` `.yml` `.json` files recursively in name order. */
export function expandPaths(paths: readonly string[]): Read<string[]> {
  const out: string[] = [];
  const bad: InputProblem[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(name)) out.push(p);
    }
  };
  for (const p of paths) {
    if (p === STDIN) out.push(p);
    else if (!statExists(p)) bad.push({ file: p, path: "", message: "does not exist" });
    else if (statSync(p).isDirectory()) walk(p);
    else out.push(p);
  }
  return bad.length > 0 ? { ok: false, problems: bad } : { ok: true, value: out };
}

function statExists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** A resource and where it came from. */
export interface SourcedResource {
  readonly value: unknown;
  readonly origin: Origin;
}

/**
 * Resources from files and stdin: a JSON file holds one resource or an array of them; a YAML file or
 * stdin one resource per document. `kind: List` and kumactl lists stay as they are (the core reads them).
 */
export function readResources(files: readonly string[], stdin?: () => Buffer): Read<SourcedResource[]> {
  const out: SourcedResource[] = [];
  const bad: InputProblem[] = [];
  for (const file of files) {
    const text = readText(file, stdin);
    if (!text.ok) {
      bad.push(...text.problems);
      continue;
    }
    const t = text.value;
    if (isJson(file)) {
      const parsed = parseJson(file, t);
      if (!parsed.ok) {
        bad.push(...parsed.problems);
        continue;
      }
      const shape = checkShape(parsed.value, "");
      if (shape.length > 0) bad.push(...(problems(file, shape, t) as { problems: readonly InputProblem[] }).problems);
      else if (Array.isArray(parsed.value)) parsed.value.forEach((value, i) => out.push({ value, origin: { file, text: t, doc: 0, path: [i] } }));
      else out.push({ value: parsed.value, origin: { file, text: t, doc: 0, path: [] } });
      continue;
    }
    const docs = parseYamlStream(t, "");
    if (!docs.ok) bad.push(...(problems(file, docs.errors, t) as { problems: readonly InputProblem[] }).problems);
    else docs.value.forEach((value, doc) => out.push({ value, origin: { file, text: t, doc, path: [] } }));
  }
  return bad.length > 0 ? { ok: false, problems: bad } : { ok: true, value: out };
}
