/**
 * RE2 regexes of route configurations (`safeRegex`), compiled with re2js (RE2 semantics, linear-time matching), with
 * two things re2js does not give: a size estimate made *before* compiling, and a bounded cache of compiled patterns.
 *
 * Why: re2js compiles `a{1000}` into a thousand instructions, and one 1,022-character pattern of such repeats took
 * 2 to 3 s to compile in Node (issue #15). RE2 (C++) measures the same thing as its "program size" (instructions),
 * which Envoy reads to refuse regexes (envoyproxy/envoy@v1.38.2 source/common/common/regex.cc: runtime key
 * `re2.max_program_size.error_level`, default 100). re2js only tells the size after compiling, so
 * {@link re2ProgramSize} estimates it from the pattern text in one pass.
 */
import { RE2JS } from "re2js";

/** A compiled pattern, or why RE2 refuses it (RE2's message, see {@link re2ErrorText}). */
export type CompiledRegex = { readonly ok: true; readonly re: RE2JS } | { readonly ok: false; readonly message: string };

/**
 * The estimated program size above which meshsim refuses to compile a pattern (a meshsim limit, not Envoy's): ten
 * times the level above which Kuma's bootstrap has Envoy log a warning (`re2.max_program_size.warn_level: 1000`,
 * kumahq/kuma@v2.14.3 pkg/xds/bootstrap/template_v3.go). re2js compiles such a pattern in about 10 to 50 ms.
 */
export const MAX_REGEX_PROGRAM_SIZE = 10_000;

/** How many compiled patterns are kept across requests; the least recently used goes first. */
export const REGEX_CACHE_SIZE = 256;

/** RE2's error texts (google/re2 re2/regexp.cc kErrorStrings) for the Go codes re2js reports (Go regexp/syntax ErrorCode). */
const RE2_TEXT: Readonly<Record<string, string>> = {
  "invalid character class": "invalid character class",
  "invalid character class range": "invalid character class range",
  "invalid escape sequence": "invalid escape sequence",
  "invalid named capture": "invalid named capture group",
  "invalid or unsupported Perl syntax": "invalid perl operator",
  "invalid nested repetition operator": "bad repetition operator",
  "invalid repeat count": "invalid repetition size",
  "invalid UTF-8": "invalid UTF-8",
  "missing argument to repetition operator": "no argument for repetition operator",
  "missing closing )": "missing )",
  "missing closing ]": "missing ]",
  "trailing backslash at end of expression": "trailing \\",
  "unexpected )": "unexpected )",
};

/**
 * RE2's `RegexpStatus::Text()` ("<code text>: <argument>") for re2js's Go-style message
 * ("error parsing regexp: <code>: `<argument>`"). Codes without an RE2 equivalent keep re2js's wording; the argument
 * RE2 prints can differ from Go's (docs/fidelity.md).
 */
export function re2ErrorText(goMessage: string): string {
  const m = /^error parsing regexp: (.*?)(?:: `([\s\S]*)`)?$/.exec(goMessage);
  if (!m) return goMessage;
  const code = m[1] ?? "";
  const text = RE2_TEXT[code] ?? code;
  return m[2] === undefined ? text : `${text}: ${m[2]}`;
}

// ---- program size estimate ----

const REPEAT = /^\{(\d+)(,(\d*))?\}/;

/**
 * An estimate of RE2's program size (instructions) for `pattern`, in one pass over the text, without compiling.
 * It counts what Go's and re2js's compilers emit: one instruction per literal, class, `.`, anchor; two per capture
 * group; one per `|`, `*`, `+`, `?`; a counted repeat `x{n,m}` as m copies of x plus one per optional copy; and 2 for
 * the program's frame (fail and match: 2). It is approximate: RE2 (C++) compiles to UTF-8 byte ranges, so non-ASCII literals,
 * classes and case folding cost it more instructions, and it simplifies some patterns to fewer. Invalid syntax is
 * estimated as far as it goes (compiling it reports the error).
 */
