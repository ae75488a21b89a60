/**
 * Safe YAML parsing of untrusted text (request bodies, `resources` given as one YAML string, and
 * MeshProxyPatch `value:` strings).
 *
 * Why so defensive: the `yaml` package (2.9.1) costs about 1 ms of CPU per KB, some inputs are
 * quadratic (8k anchor/alias pairs take 5.6 s, 20k keys with `uniqueKeys` 3.5 s), a 403-byte
 * billion-laughs bomb expands without bound through aliases, and a 2 KB `[[[…` nested 1000 deep
 * can abort Node with an uncatchable RegExpCompiler failure. So, in this order:
 *
 * 1. a linear, token-aware pre-scan refuses anchors, aliases, tags, directives and nesting deeper
 *    than 64 before the parser ever sees the text (a `*`, `&` or `!` inside a quoted string, a
 *    block scalar or a plain scalar such as `foo*bar` is content and is fine);
 * 2. the parser runs with `uniqueKeys: false` (our Set is linear), `merge: false`,
 *    `resolveKnownTags: false`, `stringKeys: true`;
 * 3. {@link convertDocument} turns the parsed nodes into plain JSON, refusing the same things
 *    again (defence in depth) plus duplicate keys and `<<` merge keys;
 * 4. {@link checkShape} re-checks depth, value count and string length on the result.
 *
 * Nothing here throws: every refusal and every parser error becomes a {@link Violation}.
 * See /work/shared/reference/hardening-and-performance.md (findings 3–4, checklist "YAML options").
 */
