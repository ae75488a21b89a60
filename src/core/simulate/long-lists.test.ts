/** modificationsOut (issue #14 point 4): a `matched` of more than 20 names keeps its first 20 and gains matchedCount right after it. */
import { describe, expect, it } from "vitest";
import type { ModificationReport } from "../model/modification.js";
import { modificationsOut } from "./long-lists.js";

const mod = (n: number, message?: string): ModificationReport => ({
  source: "p#0",
  policy: "p",
  policyIndex: 0,
  index: 0,
  kind: "cluster",
  operation: "Patch",
  status: "applied",
  matched: Array.from({ length: n }, (_, i) => `cluster c${i}`),
  ...(message !== undefined ? { message } : {}),
  hints: [],
});

describe("modificationsOut", () => {
  it("leaves lists of at most 20 names as they are (the same objects)", () => {
    const mods = [mod(0), mod(20)];
    expect(modificationsOut(mods, false)).toBe(mods);
  });

  it("cuts 21 names to 20 with matchedCount 21 after matched, before message and hints", () => {
    const [out] = modificationsOut([mod(21, "why")], false);
    expect(JSON.stringify(out)).toBe(
      `{"source":"p#0","policy":"p","policyIndex":0,"index":0,"kind":"cluster","operation":"Patch","status":"applied","matched":[${Array.from({ length: 20 }, (_, i) => `"cluster c${i}"`).join(",")}],"matchedCount":21,"message":"why","hints":[]}`,
    );
  });

  it("full keeps every name and adds no count; the input is not mutated", () => {
    const m = mod(30);
    expect(modificationsOut([m], true)[0]).toBe(m);
    modificationsOut([m], false);
    expect(m.matched).toHaveLength(30);
    expect(m).not.toHaveProperty("matchedCount");
  });
});
