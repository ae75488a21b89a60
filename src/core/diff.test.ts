/**
 * diffJson against RFC 6902 (JSON Patch) and RFC 6901 (JSON Pointer): the expected operations are written
 * by hand from the RFCs, and every diff is replayed by an independent RFC 6902 implementation
 * (fast-json-patch) to check that applying it to `before` yields `after`.
 */
import fc from "fast-check";
import { applyPatch, type Operation } from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { deepEqual, diffJson, type DiffOp } from "./diff.js";
import type { Json } from "./json.js";

/** Applies `ops` with fast-json-patch (validating each operation) to a copy of `before`. */
function replay(before: Json, ops: readonly DiffOp[]): unknown {
  return applyPatch(structuredClone(before), ops as Operation[], true, false).newDocument;
}

describe("diffJson: the operations, by hand", () => {
  it("equal documents need no operation", () => {
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });

  it("a changed scalar is one replace at its pointer (RFC 6902 §4.3)", () => {
    expect(diffJson({ a: { b: 1 } }, { a: { b: 2 } })).toEqual([{ op: "replace", path: "/a/b", value: 2 }]);
  });

  it("a different root is a replace at the empty pointer, the whole document (RFC 6901 §5)", () => {
    expect(diffJson(1, "x")).toEqual([{ op: "replace", path: "", value: "x" }]);
    expect(diffJson({ a: 1 }, [1])).toEqual([{ op: "replace", path: "", value: [1] }]);
  });

  it("an object turned into an array (or null) is replaced, not merged", () => {
    expect(diffJson({ a: { x: 1 } }, { a: [1] })).toEqual([{ op: "replace", path: "/a", value: [1] }]);
    expect(diffJson({ a: { x: 1 } }, { a: null })).toEqual([{ op: "replace", path: "/a", value: null }]);
  });

  it("added and removed members, in sorted key order", () => {
    expect(diffJson({ b: 1, d: 1 }, { a: 1, b: 1, c: 1 })).toEqual([
      { op: "add", path: "/a", value: 1 },
      { op: "add", path: "/c", value: 1 },
      { op: "remove", path: "/d" },
    ]);
  });

  it("escapes ~ as ~0 and / as ~1, ~ first (RFC 6901 §3, §4)", () => {
    expect(diffJson({}, { "a/b": 1, "m~n": 2, "~1": 3 })).toEqual([
      { op: "add", path: "/a~1b", value: 1 },
      { op: "add", path: "/m~0n", value: 2 },
      // The key "~1" must not read back as "/": ~ is escaped before /.
      { op: "add", path: "/~01", value: 3 },
    ]);
  });

  it("the empty key is a segment of its own (RFC 6901 §5: \"/\" points at key \"\")", () => {
    expect(diffJson({ "": 1 }, { "": 2 })).toEqual([{ op: "replace", path: "/", value: 2 }]);
  });

  it("a member whose value is null is present: null → 1 is a replace, absent → null an add", () => {
    expect(diffJson({ a: null }, { a: 1 })).toEqual([{ op: "replace", path: "/a", value: 1 }]);
    expect(diffJson({}, { a: null })).toEqual([{ op: "add", path: "/a", value: null }]);
  });

  it("positional arrays: removals from the highest index so earlier indices stay valid", () => {
    expect(diffJson([1, 2, 3], [1])).toEqual([
      { op: "remove", path: "/2" },
      { op: "remove", path: "/1" },
    ]);
    expect(diffJson([1], [1, 2, 3])).toEqual([
      { op: "add", path: "/1", value: 2 },
      { op: "add", path: "/2", value: 3 },
    ]);
  });

  it("named arrays: adding a cluster in the middle is one add, not a cascade of replaces", () => {
    const a = { name: "a" };
    const b = { name: "b" };
    const c = { name: "c", type: "STATIC" };
    expect(diffJson([a, b], [a, c, b])).toEqual([{ op: "add", path: "/1", value: c }]);
  });

  it("named arrays: removing one is one remove; a survivor's change is addressed at its index after the removal", () => {
    const before: Json = [{ name: "a" }, { name: "b" }, { name: "c", v: 1 }];
    const after: Json = [{ name: "a" }, { name: "c", v: 2 }];
    expect(diffJson(before, after)).toEqual([
      { op: "remove", path: "/1" },
      { op: "replace", path: "/1/v", value: 2 },
    ]);
  });

  it("named arrays: a replaced element (new name) is a remove then an add at b's index", () => {
    expect(diffJson([{ name: "a" }, { name: "b" }], [{ name: "c" }, { name: "b" }])).toEqual([
      { op: "remove", path: "/0" },
      { op: "add", path: "/0", value: { name: "c" } },
    ]);
  });

  it("reordered names fall back to the positional diff", () => {
    const ops = diffJson([{ name: "a" }, { name: "b" }], [{ name: "b" }, { name: "a" }]);
    expect(ops).toEqual([
      { op: "replace", path: "/0/name", value: "b" },
      { op: "replace", path: "/1/name", value: "a" },
    ]);
  });

  it("duplicate or missing names fall back to the positional diff", () => {
    expect(diffJson([{ name: "a" }, { name: "a" }], [{ name: "a" }, { name: "b" }, { name: "a" }])).toEqual([
      { op: "replace", path: "/1/name", value: "b" },
      { op: "add", path: "/2", value: { name: "a" } },
    ]);
    expect(diffJson([{ name: "a" }, { x: 1 }], [{ name: "b" }, { name: "a" }, { x: 1 }])).toEqual([
      { op: "replace", path: "/0/name", value: "b" },
      { op: "add", path: "/1/name", value: "a" },
      { op: "remove", path: "/1/x" },
      { op: "add", path: "/2", value: { x: 1 } },
    ]);
  });

  it("an empty array on either side is positional", () => {
    expect(diffJson([], [{ name: "a" }])).toEqual([{ op: "add", path: "/0", value: { name: "a" } }]);
    expect(diffJson([{ name: "a" }], [])).toEqual([{ op: "remove", path: "/0" }]);
  });
});

