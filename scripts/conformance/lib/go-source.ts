/**
 * The Go source text a transcribed test case depends on, so a case transcribed at one tag is compared at
 * another only when that text is the same there. For a Ginkgo table test the text is the `Entry(...)` that
 * names the golden (found by a string literal in it) plus the test's code before its first `Entry(`
 * (test-case type, helpers, table body); the package clause and imports are left out (Kuma's module path
 * changed to `/v2`), comments are dropped and whitespace is collapsed. Package-level helpers in other files
 * (e.g. a suite's shared fixtures) are not part of it.
 */

/** Index just past the literal or comment that starts at `i`, or `i` when none starts there. */
function skipLiteral(text: string, i: number): number {
  const c = text[i];
  if (c === "/" && text[i + 1] === "/") {
    const nl = text.indexOf("\n", i);
    return nl < 0 ? text.length : nl;
  }
  if (c === "/" && text[i + 1] === "*") {
    const end = text.indexOf("*/", i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (c === "`") {
    const end = text.indexOf("`", i + 1);
    return end < 0 ? text.length : end + 1;
  }
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  return i;
}

/** Removes comments, keeps literals verbatim (a YAML literal's indentation is input), collapses whitespace outside them. */
export function normalizeGo(text: string): string {
  let out = "";
  let space = false;
  let i = 0;
  const put = (s: string) => {
    if (space && out !== "") out += " ";
    space = false;
    out += s;
  };
  while (i < text.length) {
    const j = skipLiteral(text, i);
    if (j > i) {
      const lit = text.slice(i, j);
      if (lit.startsWith("//") || lit.startsWith("/*")) space = true;
      else put(lit);
      i = j;
      continue;
    }
    if (/\s/.test(text[i]!)) space = true;
    else put(text[i]!);
    i++;
  }
  return out;
}

/** End index (exclusive) of the call whose `(` is at `open`, skipping literals and comments. */
function matchParen(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const j = skipLiteral(text, i);
    if (j > i) {
      i = j;
      continue;
    }
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i + 1;
    i++;
  }
  return text.length;
}

/** Positions of every `Entry(` call that is code (not inside a literal or comment). */
function entryStarts(text: string): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    const j = skipLiteral(text, i);
    if (j > i) {
      i = j;
      continue;
    }
    if (text.startsWith("Entry(", i) && !/[A-Za-z0-9_]/.test(text[i - 1] ?? " ")) out.push(i);
    i++;
  }
  return out;
}

/** The code after the import block (or the package clause when there is none). */
function afterImports(text: string): string {
  const m = /^import\s*\(/m.exec(text);
  if (m) return text.slice(matchParen(text, m.index + m[0].length - 1));
  const single = /^import\s+(?:\w+\s+)?"[^"]*"\s*$/gm;
  let last = 0;
  for (let s = single.exec(text); s; s = single.exec(text)) last = s.index + s[0].length;
  if (last > 0) return text.slice(last);
  const pkg = /^package\s+\w+\s*$/m.exec(text);
  return pkg ? text.slice(pkg.index + pkg[0].length) : text;
}

/** Every `Entry(...)` call of a Go test file, verbatim, in order. */
export function goEntries(text: string): string[] {
  return entryStarts(text).map((s) => text.slice(s, matchParen(text, s + "Entry".length)));
}

/**
 * The normalized source of the table entry holding the string literal `"key"` (with the test's code before
 * its first entry), or undefined when no entry holds it.
 */
export function goCaseSource(text: string, key: string): string | undefined {
  const literal = JSON.stringify(key);
  const entry = goEntries(text).find((e) => e.includes(literal));
  if (entry === undefined) return undefined;
  const body = afterImports(text);
  const first = entryStarts(body)[0] ?? body.length;
  return `${normalizeGo(body.slice(0, first))}\n${normalizeGo(entry)}`;
}

/** The normalized source of the Ginkgo `It("<title>", ...)` call of a Go test, or undefined when there is none. */
export function goItSource(text: string, title: string): string | undefined {
  const call = `It(${JSON.stringify(title)}`;
  let i = 0;
  while (i < text.length) {
    const j = skipLiteral(text, i);
    if (j > i) {
      i = j;
      continue;
    }
    if (text.startsWith(call, i) && !/[A-Za-z0-9_]/.test(text[i - 1] ?? " ")) return normalizeGo(text.slice(i, matchParen(text, i + 2)));
    i++;
  }
  return undefined;
}

/** A short rendering of where two normalized sources first differ (a few tokens of each). */
export function firstDifference(a: string, b: string): string {
  const ta = a.split(/\s+/);
  const tb = b.split(/\s+/);
  let i = 0;
  while (i < ta.length && i < tb.length && ta[i] === tb[i]) i++;
  const clip = (t: string[]) => {
    const s = t.slice(Math.max(0, i - 3), i + 6).join(" ");
    const shown = s.length > 140 ? `${s.slice(0, 139)}…` : s;
    return i >= t.length ? `${shown} (ends)` : shown;
  };
  return `"${clip(ta)}" where it reads "${clip(tb)}"`;
}
