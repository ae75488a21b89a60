// Expected values from yaml/go-yaml@v2.4.4 resolve.go (`resolveMapList`, `resolveTable` hints,
// then strconv.ParseInt(plain, 0, 64), ParseUint, `yamlStyleFloat` + ParseFloat) and decode.go
// (a resolved !!timestamp decodes into interface{} as its original string).
import { describe, expect, it } from "vitest";
import { resolveGoYamlV2Plain as resolve } from "./yaml-scalar.js";

const each = (values: readonly string[]) => values.map((s) => [s, resolve(s)] as const);

describe("resolveGoYamlV2Plain: the resolveMap constants", () => {
  it("YAML 1.1 booleans, in exactly the listed spellings", () => {
    const yes = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    const no = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];
    expect(each(yes)).toEqual(yes.map((s) => [s, true]));
    expect(each(no)).toEqual(no.map((s) => [s, false]));
    // Other casings are not in the map, and a 'M' hint falls through to a string.
    expect(each(["yES", "tRUE", "oN", "nO", "o", "Yes!"])).toEqual(["yES", "tRUE", "oN", "nO", "o", "Yes!"].map((s) => [s, s]));
  });

  it("nulls: empty, ~, null, Null, NULL; not nULL", () => {
    expect(each(["", "~", "null", "Null", "NULL"])).toEqual(["", "~", "null", "Null", "NULL"].map((s) => [s, null]));
    expect(resolve("nULL")).toBe("nULL");
  });

  it("infinities and NaN resolve to floats JSON cannot hold (undefined); other spellings are strings", () => {
    for (const s of [".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"]) {
      expect(resolve(s), s).toBeUndefined();
    }
    expect(each(["NaN", "Infinity", "inf", ".iNF"])).toEqual(["NaN", "Infinity", "inf", ".iNF"].map((s) => [s, s]));
  });
});

describe("resolveGoYamlV2Plain: numbers ('D' and 'S' hints)", () => {
  it("strconv.ParseInt base 0: decimal, 0x, 0o, 0b, and a leading 0 for octal", () => {
    expect(resolve("0")).toBe(0);
    expect(resolve("42")).toBe(42);
    expect(resolve("+12")).toBe(12);
    expect(resolve("-7")).toBe(-7);
    expect(resolve("0777")).toBe(511);
    expect(resolve("0o17")).toBe(15);
    expect(resolve("0O17")).toBe(15);
    expect(resolve("0x1F")).toBe(31);
    expect(resolve("0X1f")).toBe(31);
    expect(resolve("+0x10")).toBe(16);
    expect(resolve("0b101")).toBe(5);
    expect(resolve("-0b101")).toBe(-5);
  });

  it("underscores are removed before any number parse", () => {
    expect(resolve("1_000")).toBe(1000);
    expect(resolve("1__0")).toBe(10);
    expect(resolve("0x_1F")).toBe(31);
    expect(resolve("1_000.5")).toBe(1000.5);
  });

  it("not an int but yamlStyleFloat: ParseFloat", () => {
    expect(resolve("08")).toBe(8); // not octal, but a decimal float
    expect(resolve("0778")).toBe(778);
    expect(resolve("1.5")).toBe(1.5);
    expect(resolve("-1.5e-3")).toBe(-0.0015);
    expect(resolve("1e3")).toBe(1000);
    expect(resolve("1.")).toBe(1);
    expect(resolve("+.5")).toBe(0.5);
  });

  it("64-bit integers: int64, then uint64 for unsigned values above it", () => {
    expect(resolve("9223372036854775807")).toBe(9223372036854775807);
    expect(resolve("18446744073709551615")).toBe(18446744073709551615);
    // Signed and below int64: not a uint64 (ParseUint takes no sign), so yamlStyleFloat.
    expect(resolve("-9223372036854775809")).toBe(-9223372036854775809);
  });

  it("stays a string when no parse succeeds", () => {
    // ParseFloat overflow is an error in Go, so the scalar stays as written.
    expect(resolve("1e400")).toBe("1e400");
    for (const s of ["0x", "0b", "0o", "12e", "0x1.8p1", "1:30", "-", "+", "1.2.3", "0b102"]) expect(resolve(s), s).toBe(s);
  });

  it("timestamps stay strings (decode.go keeps a !!timestamp as text for interface{})", () => {
    for (const s of ["2001-12-14", "2001-12-14T21:59:43.10-05:00", "2001-12-14 21:59:43.10"]) expect(resolve(s), s).toBe(s);
  });
});

describe("resolveGoYamlV2Plain: the '.' hint and no hint", () => {
  it("'.' tries ParseFloat on the text as written", () => {
    expect(resolve(".5")).toBe(0.5);
    expect(resolve(".5e3")).toBe(500);
    for (const s of [".", ".x", "._5", ".5_0"]) expect(resolve(s), s).toBe(s);
  });

  it("any other first character is a string at once", () => {
    for (const s of ["hello", "<<", "_1", "Infinity", "*x", "[a]"]) expect(resolve(s), s).toBe(s);
  });
});