import {
  LineCounter,
  parseAllDocuments,
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
 * Parser options from the hardening checklist. `maxAliasCount` only matters for `toJS()`, which we
 * never call (aliases are refused outright); it is here so that a future `toJS()` is safe too.
 */
function parserOptions(yaml11: boolean, lineCounter: LineCounter): ParseOptions & DocumentOptions & SchemaOptions {
  const options: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {
    version: yaml11 ? "1.1" : "1.2",
    maxAliasCount: 0,
    uniqueKeys: false,
    resolveKnownTags: false,
    merge: false,
    stringKeys: true,
    prettyErrors: true,
    strict: true,
    logLevel: "silent", // warnings land in doc.warnings; never print from a Worker
    lineCounter,
  };
  return options;
}

// ---------------------------------------------------------------------------------------------
// 1. Pre-scan

interface Refusal {
  readonly message: string;
  readonly line: number;
  readonly col: number;
}

const SP = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const PERCENT = 0x25;
const AMP = 0x26;
const STAR = 0x2a;
const BANG = 0x21;
const DASH = 0x2d;
const QMARK = 0x3f;
const COLON = 0x3a;
const COMMA = 0x2c;
const LBRACK = 0x5b;
const RBRACK = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const PIPE = 0x7c;
const GT = 0x3e;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKSLASH = 0x5c;
const DOT = 0x2e;

const isWs = (c: number): boolean => c === SP || c === TAB || c === CR;
const isBreakOrEnd = (c: number): boolean => c === LF || c === -1;
const isBlankOrEnd = (c: number): boolean => isWs(c) || isBreakOrEnd(c);
const isFlowIndicator = (c: number): boolean =>
  c === COMMA || c === LBRACK || c === RBRACK || c === LBRACE || c === RBRACE;

/**
 * A small YAML lexer that understands just enough structure to tell node properties from content:
 * comments, quoted scalars (multi-line, escapes), block scalars (`|`/`>` and their indented
 * content), plain scalars (block and flow rules), flow collections, `- `/`? ` entries and
 * `key:` indicators. At every position where a node may start it refuses `&` (anchor), `*`
 * (alias) and `!` (tag); `%` at column 1 is a directive.
 *
 * Depth is estimated cheaply: open flow collections plus a stack of block indentation columns
 * (each `key:` or `- ` opens a level at its column; a line pops every level at or right of its
 * indentation). It can under-count a sequence written at its parent key's indentation, which is
 * why the parsed value is checked again; it never under-counts flow nesting, the case that
 * crashes the parser.
 *
 * Known conservative false positive: a continuation line of a multi-line plain scalar that starts
 * with `*`, `&` or `!` is refused. Unterminated quotes end the scan without a refusal; the parser
 * then reports the syntax error.
 */
function prescanYaml(text: string, maxDepth: number): Refusal | null {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0;
  const block: number[] = [];
  let flow = 0;

  const code = (k: number): number => (k < n ? text.charCodeAt(k) : -1);
  const refuse = (message: string, at: number): Refusal => ({ message, line, col: at - lineStart + 1 });
  const tooDeep = (at: number): Refusal => refuse(`YAML nesting is deeper than ${maxDepth} levels`, at);
  const isDocMarker = (p: number): boolean => {
    const c = code(p);
    return (
      p === lineStart &&
      (c === DASH || c === DOT) &&
      code(p + 1) === c &&
      code(p + 2) === c &&
      isBlankOrEnd(code(p + 3))
    );
  };
  /** Opens a block collection at `col`; true if that makes the document too deep. */
  const pushBlock = (col: number): boolean => {
    while (block.length > 0 && (block[block.length - 1] as number) >= col) block.pop();
    block.push(col);
    return block.length + flow > maxDepth;
  };
  /** Moves past the line break at `k` (which must be LF). */
  const breakAt = (k: number): number => {
    line++;
    lineStart = k + 1;
    return k + 1;
  };
  const skipToBreak = (k: number): number => {
    const lf = text.indexOf("\n", k);
    return lf === -1 ? n : lf;
  };

  /** Returns the index after the closing quote, or -1 if the scalar is unterminated. */
  const skipQuoted = (start: number): number => {
    const q = code(start);
    let k = start + 1;
    while (k < n) {
      const c = code(k);
      if (c === LF) {
        k = breakAt(k);
      } else if (q === DQUOTE && c === BACKSLASH) {
        if (code(k + 1) === LF) k = breakAt(k + 1);
        else k += 2;
      } else if (c === q) {
        if (q === SQUOTE && code(k + 1) === SQUOTE) k += 2;
        else return k + 1;
      } else {
        k++;
      }
    }
    return -1;
  };

  /** Returns the index of the character that ends a plain scalar starting at `start`. */
  const skipPlain = (start: number): number => {
    let k = start;
    while (k < n) {
      const c = code(k);
      if (c === LF) return k;
      if (c === COLON) {
        const d = code(k + 1);
        if (isBlankOrEnd(d) || (flow > 0 && isFlowIndicator(d))) return k;
      } else if (c === HASH && k > start && isWs(code(k - 1))) {
        return k;
      } else if (flow > 0 && isFlowIndicator(c)) {
        return k;
      }
      k++;
    }
    return k;
  };

  /**
   * Skips a block scalar whose indicator is at `start`; returns the start of the first line that
   * is not part of it. Content lines are the blank ones and those indented at least as far as the
   * first non-blank line, which must be right of the parent collection's column.
   */
  const skipBlockScalar = (start: number): number => {
    let k = start + 1;
    let explicitIndent = 0;
    for (;;) {
      const c = code(k);
      if (c >= 0x31 && c <= 0x39) explicitIndent = c - 0x30;
      else if (c !== 0x2b && c !== DASH) break; // + and - are chomping indicators
      k++;
    }
    k = skipToBreak(k); // the rest of the header line is whitespace or a comment
    if (k >= n) return n;
    let pos = breakAt(k);
    const parent = block.length > 0 ? (block[block.length - 1] as number) : -1;
    let contentIndent = explicitIndent > 0 ? parent + explicitIndent : -1;
    while (pos < n) {
      let j = pos;
      while (code(j) === SP) j++;
      let m = j;
      while (isWs(code(m))) m++;
      if (isBreakOrEnd(code(m))) {
        if (m >= n) return n;
        pos = breakAt(m);
        continue;
      }
      const indent = j - pos;
      if (contentIndent < 0) {
        if (indent <= parent) break;
        contentIndent = indent;
      }
      if (indent < contentIndent || (indent === 0 && isDocMarker(pos))) break;
      const end = skipToBreak(pos);
      if (end >= n) return n;
      pos = breakAt(end);
    }
    return pos;
  };

  while (i < n) {
    // --- start of a line (i === lineStart, or just after a BOM) ---
    let j = i;
    while (code(j) === SP) j++;
    const indent = j - i;
    let first = j;
    while (isWs(code(first))) first++;
    const fc = code(first);
    if (isBreakOrEnd(fc) || fc === HASH) {
      const end = skipToBreak(first);
      if (end >= n) break;
      i = breakAt(end);
      continue;
    }
    if (fc === PERCENT && first === lineStart) return refuse("YAML directives (%YAML, %TAG) are not accepted", first);
    i = first;
    if (flow === 0) {
      if (indent === 0 && isDocMarker(i)) {
        block.length = 0;
        i += 3;
      } else {
        while (block.length > 0 && (block[block.length - 1] as number) >= indent) block.pop();
      }
    }

    // --- tokens on this line ---
    let expectNode = true;
    let prevWs = true;
    for (;;) {
      const c = code(i);
      if (c === -1) return null;
      if (c === LF) {
        i = breakAt(i);
        break;
      }
      if (isWs(c)) {
        i++;
        prevWs = true;
        continue;
      }
      if (c === HASH && prevWs) {
        i = skipToBreak(i);
        continue;
      }
      prevWs = false;

      if (!expectNode) {
        // After a complete node: only indicators matter; anything else is a syntax error the
        // parser will report.
        if (c === COLON && (isBlankOrEnd(code(i + 1)) || flow > 0)) expectNode = true;
        else if (flow > 0 && c === COMMA) expectNode = true;
        else if (flow > 0 && (c === RBRACK || c === RBRACE)) flow--;
        else if (c === LBRACK || c === LBRACE) {
          expectNode = true;
          continue; // reprocess as a node start
        }
        i++;
        continue;
      }

      // A node may start here.
      if (c === AMP) return refuse("YAML anchors are not accepted", i);
      if (c === STAR) return refuse("YAML aliases are not accepted", i);
      if (c === BANG) return refuse("YAML tags are not accepted", i);
      const next = code(i + 1);
      if (flow === 0 && (c === DASH || c === QMARK) && isBlankOrEnd(next)) {
        if (pushBlock(i - lineStart)) return tooDeep(i);
        i++;
        continue;
      }
      if (c === COLON && (isBlankOrEnd(next) || (flow > 0 && isFlowIndicator(next)))) {
        i++; // value indicator of an empty key
        continue;
      }
      if (c === LBRACK || c === LBRACE) {
        flow++;
        if (block.length + flow > maxDepth) return tooDeep(i);
        i++;
        continue;
      }
      if (c === RBRACK || c === RBRACE) {
        if (flow > 0) flow--;
        expectNode = false;
        i++;
        continue;
      }
      if (c === COMMA && flow > 0) {
        i++;
        continue;
      }
      if (flow === 0 && (c === PIPE || c === GT)) {
        i = skipBlockScalar(i);
        break; // skipBlockScalar stops at the start of a line
      }

      // A scalar: quoted or plain. If a `:` indicator follows, it was a key.
      const start = i;
      const startCol = i - lineStart;
      const quoted = c === DQUOTE || c === SQUOTE;
      if (quoted) {
        i = skipQuoted(i);
        if (i < 0) return null;
      } else {
        i = skipPlain(i);
      }
      prevWs = isWs(code(i - 1));
      let k = i;
      while (code(k) === SP || code(k) === TAB) k++;
      const after = code(k + 1);
      if (code(k) === COLON && (isBlankOrEnd(after) || (flow > 0 && (quoted || isFlowIndicator(after))))) {
        if (flow === 0 && pushBlock(startCol)) return tooDeep(start);
        i = k + 1;
        prevWs = false;
        continue; // expectNode stays true: the value comes next
      }
      expectNode = false;
    }
  }
  return null;
}

/** The parser's error as one short line: its message without the pretty-printed excerpt. */
function parserViolation(path: string, e: YAMLError): Violation {
  const firstLine = e.message.split("\n", 1)[0] ?? "";
  const text = firstLine.replace(/ at line \d+, column \d+:?$/, "");
  const pos = e.linePos?.[0];
  return { path, message: clip(`YAML syntax error: ${text}${pos ? ` (line ${pos.line}, column ${pos.col})` : ""}`) };
}

/** Pre-scan, parse, and collect the non-empty documents; never throws. */
function parseStream(
  text: string,
  path: string,
  yaml11: boolean,
): Result<{ docs: Document.Parsed[]; lineCounter: LineCounter }> {
  const refusal = prescanYaml(text, MAX_DEPTH);
  if (refusal !== null) {
    return fail([{ path, message: `${refusal.message} (line ${refusal.line}, column ${refusal.col})` }]);
  }
  const lineCounter = new LineCounter();
  const all = parseAllDocuments(text, parserOptions(yaml11, lineCounter));
  for (const doc of all) {
    const first = doc.errors[0];
    if (first !== undefined) return fail([parserViolation(path, first)]);
  }
  const streamErrors = (all as { errors?: readonly YAMLError[] }).errors;
  if (all.length === 0 && streamErrors !== undefined && streamErrors[0] !== undefined) {
    return fail([parserViolation(path, streamErrors[0])]);
  }
  return ok({ docs: all.filter((d) => !isEmptyDocument(d)), lineCounter });
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
