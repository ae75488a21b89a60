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

// Go's own table: parseDurationTests in src/time/time_test.go (values written as Go writes them).
describe("time.ParseDuration: Go's parseDurationTests", () => {
  const NS = 1n;
  const US = 1_000n * NS;
  const MS = 1_000n * US;
  const S = 1_000n * MS;
  const M = 60n * S;
  const H = 60n * M;
  const cases: [string, bigint][] = [
    // simple
    ["0", 0n],
    ["5s", 5n * S],
    ["30s", 30n * S],
    ["1478s", 1478n * S],
    // sign
    ["-5s", -5n * S],
    ["+5s", 5n * S],
    ["-0", 0n],
    ["+0", 0n],
    // decimal
    ["5.0s", 5n * S],
    ["5.6s", 5n * S + 600n * MS],
    ["5.s", 5n * S],
    [".5s", 500n * MS],
    ["1.0s", 1n * S],
    ["1.00s", 1n * S],
    ["1.004s", 1n * S + 4n * MS],
    ["1.0040s", 1n * S + 4n * MS],
    ["100.00100s", 100n * S + 1n * MS],
    // different units
    ["10ns", 10n * NS],
    ["11us", 11n * US],
    ["12\u00b5s", 12n * US], // U+00B5
    ["12\u03bcs", 12n * US], // U+03BC
    ["13ms", 13n * MS],
    ["14s", 14n * S],
    ["15m", 15n * M],
    ["16h", 16n * H],
    // composite durations
    ["3h30m", 3n * H + 30n * M],
    ["10.5s4m", 4n * M + 10n * S + 500n * MS],
    ["-2m3.4s", -(2n * M + 3n * S + 400n * MS)],
    ["1h2m3s4ms5us6ns", 1n * H + 2n * M + 3n * S + 4n * MS + 5n * US + 6n * NS],
    ["39h9m14.425s", 39n * H + 9n * M + 14n * S + 425n * MS],
    // large value
    ["52763797000ns", 52763797000n * NS],
    // more than 9 digits after decimal point (golang/go#6617)
    ["0.3333333333333333333h", 20n * M],
    // 1<<53+1 cannot be stored precisely in a float64
    ["9007199254740993ns", ((1n << 53n) + 1n) * NS],
    // largest duration that int64 nanoseconds can represent
    ["9223372036854775807ns", ((1n << 63n) - 1n) * NS],
    ["9223372036854775.807us", ((1n << 63n) - 1n) * NS],
    ["9223372036s854ms775us807ns", ((1n << 63n) - 1n) * NS],
    ["-9223372036854775808ns", -(1n << 63n) * NS],
    ["-9223372036854775.808us", -(1n << 63n) * NS],
    ["-9223372036s854ms775us808ns", -(1n << 63n) * NS],
    // largest negative round trip value (golang/go#48629)
    ["-2562047h47m16.854775808s", -(1n << 63n) * NS],
    // huge string (golang/go#15011)
    ["0.100000000000000000000h", 6n * M],
    // the first overflow check in leadingFraction
    ["0.830103483285477580700h", 49n * M + 48n * S + 372539827n * NS],
  ];
  for (const [s, n] of cases) it(`${s} = ${n}ns`, () => expect(parseGoDuration(s)).toEqual({ ok: true, nanos: n }));
});

// Go's parseDurationErrorTests in src/time/time_test.go check that the error contains the quoted
// input; the full texts are format.go's. Go's invalid-UTF-8 inputs ("\x85\x85", "\xffff") cannot be
// written as a JavaScript string and are left out.
describe("time.ParseDuration: Go's parseDurationErrorTests", () => {
  const cases: [string, string][] = [
    // invalid
    ["", 'time: invalid duration ""'],
    ["3", 'time: missing unit in duration "3"'],
    ["-", 'time: invalid duration "-"'],
    ["s", 'time: invalid duration "s"'],
    [".", 'time: invalid duration "."'],
    ["-.", 'time: invalid duration "-."'],
    [".s", 'time: invalid duration ".s"'],
    ["+.s", 'time: invalid duration "+.s"'],
    ["1d", 'time: unknown unit "d" in duration "1d"'],
    ["\ufffd", 'time: invalid duration "\\xef\\xbf\\xbd"'], // utf8.RuneError
    ["\ufffd hello \ufffd world", 'time: invalid duration "\\xef\\xbf\\xbd hello \\xef\\xbf\\xbd world"'],
    // overflow
    ["9223372036854775810ns", 'time: invalid duration "9223372036854775810ns"'],
    ["9223372036854775808ns", 'time: invalid duration "9223372036854775808ns"'],
    ["-9223372036854775809ns", 'time: invalid duration "-9223372036854775809ns"'],
    ["9223372036854776us", 'time: invalid duration "9223372036854776us"'],
    ["3000000h", 'time: invalid duration "3000000h"'],
    ["9223372036854775.808us", 'time: invalid duration "9223372036854775.808us"'],
    ["9223372036854ms775us808ns", 'time: invalid duration "9223372036854ms775us808ns"'],
  ];
  for (const [s, m] of cases) it(`${JSON.stringify(s)} fails: ${m}`, () => expect(parseGoDuration(s)).toEqual({ ok: false, message: m }));
});
