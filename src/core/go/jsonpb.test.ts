// jsonpb.Marshaler's Duration text (golang/protobuf@v1.5.4 jsonpb/encode.go, the jsonpb Kuma v2.14.3 pins).
import { describe, expect, it } from "vitest";
import { formatProtoDuration } from "./jsonpb.js";

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

// golang/protobuf@v1.5.4 jsonpb/json_test.go marshalingTests, the Duration rows: {Seconds, Nanos}
// as total nanoseconds, expected text without the JSON quotes.
describe("jsonpb Duration output: golang/protobuf v1.5.4 marshalingTests", () => {
  const S = 1_000_000_000n;
  const cases: [string, bigint, string][] = [
    ["Duration empty", 0n, "0s"],
    ["Duration with secs", 3n * S, "3s"],
    ["Duration with -secs", -3n * S, "-3s"],
    ["Duration with nanos", 1_000_000n, "0.001s"],
    ["Duration with -nanos", -1_000_000n, "-0.001s"],
    ["Duration with large secs", 10_000_000_000n * S + 1n, "10000000000.000000001s"],
    ["Duration with 6-digit nanos", 10_000n, "0.000010s"],
    ["Duration with -secs -nanos", -123n * S - 450n, "-123.000000450s"],
    ["Duration max value", 315_576_000_000n * S + 999_999_999n, "315576000000.999999999s"],
    ["Duration min value", -315_576_000_000n * S - 999_999_999n, "-315576000000.999999999s"],
  ];
  for (const [name, n, s] of cases) it(`${name}: ${s}`, () => expect(formatProtoDuration(n)).toBe(s));
});
