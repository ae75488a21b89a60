/** shopspring/decimal as Kuma reads int-or-string decimals (NewDecimalFromIntOrString @ v2.14.3): grammar and arithmetic. */
import { describe, expect, it } from "vitest";
import { compareDecimalInt, decimalOf, decimalSign, decimalToFloat, parseDecimal, scaledIntPart } from "./decimal.js";

describe("decimal", () => {
  it("parses signs, fractions and exponents; refuses what NewFromString refuses", () => {
    expect(parseDecimal("1.9")).toEqual({ unscaled: 19n, exp: -1 });
    expect(parseDecimal("-2")).toEqual({ unscaled: -2n, exp: 0 });
    expect(parseDecimal("1e3")).toEqual({ unscaled: 1n, exp: 3 });
    expect(parseDecimal(".5")).toEqual({ unscaled: 5n, exp: -1 });
    for (const bad of ["", ".", "abc", "1.2.3", " 1"]) expect(parseDecimal(bad), bad).toBeUndefined();
    expect(decimalOf(30)).toEqual({ unscaled: 30n, exp: 0 });
  });
  it("× 1000 truncated toward zero (the success-rate stdev factor), compared with integers, as a float", () => {
    // configurer.go configureSuccessRate: dec.Mul(decimal.NewFromInt(1000)).IntPart(); "1.9" → 1900
    expect(scaledIntPart(parseDecimal("1.9")!, 3)).toBe(1900n);
    expect(scaledIntPart(parseDecimal("1.23456")!, 3)).toBe(1234n);
    expect(scaledIntPart(parseDecimal("-1.23456")!, 3)).toBe(-1234n);
    expect(compareDecimalInt(parseDecimal("100.0")!, 100)).toBe(0);
    expect(compareDecimalInt(parseDecimal("100.01")!, 100)).toBe(1);
    expect(decimalSign(parseDecimal("-0.1")!)).toBe(-1);
    expect(decimalToFloat(parseDecimal("30.2")!)).toBe(30.2);
  });
});
