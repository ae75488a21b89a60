/**
 * File references in a body the CLI read from a file (`meshsim test`, and the body file of `validate` and
 * `upgrade`): its `resources` and `patches` may name files and directories, relative to the body file's
 * directory, as well as hold resources. The CLI reads them and sends the body with the resources in their
 * place, so the core and a deployment (`--url`) get the same bytes and the HTTP API never reads a file.
 *
 * The rule that tells a path from YAML text: in `resources` and `patches`, and as an item of them, a string
 * without a line break is a path; a string with a line break is YAML text, read as the API reads it.
 * Every resource takes at least two keys (`type` and `name`, or `kind` and `metadata`), so YAML text of a
 * resource spans lines unless written in flow style on one line, which no tool prints; the rule depends on
 * nothing but the string (not on its extension, nor on what exists on disk), so a mistyped path is reported
 * as a missing file instead of being parsed as YAML.
 */
import { statSync } from "node:fs";
import { dirname, isAbsolute, join, sep } from "node:path";
import type { Violation } from "../core/errors.js";
import { joinPath } from "../core/errors.js";
import { expandPaths, readResources, STDIN, type InputProblem, type Origin, type Read, type SourcedResource } from "./inputs.js";
import { locatedIn } from "./problems.js";
import { problemInResource } from "./run.js";

/** The body fields that may name files. */
const FIELDS = ["resources", "patches"] as const;
type Field = (typeof FIELDS)[number];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a string of `resources` or `patches` is a path (no line break) rather than YAML text. */
export const isReference = (v: unknown): v is string => typeof v === "string" && v !== "" && !/[\r\n]/.test(v);

/** A body with its file references read. */
export interface BodyRead {
  /** The body to run: `resources` and `patches` that named files hold the resources read from them. */
  readonly value: unknown;
  /** Every resource and patch given as an object (inline or read), where it came from; patches first. */
  readonly parts: readonly SourcedResource[];
  /** Maps a violation of `value` to the file, line and column it came from. */
  readonly problemOf: (v: Violation) => InputProblem;
}

/** Where relative paths of a body at `file` start, in words. */
const relativeTo = (file: string) => (file === STDIN ? "the working directory (the body came from stdin)" : `the directory of ${file}`);

/** The path `ref` names, from the body file's directory (an absolute path as it is). */
export function resolveReference(ref: string, file: string): string {
  const p = isAbsolute(ref) ? ref : join(file === STDIN ? "." : dirname(file), ref);
  // `-` means stdin to the readers; a file named `-` is not stdin.
  return p === STDIN ? `.${sep}${STDIN}` : p;
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** A one-line string that reads as YAML (`{...}`, `key: value`): the missing-file message says how to write it. */
const looksLikeYaml = (s: string) => /^\s*[[{]|:\s/.test(s);

/**
 * The resources a reference names: a file (YAML documents, or JSON), or a directory's `.yaml` `.yml`
 * `.json` files recursively in name order. A YAML document that is a list gives its items. `fail` places a
 * problem of the reference itself at the string in the body file.
 */
function readReference(ref: string, file: string, fail: (message: string) => InputProblem): Read<SourcedResource[]> {
  const p = resolveReference(ref, file);
  if (!exists(p)) {
    const hint = looksLikeYaml(ref) ? "; a string without a line break is read as a path: write resources as YAML objects, or as YAML text on several lines (`|`)" : "";
    return { ok: false, problems: [fail(`${JSON.stringify(ref)} does not exist: looked for ${p} (paths are relative to ${relativeTo(file)})${hint}`)] };
  }
  const files = expandPaths([p]);
  if (!files.ok) return files;
  if (files.value.length === 0) return { ok: false, problems: [fail(`${JSON.stringify(ref)} is a directory with no .yaml, .yml or .json file (looked in ${p})`)] };
  const read = readResources(files.value);
  if (!read.ok) return read;
  const out = read.value.flatMap((r) => (Array.isArray(r.value) ? r.value.map((value, i) => ({ value, origin: { ...r.origin, path: [...r.origin.path, i] } })) : [r]));
  if (out.length === 0) return { ok: false, problems: [fail(`${JSON.stringify(ref)} holds no resource (read ${files.value.join(", ")})`)] };
  return { ok: true, value: out };
}

/**
 * Reads the file references of `body` (read from `at`): `resources` or `patches` that is a path, or an
 * array mixing resource objects and paths, becomes the array of the resources in their order. Other
 * fields (`requests`, `remove`, ...) and bodies without references stay as they are.
 */
export function readReferences(body: unknown, at: Origin): Read<BodyRead> {
  const here = locatedIn(at.file, at.text, at.doc, at.path);
  if (!isObject(body)) return { ok: true, value: { value: body, parts: [], problemOf: here } };
  const out: Record<string, unknown> = { ...body };
  const lists: Partial<Record<Field, SourcedResource[]>> = {};
  const problems: InputProblem[] = [];
  for (const field of FIELDS) {
    const v = body[field];
    if (isObject(v)) lists[field] = [{ value: v, origin: { ...at, path: [...at.path, field] } }];
    const entries = isReference(v) ? [{ item: v as unknown, path: [field] as (string | number)[] }] : Array.isArray(v) ? v.map((item, i) => ({ item, path: [field, i] })) : [];
    if (entries.length === 0) continue;
    const list: SourcedResource[] = [];
    for (const { item, path } of entries) {
      if (!isReference(item)) {
        list.push({ value: item, origin: { ...at, path: [...at.path, ...path] } });
        continue;
      }
      const read = readReference(item, at.file, (message) => here({ path: joinPath("", ...path), message }));
      if (read.ok) list.push(...read.value);
      else problems.push(...read.problems);
    }
    lists[field] = list;
    if (entries.some((e) => isReference(e.item))) out[field] = list.map((r) => r.value);
  }
  if (problems.length > 0) return { ok: false, problems };
  const problemOf = (v: Violation): InputProblem => {
    const m = /^(resources|patches)\[(\d+)\](.*)$/.exec(v.path);
    const list = m ? lists[m[1] as Field] : undefined;
    const r = list?.[Number(m![2])];
    return r && Array.isArray(out[m![1]!]) ? problemInResource(r, list!, m![3]!, v.message) : here(v);
  };
  // Patches first: a patch replaces the resource of the same name, so its modifications are the ones run.
  return { ok: true, value: { value: out, parts: [...(lists.patches ?? []), ...(lists.resources ?? [])], problemOf } };
}
