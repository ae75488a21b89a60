/**
 * The decimals Kuma reads from int-or-string fields (kuma `api/common/v1alpha1` NewDecimalFromIntOrString @ v2.14.3,
 * github.com/shopspring/decimal NewFromString): an optional sign, digits with an optional fraction, an optional
 * exponent. Kept exact as an unscaled integer and a base-10 exponent. Pure and synchronous.
 */

/** value = unscaled × 10^exp. */
export interface Decimal {
  readonly unscaled: bigint;
  readonly exp: number;
}

/** decimal.NewFromString's grammar; undefined where it returns an error. */
export function parseDecimal(s: string): Decimal | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const frac = m[3] ?? "";
  const e = Number(m[4] ?? "0");
  if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) return undefined;
  const unscaled = BigInt(`${m[1] === "-" ? "-" : ""}${m[2] || "0"}${frac}`);
  return { unscaled, exp: e - frac.length };
}

/** An int-or-string (a JSON number is an int, intstr.FromInt). */
export function decimalOf(v: number | string): Decimal | undefined {
  return typeof v === "number" ? (Number.isInteger(v) ? { unscaled: BigInt(v), exp: 0 } : undefined) : parseDecimal(v);
}

/** d × 10^k, truncated toward zero (decimal.Mul(…).IntPart()). */
export function scaledIntPart(d: Decimal, k: number): bigint {
  const e = d.exp + k;
  if (e >= 0) return d.unscaled * 10n ** BigInt(e);
  return d.unscaled / 10n ** BigInt(-e);
}

/** The sign of d: -1, 0 or 1. */
export function decimalSign(d: Decimal): number {
  return d.unscaled < 0n ? -1 : d.unscaled > 0n ? 1 : 0;
}

/** d compared with an integer n: negative, zero or positive. */
export function compareDecimalInt(d: Decimal, n: number): number {
  const big = 10n ** BigInt(Math.max(0, -d.exp));
  const left = d.exp >= 0 ? d.unscaled * 10n ** BigInt(d.exp) : d.unscaled;
  const right = BigInt(n) * (d.exp >= 0 ? 1n : big);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** decimal.Float64(): the nearest float64. */
export function decimalToFloat(d: Decimal): number {
  return Number(`${d.unscaled}e${d.exp}`);
}
