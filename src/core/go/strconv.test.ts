// Go strconv.Quote (src/strconv/quote.go at go1.26.5, the Go version kumahq/kuma@v2.14.3 builds with).
import { describe, expect, it } from "vitest";
import { goQuote } from "./strconv.js";

describe("strconv.Quote", () => {
  it("quotes like Go's %q", () => {
    expect(goQuote("type.googleapis.com/a.B")).toBe('"type.googleapis.com/a.B"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("\n\t\x01\x7f")).toBe('"\\n\\t\\x01\\x7f"');
    expect(goQuote("é")).toBe('"é"');
    expect(goQuote("\u00a0")).toBe('"\\u00a0"');
  });
});

// Go's quotetests (the Quote column) and quoterunetests (as one-rune strings) in
// src/strconv/quote_test.go. Go's "abc\xffdef" (invalid UTF-8) has no JavaScript string form.
describe("strconv.Quote: Go's quotetests", () => {
  const cases: [string, string][] = [
    ["\x07\b\f\r\n\t\v", '"\\a\\b\\f\\r\\n\\t\\v"'],
    ["\\", '"\\\\"'],
    ["\u263a", '"☺"'],
    ["\u{10ffff}", '"\\U0010ffff"'],
    ["\x04", '"\\x04"'],
    // non-printable but graphic runes
    ["!\u00a0!\u2000!\u3000!", '"!\\u00a0!\\u2000!\\u3000!"'],
    // quoterunetests
    ["a", '"a"'],
    ["\u00ff", '"ÿ"'],
    ["\ufffd", '"\ufffd"'],
  ];
  for (const [s, q] of cases) it(`Quote(${JSON.stringify(s)}) = ${q}`, () => expect(goQuote(s)).toBe(q));
});
