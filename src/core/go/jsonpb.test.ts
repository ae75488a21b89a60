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
