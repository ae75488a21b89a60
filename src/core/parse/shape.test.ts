import { describe, expect, it } from "vitest";
import { checkShape, DEFAULT_SHAPE_LIMITS } from "./shape.js";

/** `[[…[0]…]]` with `levels` arrays, built without recursion. */
function nestedArrays(levels: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

describe("checkShape", () => {
  it("exports the documented defaults", () => {
    expect(DEFAULT_SHAPE_LIMITS).toEqual({ maxDepth: 64, maxNodes: 200_000, maxStringLength: 1_048_576 });
  });

  it("accepts ordinary JSON", () => {
    expect(checkShape({ a: [1, "x", null, true, { b: {} }] }, "body")).toEqual([]);
    expect(checkShape("scalar", "body")).toEqual([]);
    expect(checkShape(null, "")).toEqual([]);
  });

  it("accepts depth 64 and refuses depth 65 with the path of the first too-deep container", () => {
    expect(checkShape(nestedArrays(64), "body")).toEqual([]);
    expect(checkShape(nestedArrays(65), "body")).toEqual([
      { path: `body${"[0]".repeat(64)}`, message: "nesting is deeper than 64 levels" },
    ]);
  });

  it("counts objects as levels too", () => {
    let v: unknown = {};
    for (let i = 0; i < 2; i++) v = { k: v };
    expect(checkShape(v, "x", { maxDepth: 3 })).toEqual([]);
    expect(checkShape({ k: v }, "x", { maxDepth: 3 })).toEqual([{ path: "x.k.k.k", message: "nesting is deeper than 3 levels" }]);
  });

  it("walks 10^6-deep input without blowing the stack, quickly", () => {
    const deep = nestedArrays(1_000_000);
    const t0 = performance.now();
    const out = checkShape(deep, "body");
    const ms = performance.now() - t0;
    expect(out).toHaveLength(1);
    expect(out[0]?.message).toBe("nesting is deeper than 64 levels");
    expect(ms).toBeLessThan(50);
  });

  it("caps the number of values and names the first one over the cap", () => {
    // root object (1) + a (2) + b's array (3) + its items 4, 5 → the 5th value is b[1]
    expect(checkShape({ a: 1, b: [10, 20, 30] }, "body", { maxNodes: 4 })).toEqual([
      { path: "body.b[1]", message: "document has more than 4 values" },
    ]);
    expect(checkShape({ a: 1, b: [10, 20, 30] }, "body", { maxNodes: 6 })).toEqual([]);
  });

  it("stops walking at the node cap (a 10^6-element array costs only the cap)", () => {
    const wide = new Array<number>(1_000_000).fill(1);
    const t0 = performance.now();
    const out = checkShape(wide, "body", { maxNodes: 1000 });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(out).toEqual([{ path: "body[999]", message: "document has more than 1000 values" }]);
  });

  it("caps string values and object keys, reporting the first offender in document order", () => {
    expect(checkShape({ a: "12345", b: "123456", c: "1234567" }, "v", { maxStringLength: 5 })).toEqual([
      { path: "v.b", message: "string is longer than 5 characters (6)" },
    ]);
    expect(checkShape({ ok: 1, toolongkey: 1, another_long: 2 }, "v", { maxStringLength: 5 })).toEqual([
      { path: "v.toolongkey", message: "object key is longer than 5 characters (10)" },
    ]);
  });

  it("reports at most one violation per kind, all kinds together", () => {
    const value = { s1: "xxxxxxxxxx", s2: "yyyyyyyyyy", deep: [[[[1]]]], deep2: [[[[2]]]] };
    expect(checkShape(value, "", { maxDepth: 3, maxStringLength: 4 })).toEqual([
      { path: "deep[0][0]", message: "nesting is deeper than 3 levels" },
      { path: "s1", message: "string is longer than 4 characters (10)" },
    ]);
  });

  it("treats a __proto__ own key like any other key", () => {
    const v = JSON.parse('{"__proto__": {"a": "toolong"}}') as unknown;
    expect(checkShape(v, "v", { maxStringLength: 3 })).toEqual([
      { path: "v.__proto__", message: "object key is longer than 3 characters (9)" },
    ]);
  });
});