export function re2ProgramSize(pattern: string): number {
  // One frame per open group: the size so far of the finished alternatives, the current concatenation, and the size
  // of the last atom (what a repeat operator applies to).
  interface Frame {
    alts: number;
    concat: number;
    last: number;
    capture: boolean;
  }
  const stack: Frame[] = [{ alts: 0, concat: 0, last: 0, capture: false }];
  const top = () => stack[stack.length - 1] as Frame;
  const atom = (n: number) => {
    const f = top();
    f.concat += n;
    f.last = n;
  };
  const cap = (n: number) => Math.min(n, Number.MAX_SAFE_INTEGER);
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === "Q") {
        // \Q...\E: every character literal.
        const end = pattern.indexOf("\\E", i + 2);
        const stop = end === -1 ? pattern.length : end;
        atom(stop - (i + 2));
        i = end === -1 ? stop : end + 2;
        continue;
      }
      if ((next === "p" || next === "P") && pattern[i + 2] === "{") {
        const end = pattern.indexOf("}", i + 3);
        i = end === -1 ? pattern.length : end + 1;
      } else if (next === "x" && pattern[i + 2] === "{") {
        const end = pattern.indexOf("}", i + 3);
        i = end === -1 ? pattern.length : end + 1;
      } else if (next === "x") i += 4;
      else i += 2;
      atom(1);
      continue;
    }
    if (ch === "[") {
      // A class is one instruction; skip to its closing `]` (a leading `]` or `^]` is a member, `[:name:]` nests).
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") {
        if (pattern[j] === "\\") j += 2;
        else if (pattern[j] === "[" && pattern[j + 1] === ":") {
          const end = pattern.indexOf(":]", j + 2);
          j = end === -1 ? j + 1 : end + 2;
        } else j++;
      }
      i = j + 1;
      atom(1);
      continue;
    }
    if (ch === "(") {
      let capture = true;
      let j = i + 1;
      if (pattern[j] === "?") {
        capture = pattern[j + 1] === "P" || pattern[j + 1] === "<";
        if (capture) {
          const end = pattern.indexOf(">", j);
          j = end === -1 ? pattern.length : end + 1;
        } else {
          // (?flags) sets flags and opens nothing; (?flags:...) opens a group.
          while (j < pattern.length && pattern[j] !== ")" && pattern[j] !== ":") j++;
          if (pattern[j] === ")") {
            i = j + 1;
            continue;
          }
          j++;
        }
      }
      stack.push({ alts: 0, concat: 0, last: 0, capture });
      i = j;
      continue;
    }
    if (ch === ")" && stack.length > 1) {
      const f = stack.pop() as Frame;
      atom(cap(f.alts + f.concat + (f.capture ? 2 : 0)));
      i++;
      continue;
    }
    if (ch === "|") {
      const f = top();
      f.alts = cap(f.alts + f.concat + 1);
      f.concat = 0;
      f.last = 0;
      i++;
      continue;
    }
    if (ch === "*" || ch === "+" || ch === "?") {
      const f = top();
      f.concat += 1;
      f.last += 1;
      i++;
      if (pattern[i] === "?") i++; // lazy
      continue;
    }
    if (ch === "{") {
      const m = REPEAT.exec(pattern.slice(i, i + 24));
      if (m) {
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === "" ? min + 1 : Number(m[3]);
        const f = top();
        const repeated = cap(f.last * Math.max(max, 1) + Math.max(max - min, 0));
        f.concat = cap(f.concat - f.last + repeated);
        f.last = repeated;
        i += m[0].length;
        if (pattern[i] === "?") i++;
        continue;
      }
    }
    atom(1);
    i++;
  }
  while (stack.length > 1) {
    const f = stack.pop() as Frame;
    atom(cap(f.alts + f.concat + (f.capture ? 2 : 0)));
  }
  const root = top();
  return cap(root.alts + root.concat + 2);
}

// ---- compiled patterns, cached ----

const cache = new Map<string, CompiledRegex>();

function compileUncached(pattern: string): CompiledRegex {
  try {
    return { ok: true, re: RE2JS.compile(pattern) };
  } catch (e) {
    return { ok: false, message: re2ErrorText(e instanceof Error ? e.message : String(e)) };
  }
}

/**
 * `pattern` compiled by re2js, from a cache of the {@link REGEX_CACHE_SIZE} most recently used patterns. A compiled
 * pattern holds no match state (each match makes its own matcher), so sharing it between requests changes only the
 * time an answer takes. The caller checks {@link re2ProgramSize} first: this compiles whatever it is given.
 */
export function compileRe2(pattern: string): CompiledRegex {
  const hit = cache.get(pattern);
  if (hit) {
    // Most recently used last: a Map iterates in insertion order.
    cache.delete(pattern);
    cache.set(pattern, hit);
    return hit;
  }
  const compiled = compileUncached(pattern);
  cache.set(pattern, compiled);
  if (cache.size > REGEX_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}

/** How many patterns the cache holds (for tests). */
export function regexCacheSize(): number {
  return cache.size;
}
