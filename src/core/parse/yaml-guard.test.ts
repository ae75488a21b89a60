import { Lexer } from "yaml";
import { describe, expect, it } from "vitest";
import { guardYaml, YamlGuard } from "./yaml-guard.js";

const refusal = (message: string, line: number, col: number) => ({ message, line, col });
const ANCHOR = "YAML anchors are not accepted";
const ALIAS = "YAML aliases are not accepted";
const TAG = "YAML tags are not accepted";
const DIRECTIVE = "YAML directives (%YAML, %TAG) are not accepted";
const TOO_DEEP = "YAML nesting is deeper than 64 levels";

/** CPU-bound milliseconds taken by `fn`, with its result. */
function timed<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

describe("guardYaml: node properties and directives", () => {
  it("refuses an anchor, an alias and a tag where a node starts, at its first character", () => {
    expect(guardYaml("a: &x 1\n", 64)).toEqual(refusal(ANCHOR, 1, 4));
    expect(guardYaml("list:\n- *ref\n", 64)).toEqual(refusal(ALIAS, 2, 3));
    expect(guardYaml("k: !!str v\n", 64)).toEqual(refusal(TAG, 1, 4));
    expect(guardYaml("k: !<tag:yaml.org,2002:str> v\n", 64)).toEqual(refusal(TAG, 1, 4));
    expect(guardYaml("[a, {b: [c, !foo d]}]", 64)).toEqual(refusal(TAG, 1, 13));
    expect(guardYaml("? &k a\n: b\n", 64)).toEqual(refusal(ANCHOR, 1, 3));
    expect(guardYaml("--- !!map\nx: 1\n", 64)).toEqual(refusal(TAG, 1, 5));
  });

  it("refuses %YAML and %TAG directives, also before a later document", () => {
    expect(guardYaml("%TAG !e! tag:example.com,2000:\n---\nx: 1\n", 64)).toEqual(refusal(DIRECTIVE, 1, 1));
    expect(guardYaml("a: 1\n...\n%YAML 1.2\n---\nb: 2\n", 64)).toEqual(refusal(DIRECTIVE, 3, 1));
  });

  it("counts lines at LF (CRLF too) and columns in UTF-16 units, a BOM included", () => {
    expect(guardYaml("a: 1\r\nb: *x\r\n", 64)).toEqual(refusal(ALIAS, 2, 4));
    expect(guardYaml("\uFEFFa: &x 1\n", 64)).toEqual(refusal(ANCHOR, 1, 5));
  });

  it("reports the first refusal in the text", () => {
    expect(guardYaml("a: *x\nb: &y 1\n", 64)).toEqual(refusal(ALIAS, 1, 4));
  });

  it("accepts * & ! % as content of scalars and comments", () => {
    const text = [
      "plain: foo*bar&baz!qux",
      "spaced: a & b ! c * d",
      'double: "*a &b !c\n  %YAML"',
      "single: '%TAG *a'",
      "# *a &b !c %YAML",
      "lit: |",
      "  *a &b !c",
      "  %YAML 1.2",
      "",
    ].join("\n");
    expect(guardYaml(text, 64)).toBeNull();
  });

  it("leaves a `%` at column 1 inside a document to the parser: only the stream has directives", () => {
    // YAML 1.2.2 §9.2: directives come before `---`; inside a document this is a plain scalar
    // starting with an indicator, which the parser reports as a syntax error.
    expect(guardYaml("a: 1\n%b: 2\n", 64)).toBeNull();
  });

  it("accepts them at the start of a plain scalar's continuation line (YAML 1.2.2 §7.3.3: ns-plain-char)", () => {
    expect(guardYaml("multi: first\n  *second &third !fourth\n", 64)).toBeNull();
    expect(guardYaml("top\n*level\n%continues\n", 64)).toBeNull();
  });

  it("leaves unterminated quotes to the parser", () => {
    expect(guardYaml('a: "unterminated *x', 64)).toBeNull();
  });
});

