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
