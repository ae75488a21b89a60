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

// Go's validTests in src/encoding/json/scanner_test.go (json.Valid uses the same checkValid).
describe("encoding/json: Go's validTests", () => {
  const cases: [string, boolean][] = [
    ["foo", false],
    ["}{", false],
    ["{]", false],
    ["{}", true],
    ['{"foo":"bar"}', true],
    ['{"foo":"bar","bar":{"baz":["qux"]}}', true],
  ];
  for (const [data, ok] of cases) it(`${data} valid: ${ok}`, () => expect(goJsonSyntaxError(data) === undefined).toBe(ok));
});

// The syntax and raw-value error rows of Go's unmarshalTests in src/encoding/json/decode_test.go
// (json.Unmarshal reports checkValid's error), and indentErrorTests in scanner_test.go.
describe("encoding/json: Go's unmarshalTests syntax errors", () => {
  const cases: [string, string][] = [
    ["", "unexpected end of JSON input"],
    [" \n\r\t", "unexpected end of JSON input"],
    ["[2, 3", "unexpected end of JSON input"],
    ['{"X": "foo", "Y"}', "invalid character '}' after object key"],
    ["[1, 2, 3+]", "invalid character '+' after array element"],
    ['{"X":12x}', "invalid character 'x' after object key:value pair"],
    ['{"F3": -}', "invalid character '}' in numeric literal"],
    ['{"X": "foo" "Y": "bar"}', "invalid character '\"' after object key:value pair"],
    // raw value errors
    ["\x01 42", "invalid character '\\x01' looking for beginning of value"],
    [" 42 \x01", "invalid character '\\x01' after top-level value"],
    ["\x01 true", "invalid character '\\x01' looking for beginning of value"],
    [" false \x01", "invalid character '\\x01' after top-level value"],
    ["\x01 1.2", "invalid character '\\x01' looking for beginning of value"],
    [" 3.4 \x01", "invalid character '\\x01' after top-level value"],
    ['\x01 "string"', "invalid character '\\x01' looking for beginning of value"],
    [' "string" \x01', "invalid character '\\x01' after top-level value"],
  ];
  for (const [text, err] of cases) it(`${JSON.stringify(text)} → ${err}`, () => expect(goJsonSyntaxError(text)).toBe(err));

  // scanner.go's quoteChar shows the offending byte as strconv.Quote(string(c)) does: the first
  // byte of "é" (0xc3) is shown as the rune U+00C3.
  it("a non-ASCII byte is shown as its Latin-1 rune", () => {
    expect(goJsonSyntaxError("é")).toBe("invalid character 'Ã' looking for beginning of value");
  });
});

// stream.go Decoder.readValue: at end of input, io.ErrUnexpectedEOF ("unexpected EOF") when
// anything but whitespace was read, io.EOF ("EOF") otherwise; a number ends at the first byte
// that cannot continue it; an object or array ends at its closing bracket.
describe("encoding/json: Decoder.readValue framing", () => {
  it("a number followed by a space is one value, whatever follows", () => {
    expect(goJsonDecodeFirst("1 }")).toEqual({ ok: true, value: 1 });
  });
  it("an array ends at its bracket", () => {
    expect(goJsonDecodeFirst("[1]]")).toEqual({ ok: true, value: [1] });
  });
  it("whitespace only is EOF, a partial value is unexpected EOF", () => {
    expect(goJsonDecodeFirst("\n\t ")).toEqual({ ok: false, message: "EOF" });
    expect(goJsonDecodeFirst("[1,")).toEqual({ ok: false, message: "unexpected EOF" });
  });
});