describe("guardYaml: depth", () => {
  it("accepts 64 nested flow collections and refuses the 65th, at its bracket", () => {
    expect(guardYaml("[".repeat(64) + "]".repeat(64), 64)).toBeNull();
    expect(guardYaml("[".repeat(65) + "]".repeat(65), 64)).toEqual(refusal(TOO_DEEP, 1, 65));
    expect(guardYaml("{a: ".repeat(65), 64)).toEqual(refusal(TOO_DEEP, 1, 4 * 64 + 1));
    expect(guardYaml("[\n".repeat(65), 64)).toEqual(refusal(TOO_DEEP, 65, 1));
  });

  it("counts a block mapping level per indented key, at the key", () => {
    const block = (n: number) => {
      let s = "";
      for (let i = 0; i < n - 1; i++) s += `${" ".repeat(i)}k:\n`;
      return `${s}${" ".repeat(n - 1)}leaf: 1\n`;
    };
    expect(guardYaml(block(64), 64)).toBeNull();
    expect(guardYaml(block(65), 64)).toEqual(refusal(TOO_DEEP, 65, 65));
  });

  it("counts compact nested sequences `- - -`, at the indicator", () => {
    expect(guardYaml(`${"- ".repeat(64)}x\n`, 64)).toBeNull();
    expect(guardYaml(`${"- ".repeat(65)}x\n`, 64)).toEqual(refusal(TOO_DEEP, 1, 2 * 64 + 1));
  });

  it("adds block and flow levels", () => {
    expect(guardYaml(`a:\n  b: ${"[".repeat(62)}${"]".repeat(62)}\n`, 64)).toBeNull();
    expect(guardYaml(`a:\n  b: ${"[".repeat(63)}${"]".repeat(63)}\n`, 64)).toEqual(refusal(TOO_DEEP, 2, 68));
    expect(guardYaml(`${"- ".repeat(32)}${"[".repeat(33)}\n`, 64)).toEqual(refusal(TOO_DEEP, 1, 64 + 33));
  });

  it("closes levels at a line's indentation, so siblings do not add up", () => {
    let text = "";
    for (let i = 0; i < 100; i++) text += `k${i}:\n  x:\n    y: 1\n`;
    expect(guardYaml(text, 3)).toBeNull();
    expect(guardYaml(`${text}k:\n  x:\n    y:\n      z: 1\n`, 3)).toEqual(refusal("YAML nesting is deeper than 3 levels", 304, 7));
  });
});

describe("YamlGuard.tokens", () => {
  it("yields the Lexer's own tokens unchanged", () => {
    const text = "a: [1, {b: 'c'}]\nlit: |\n  x\n# note\nseq:\n- y\n";
    const guard = new YamlGuard(text, 64);
    expect([...guard.tokens()]).toEqual([...new Lexer().lex(text)]);
    expect(guard.refusal).toBeNull();
  });

  it("stops before the refused token, so a parser fed from it never sees it", () => {
    const text = "a: 1\nb: &x 2\nc: *x\n";
    const all = [...new Lexer().lex(text)];
    const guard = new YamlGuard(text, 64);
    expect([...guard.tokens()]).toEqual(all.slice(0, all.indexOf("&x")));
    expect(guard.refusal).toEqual(refusal(ANCHOR, 2, 4));
  });
});

describe("guardYaml: linear time", () => {
  it("refuses a 10^5-deep [[[… after 65 tokens", () => {
    const { ms, result } = timed(() => guardYaml("[".repeat(100_000), 64));
    expect(result).toEqual(refusal(TOO_DEEP, 1, 65));
    expect(ms).toBeLessThan(50);
  });

  // Bounds are loose on purpose (a loaded 2-core machine); a quadratic scan of these inputs takes minutes.
  it("lexes a 10^5-deep [[[…]]] to the end without a limit (no recursion)", { timeout: 20_000 }, () => {
    const text = "[".repeat(100_000) + "]".repeat(100_000);
    const { ms, result } = timed(() => guardYaml(text, Number.POSITIVE_INFINITY));
    expect(result).toBeNull();
    expect(ms).toBeLessThan(5000);
  });

  it("passes `[` + 130,000 commas + `]` in one pass (the syntax is the parser's job)", { timeout: 20_000 }, () => {
    const { ms, result } = timed(() => guardYaml(`[${",".repeat(130_000)}]`, 64));
    expect(result).toBeNull();
    expect(ms).toBeLessThan(5000);
  });
});
