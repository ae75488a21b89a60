/**
 * Safe YAML parsing of untrusted text (request bodies, `resources` given as one YAML string, and
 * MeshProxyPatch `value:` strings).
 *
 * Why so defensive (measured with `yaml` 2.9.1 on Node 20, 2 cores): parsing costs about 1 ms of
 * CPU per KB (1 MB: 690 ms in Node, 460 ms in workerd; JSON.parse takes 4 ms) and about 20× the
 * input in memory; 8k anchor/alias pairs (158 KB) take 5.6 s; 20k keys (258 KB) take 3.5 s with
 * `uniqueKeys: true` and 0.3 s without; a 342-byte billion-laughs bomb expands through aliases to
 * 387M strings; a 2 KB `[[[…` nested 1000 deep can abort Node with an uncatchable
 * `RegExpCompiler Allocation failed`. So, in this order:
 *
 * 1. {@link YamlGuard} runs on the `yaml` package's own Lexer and refuses anchors, aliases, tags,
 *    directives and nesting deeper than 64 before the Parser is given the token;
 * 2. the Parser and Composer run on the guarded tokens (the text is lexed once) with
 *    `uniqueKeys: false` (our Set is linear), `merge: false`, `resolveKnownTags: false`,
 *    `stringKeys: true`;
 * 3. {@link convertDocument} turns the parsed nodes into plain JSON, refusing the same things
 *    again (defence in depth) plus duplicate keys and `<<` merge keys;
 * 4. {@link checkShape} re-checks depth, value count and string length on the result.
 *
 * Only the first parser error is reported, and it is formatted here rather than by the package's
 * `prettyErrors`, which builds an excerpt for every error and is quadratic on a long line:
 * `[` + 130,000 commas + `]` (130 KB, one error per comma) took 82 s of CPU with it and
 * 1.6 s without, most of which was the Composer creating 130,000 error objects (each an `Error`
 * with a stack). So after the first error nothing more is collected: later errors and warnings
 * are dropped where the Composer reports them, and later `error` tokens are not handed to it
 * (issue #15: 2 s → see docs/hardening.md).
 *
 * Nothing here throws: every refusal and every parser error becomes a {@link Violation}.
 */
import {
  Composer,
  LineCounter,
  Parser,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  type ToJSOptions,
  type YAMLError,
} from "yaml";
import { fail, joinPath, ok, type Result, type Violation } from "../errors.js";
import { checkShape, DEFAULT_SHAPE_LIMITS } from "./shape.js";
import { clip, convertDocument, isEmptyDocument } from "./yaml-convert.js";
import { YamlGuard } from "./yaml-guard.js";

/** Options of {@link parseYamlDocument}. */
export interface YamlParseOptions {
  /**
   * Resolve plain scalars the way sigs.k8s.io/yaml v1.6.0 does (go-yaml v2, YAML 1.1), which is
   * how Kuma reads MeshProxyPatch `value:` strings: `yes/no/on/off/y/n` are booleans, `0777` is
   * octal 511, `0o17` is 15, `1_000` is 1000, while `1:30` and `2001-12-14` stay strings.
   * The `yaml` package's own 1.1 schema disagrees on the last ones (sexagesimal 90, a Date, and
   * `0o17` as a string), so it only parses the structure and we resolve plain scalars ourselves.
   * Map keys stay strings either way (sigs.k8s.io/yaml would turn a key `on` into "true").
   */
  readonly yaml11?: boolean;
}

const MAX_DEPTH = DEFAULT_SHAPE_LIMITS.maxDepth;

/**
 * Composer options: no duplicate-key check (the package's is quadratic; {@link convertDocument}
 * uses a Set), no `<<` merging, no tag resolution, keys as strings. `maxAliasCount` only matters
 * for `toJS()`, which we never call (aliases are refused outright); it is here so that a future
 * `toJS()` is safe too.
 */
function composerOptions(yaml11: boolean): ParseOptions & DocumentOptions & SchemaOptions {
  const options: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {
    version: yaml11 ? "1.1" : "1.2",
    maxAliasCount: 0,
    uniqueKeys: false,
    resolveKnownTags: false,
    merge: false,
    stringKeys: true,
    strict: true,
    logLevel: "silent", // warnings land in doc.warnings; never print from a Worker
  };
  return options;
}

/**
 * The parser's error as one short line: the first line of its message, and where it is. Errors of
 * a document carry their offset; errors of an empty stream are reported without one (as
 * `parseAllDocuments` leaves them).
 */
function parserViolation(path: string, e: YAMLError, lineCounter: LineCounter | null): Violation {
  const text = e.message.split("\n", 1)[0] ?? "";
  const offset = e.pos[0];
  const pos = lineCounter !== null && offset !== -1 ? lineCounter.linePos(offset) : undefined;
  return { path, message: clip(`YAML syntax error: ${text}${pos ? ` (line ${pos.line}, column ${pos.col})` : ""}`) };
}

/** What `parseAllDocuments` does, on the guard's tokens: Lexer → guard → Parser → Composer. */
function composeGuarded(
  guard: YamlGuard,
  lineCounter: LineCounter,
  yaml11: boolean,
): { docs: Document.Parsed[]; streamErrors: readonly YAMLError[] } {
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer(composerOptions(yaml11));
  // Stop collecting at the first error: only it is reported (see the top of this file). The
  // Composer reports through its own `onError` field; errors it makes of `error` tokens are not
  // routed there, so those tokens are held back once an error has been seen.
  let failed = false;
  const inner = composer as unknown as { onError: (source: unknown, code: unknown, message: string, warning?: boolean) => void };
  const report = inner.onError;
  inner.onError = (source, code, message, warning) => {
    if (failed) return;
    report(source, code, message, warning);
    if (warning !== true) failed = true;
  };
  function* cst() {
    lineCounter.addNewLine(0);
    for (const token of guard.tokens())
      for (const t of parser.next(token)) {
        if (t.type === "error") {
          if (failed) continue;
          failed = true;
        }
        yield t;
      }
    if (guard.refusal === null) for (const t of parser.end()) if (!(failed && t.type === "error")) yield t; // a refused text is not finished
  }
  const docs = Array.from(composer.compose(cst())) as Document.Parsed[];
  return { docs, streamErrors: docs.length === 0 ? composer.streamInfo().errors : [] };
}

