// Go standard-library behaviour surfaced in Kuma's messages: time.ParseDuration (src/time/format.go),
// jsonpb Duration output (golang/protobuf v1.5.4 jsonpb/encode.go), encoding/json scanner errors
// (src/encoding/json/scanner.go, stream.go), strconv.Quote, encoding/base64 StdEncoding.
import { describe, expect, it } from "vitest";
import {
  base64DecodeStd,
  base64Encode,
  formatProtoDuration,
  goJsonDecodeFirst,
  goJsonSyntaxError,
  goQuote,
  parseGoDuration,
} from "../../../src/core/xds/proto/go.js";

describe("time.ParseDuration", () => {
  const ok: [string, bigint][] = [
    ["3h", 10_800_000_000_000n],
    ["1m30s", 90_000_000_000n],
    ["500ms", 500_000_000n],
    ["1.5h", 5_400_000_000_000n],
    ["+5s", 5_000_000_000n],
    ["-0", 0n],
    ["1h2m3s4ms5us6ns", 3_723_004_005_006n],
    ["1\u00b5s", 1_000n],
    [".5s", 500_000_000n],
    ["5.s", 5_000_000_000n],
    ["9223372036854775807ns", 9_223_372_036_854_775_807n],
    ["-9223372036854775808ns", -9_223_372_036_854_775_808n],
  ];
  for (const [s, n] of ok) it(`${s} = ${n}ns`, () => expect(parseGoDuration(s)).toEqual({ ok: true, nanos: n }));

  const bad: [string, string][] = [
    ["", 'time: invalid duration ""'],
    ["x", 'time: invalid duration "x"'],
    ["-", 'time: invalid duration "-"'],
    [".s", 'time: invalid duration ".s"'],
    ["5", 'time: missing unit in duration "5"'],
    ["1h5", 'time: missing unit in duration "1h5"'],
    ["5d", 'time: unknown unit "d" in duration "5d"'],
    ["5 s", 'time: unknown unit " s" in duration "5 s"'],
    ["9223372036854775808ns", 'time: invalid duration "9223372036854775808ns"'],
    ["3000000h", 'time: invalid duration "3000000h"'],
    ["5é", 'time: unknown unit "\\xc3\\xa9" in duration "5\\xc3\\xa9"'],
  ];
  for (const [s, m] of bad) it(`${JSON.stringify(s)} fails: ${m}`, () => expect(parseGoDuration(s)).toEqual({ ok: false, message: m }));
});

describe("jsonpb Duration output: 0, 3, 6 or 9 fractional digits", () => {
  const cases: [bigint, string][] = [
    [0n, "0s"],
    [99_000_000_000n, "99s"],
    [500_000_000n, "0.500s"],
    [1_000_500_000n, "1.000500s"],
    [1n, "0.000000001s"],
    [-1_500_000_000n, "-1.500s"],
    [-1n, "-0.000000001s"],
    [10_800_000_000_000n, "10800s"],
  ];
  for (const [n, s] of cases) it(`${n}ns → ${s}`, () => expect(formatProtoDuration(n)).toBe(s));
});

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

describe("strconv.Quote", () => {
  it("quotes like Go's %q", () => {
    expect(goQuote("type.googleapis.com/a.B")).toBe('"type.googleapis.com/a.B"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("\n\t\x01\x7f")).toBe('"\\n\\t\\x01\\x7f"');
    expect(goQuote("é")).toBe('"é"');
    expect(goQuote("\u00a0")).toBe('"\\u00a0"');
  });
});

describe("base64 StdEncoding", () => {
  it("round-trips and ignores CR/LF", () => {
    const r = base64DecodeStd("aGVs\r\nbG8=");
    expect(r.ok && base64Encode(r.bytes)).toBe("aGVsbG8=");
    expect(base64Encode(new Uint8Array([0xff, 0xfe]))).toBe("//4=");
    expect(base64DecodeStd("")).toEqual({ ok: true, bytes: new Uint8Array([]) });
  });
  it("rejects bad characters and missing padding", () => {
    expect(base64DecodeStd("a!==")).toEqual({ ok: false, message: "illegal base64 data at input byte 1" });
    expect(base64DecodeStd("aGVsbG8")).toMatchObject({ ok: false });
    expect(base64DecodeStd("aGVsbG8=x")).toMatchObject({ ok: false });
  });
});
