// Go encoding/json syntax errors and Decoder framing (src/encoding/json/scanner.go, stream.go at go1.26.5).
import { describe, expect, it } from "vitest";
import { goJsonDecodeFirst, goJsonSyntaxError } from "./json.js";

describe("encoding/json syntax errors (json.Unmarshal's checkValid)", () => {
  const cases: [string, string | undefined][] = [
    ['{"a": 1}', undefined],
    ["  [1, 2.5e3, true, null, \"x\\u00e9\"]  ", undefined],
    ["", "unexpected end of JSON input"],
    ["{", "unexpected end of JSON input"],
    ["tru", "invalid character ' ' in literal true (expecting 'e')"],
    ["1 2", "invalid character '2' after top-level value"],
    ["{a", "invalid character 'a' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a": 1 "b"}', "invalid character '\"' after object key:value pair"],
    ["[1 2]", "invalid character '2' after array element"],
    ["abc", "invalid character 'a' looking for beginning of value"],
    ["01", "invalid character '1' after top-level value"],
    ["1.", "invalid character ' ' after decimal point in numeric literal"], // Go's eof() feeds a space
    ["1.x", "invalid character 'x' after decimal point in numeric literal"],
    ["1ex", "invalid character 'x' in exponent of numeric literal"],
    ["-x", "invalid character 'x' in numeric literal"],
    ['"\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
  ];
  for (const [text, err] of cases) it(`${JSON.stringify(text)} → ${err ?? "valid"}`, () => expect(goJsonSyntaxError(text)).toBe(err));
});

describe("json.Decoder.Decode (how jsonpb.Unmarshal reads its input)", () => {
  it("reads the first value and ignores what follows", () => {
    expect(goJsonDecodeFirst('{"a":1} trailing')).toEqual({ ok: true, value: { a: 1 } });
    expect(goJsonDecodeFirst("12 x")).toEqual({ ok: true, value: 12 });
    expect(goJsonDecodeFirst("12")).toEqual({ ok: true, value: 12 });
  });
  it("truncated input is unexpected EOF; empty input is EOF", () => {
    expect(goJsonDecodeFirst("{")).toEqual({ ok: false, message: "unexpected EOF" });
    expect(goJsonDecodeFirst('{"a": tr')).toEqual({ ok: false, message: "unexpected EOF" });
    expect(goJsonDecodeFirst("  ")).toEqual({ ok: false, message: "EOF" });
  });
  it("syntax errors inside the first value", () => {
    expect(goJsonDecodeFirst("{a: 1}")).toEqual({ ok: false, message: "invalid character 'a' looking for beginning of object key string" });
    expect(goJsonDecodeFirst("circuit_breakers: {}")).toEqual({ ok: false, message: "invalid character 'c' looking for beginning of value" });
  });
});