describe("deepEqual", () => {
  it("ignores member order, not array order", () => {
    expect(deepEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });
  it("tells {} from [], null from {}, 1 from \"1\", and a missing member from an extra one", () => {
    expect(deepEqual({}, [])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual(1, "1")).toBe(false);
    expect(deepEqual({ a: 1 }, { b: 1 })).toBe(false);
  });
});

describe("diffJson: replaying the operations yields `after` (RFC 6902 §5: operations apply in order)", () => {
  // Few keys and names, so documents overlap often; keys that need RFC 6901 escaping included.
  const key = fc.constantFrom("a", "b", "name", "a/b", "m~n", "~1", "");
  const { json } = fc.letrec<{ json: Json; named: Json }>((tie) => ({
    json: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom<Json>(null, true, 0, 1, "x"),
      fc.array(tie("json"), { maxLength: 4 }),
      fc.dictionary(key, tie("json"), { maxKeys: 4 }),
      tie("named"),
    ),
    // Arrays of named objects, the shape Envoy resources and filter chains have.
    named: fc.uniqueArray(
      fc.record({ name: fc.constantFrom("c1", "c2", "c3", "c4"), v: fc.constantFrom<Json>(0, 1, [1], { k: 1 }) }),
      { selector: (x) => x.name, maxLength: 4 },
    ),
  }));

  it("over random pairs", () => {
    fc.assert(
      fc.property(json, json, (before, after) => {
        expect(replay(before, diffJson(before, after))).toEqual(after);
      }),
      { numRuns: 1000 },
    );
  });

  it("over a document and a mutation of it", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom("a", "b", "c", "d", "e"), v: fc.nat(3) }), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 4 }), (items, picks) => {
        const before = { clusters: items } as Json;
        const kept = items.filter((_, i) => !picks.includes(i)).map((x, i) => (picks.includes(i + 10) ? { ...x, v: x.v + 1 } : x));
        const after = { clusters: kept } as Json;
        expect(replay(before, diffJson(before, after))).toEqual(after);
      }),
      { numRuns: 1000 },
    );
  });
});
