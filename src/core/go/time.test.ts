// Go time.ParseDuration (src/time/format.go at go1.26.5, the Go version kumahq/kuma@v2.14.3 builds with).
import { describe, expect, it } from "vitest";
import { parseGoDuration } from "./time.js";

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