/** Guard, parse, and collect the non-empty documents; never throws. */
function parseStream(
  text: string,
  path: string,
  yaml11: boolean,
): Result<{ docs: Document.Parsed[]; lineCounter: LineCounter }> {
  const guard = new YamlGuard(text, MAX_DEPTH);
  const lineCounter = new LineCounter();
  let composed: ReturnType<typeof composeGuarded> | undefined;
  try {
    composed = composeGuarded(guard, lineCounter, yaml11);
  } catch (e) {
    if (guard.refusal === null) throw e;
  }
  // A refusal wins over anything the parser made of the text before it (as when the guard ran
  // over the whole text first), even over a throw.
  const refusal = guard.refusal;
  if (refusal !== null) {
    return fail([{ path, message: `${refusal.message} (line ${refusal.line}, column ${refusal.col})` }]);
  }
  const { docs, streamErrors } = composed as ReturnType<typeof composeGuarded>;
  for (const doc of docs) {
    const first = doc.errors[0];
    if (first !== undefined) return fail([parserViolation(path, first, lineCounter)]);
  }
  if (streamErrors[0] !== undefined) return fail([parserViolation(path, streamErrors[0], null)]);
  return ok({ docs: docs.filter((d) => !isEmptyDocument(d)), lineCounter });
}

function unexpected(path: string, e: unknown): Violation {
  // The parser should not throw; if it does, report it without a stack.
  const text = e instanceof RangeError ? "input is nested too deeply" : "the parser failed";
  return { path, message: `YAML could not be parsed: ${text}` };
}

/**
 * Parses text that must hold exactly one YAML document into a plain JSON value.
 *
 * Zero documents (empty text, only comments) give `null`. More than one non-empty document is a
 * violation (go-yaml would silently read only the first). Anchors, aliases, tags, directives,
 * `<<` merge keys, duplicate keys and nesting deeper than 64 are refused; every violation has
 * `path` as its path, with the key path inside the document appended where there is one, and the
 * message names the line and column.
 *
 * @param text    untrusted YAML text
 * @param path    violation path of the field that held the text
 * @param options `yaml11: true` resolves plain scalars like sigs.k8s.io/yaml (YAML 1.1)
 */
export function parseYamlDocument(text: string, path: string, options?: YamlParseOptions): Result<unknown> {
  try {
    const parsed = parseStream(text, path, options?.yaml11 === true);
    if (!parsed.ok) return parsed;
    const { docs, lineCounter } = parsed.value;
    if (docs.length > 1) {
      const second = docs[1] as Document.Parsed;
      const line = second.range ? ` (the second starts at line ${lineCounter.linePos(second.range[0]).line})` : "";
      return fail([{ path, message: `expected one YAML document, found ${docs.length}${line}` }]);
    }
    const doc = docs[0];
    if (doc === undefined) return ok(null);
    const converted = convertDocument({ lineCounter, yaml11: options?.yaml11 === true, basePath: path }, doc);
    if (!converted.ok) return converted;
    const shape = checkShape(converted.value, path);
    return shape.length > 0 ? fail(shape) : converted;
  } catch (e) {
    return fail([unexpected(path, e)]);
  }
}

/**
 * The YAML texts one request has already parsed successfully, by text and dialect: a MeshProxyPatch `value:` is
 * parsed once at admission and read again when applied, by every dataplane of a batch. A value depends only on the
 * text (the path shows only in violations, which are never kept), and parsed values are never mutated.
 */
export class YamlMemo {
  private readonly values = new Map<string, unknown>();

  /** {@link parseYamlDocument}, answered from the memo when this text parsed before. */
  parse(text: string, path: string, options?: YamlParseOptions): Result<unknown> {
    const key = `${options?.yaml11 === true ? "1.1" : "1.2"}\n${text}`;
    if (this.values.has(key)) return ok(this.values.get(key));
    const parsed = parseYamlDocument(text, path, options);
    if (parsed.ok) this.values.set(key, parsed.value);
    return parsed;
  }
}

/**
 * Parses a multi-document YAML stream (`---` separated), e.g. a `resources` field given as one
 * YAML string. Documents without content are skipped; the others are returned in order, and
 * violations inside document k are reported at `${path}[k]…` (k counts returned documents).
 * Same refusals as {@link parseYamlDocument}; YAML 1.2 resolution.
 */
export function parseYamlStream(text: string, path: string): Result<unknown[]> {
  try {
    const parsed = parseStream(text, path, false);
    if (!parsed.ok) return parsed;
    const { docs, lineCounter } = parsed.value;
    const out: unknown[] = [];
    for (const [k, doc] of docs.entries()) {
      const basePath = joinPath(path, k);
      const converted = convertDocument({ lineCounter, yaml11: false, basePath }, doc);
      if (!converted.ok) return converted;
      // Per document, so a resource may be as deep as the same resource sent on its own.
      const shape = checkShape(converted.value, basePath);
      if (shape.length > 0) return fail(shape);
      out.push(converted.value);
    }
    return ok(out);
  } catch (e) {
    return fail([unexpected(path, e)]);
  }
}
