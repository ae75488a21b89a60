import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyJsonPatch, guardJsonPatch, type JsonPatchOp } from "./json-patch.js";
import type { JsonObject } from "../json.js";

// Keys and pointer segments mix ordinary names with the names that reach JavaScript built-ins
// through a careless implementation (fast-json-patch 3.1.1; see docs/hardening.md).
const hostileNames = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "length",
  "keys",
  "isArray",
  "call",
  "entries",
  "polluted",
];
const keyArb = fc.oneof(
  { arbitrary: fc.constantFrom("a", "b", "c", "0", "1", "-", "", "~", "/"), weight: 5 },
  { arbitrary: fc.constantFrom(...hostileNames), weight: 2 },
  { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
);

const { value: jsonArb } = fc.letrec((tie) => ({
  value: fc.oneof(
    { maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -5, max: 5 }),
    fc.string({ maxLength: 5 }),
    tie("array"),
    tie("object"),
  ),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(keyArb, tie("value"), { maxKeys: 4 }),
}));

/** Documents as they arrive from JSON.parse: plain objects, `__proto__` only ever an own key. */
const docArb = fc
  .dictionary(keyArb, jsonArb, { maxKeys: 5 })
  .map((d) => JSON.parse(JSON.stringify(d)) as JsonObject);

const segmentArb = fc.oneof(
  { arbitrary: keyArb, weight: 4 },
  { arbitrary: fc.constantFrom("0", "1", "2", "-1", "-2", "-", "99", "007", "+1", "~0", "~1", "a~1b", "~01"), weight: 2 },
);
const pointerArb = fc
  .tuple(fc.array(segmentArb, { maxLength: 4 }), fc.constantFrom("slash", "slash", "slash", "bare"))
  .map(([segments, style]) => (segments.length === 0 ? "" : (style === "slash" ? "/" : "") + segments.join("/")));

/** Every pointer that exists in `doc` (escaped), so that many generated ops actually apply. */
function pointersOf(doc: JsonObject): string[] {
  const out: string[] = [];
  const stack: [unknown, string][] = [[doc, ""]];
  while (stack.length > 0) {
    const [v, at] = stack.pop() as [unknown, string];
    if (typeof v !== "object" || v === null) continue;
    const keys = Array.isArray(v) ? v.map((_, i) => String(i)) : Object.keys(v);
    for (const k of keys) {
      const p = `${at}/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      out.push(p);
      stack.push([(v as Record<string, unknown>)[k], p]);
    }
  }
  return out;
}

function opArb(doc: JsonObject): fc.Arbitrary<JsonPatchOp> {
  const existing = pointersOf(doc);
  const nearby =
    existing.length === 0
      ? pointerArb
      : fc.oneof(
          fc.constantFrom(...existing),
          fc.tuple(fc.constantFrom(...existing), fc.constantFrom("/-", "/0", "/-1", "/new", "/new/0", "/x/y")).map(([a, b]) => a + b),
        );
  const ptr = fc.oneof({ arbitrary: nearby, weight: 3 }, { arbitrary: pointerArb, weight: 1 });
  return fc.oneof(
    fc.record({ op: fc.constant("add" as const), path: ptr, value: jsonArb }),
    fc.record({ op: fc.constant("remove" as const), path: ptr }),
    fc.record({ op: fc.constant("replace" as const), path: ptr, value: jsonArb }),
    fc.record({ op: fc.constant("move" as const), from: ptr, path: ptr }),
    fc.record({ op: fc.constant("copy" as const), from: ptr, path: ptr }),
    // Loose shapes too: fields missing or present where Kuma's validator would refuse them.
    fc.record(
      { op: fc.constantFrom("add", "remove", "replace", "move", "copy"), path: ptr, from: ptr, value: jsonArb },
      { requiredKeys: ["op", "path"] },
    ),
  );
}

/** A document and a block of operations aimed mostly at paths that exist in it. */
const caseArb = (maxOps: number) =>
  docArb.chain((doc) => fc.tuple(fc.constant(doc), fc.array(opArb(doc), { maxLength: maxOps })));

function builtins() {
  return {
    refs: [
      Object.keys,
      Object.entries,
      Object.assign,
      Object.defineProperty,
      Array.isArray,
      Object.prototype.hasOwnProperty,
      Object.prototype.toString,
      Function.prototype.call,
      JSON.stringify,
      JSON.parse,
    ],
    objectProto: Object.getOwnPropertyNames(Object.prototype).sort(),
    arrayProto: Object.getOwnPropertyNames(Array.prototype).sort(),
    objectStatics: Object.getOwnPropertyNames(Object).sort(),
    protoOfObjectProto: Object.getPrototypeOf(Object.prototype) as unknown,
  };
}

/** Iterative: every value is JSON, every container a plain object or array. */
function assertPlainJson(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v === "string" || typeof v === "boolean") continue;
    if (typeof v === "number") {
      expect(Number.isFinite(v)).toBe(true);
      continue;
    }
    expect(typeof v).toBe("object"); // never a function, symbol, bigint or undefined
    if (Array.isArray(v)) {
      expect(Object.getPrototypeOf(v)).toBe(Array.prototype);
      stack.push(...(v as unknown[]));
    } else {
      expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
      for (const k of Object.keys(v as object)) {
        const d = Object.getOwnPropertyDescriptor(v, k);
        expect(d?.get).toBeUndefined(); // data properties only
        stack.push(d?.value);
      }
    }
  }
}

describe("applyJsonPatch properties", () => {
  it("random ops over random documents never touch built-ins, never leak functions, never mutate the input", { timeout: 60_000 }, () => {
    const before = builtins();
    const check = (doc: JsonObject, ops: readonly JsonPatchOp[]): JsonObject => {
      const input = JSON.stringify(doc);
      const result = applyJsonPatch(doc, ops);
      expect(builtins()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(JSON.stringify(doc)).toBe(input);
      if (!result.ok) {
        expect(typeof result.message).toBe("string");
        expect(result.message).not.toContain("\n");
        return doc;
      }
      assertPlainJson(result.doc);
      expect(JSON.parse(JSON.stringify(result.doc))).toEqual(result.doc);
      return result.doc;
    };
    fc.assert(
      fc.property(caseArb(8), ([doc, ops]) => {
        // The block all-or-nothing, as Kuma applies it…
        check(doc, ops);
        // …and op by op on the running result, so that most operations really change something.
        let current = doc;
        for (const op of ops) current = check(current, [op]);
      }),
      { numRuns: 1000 },
    );
  });

  it("an empty patch returns an equal copy, never the input itself", () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const result = applyJsonPatch(doc, []);
        expect(result).toEqual({ ok: true, doc });
        if (result.ok) expect(result.doc).not.toBe(doc);
      }),
      { numRuns: 500 },
    );
  });

  it("a block the guard accepts is never refused by apply's own pointer check", () => {
    fc.assert(
      fc.property(caseArb(6), ([doc, ops]) => {
        fc.pre(guardJsonPatch(ops, "jp").length === 0);
        const result = applyJsonPatch(doc, ops);
        if (!result.ok) expect(result.message).not.toContain("operation refused");
      }),
      { numRuns: 500 },
    );
  });

  it("replace-only blocks (the copy-on-write path) answer exactly what the general path answers", () => {
    // A trailing remove of a key no document has is a no-op (AllowMissingPathOnRemove) that sends the block down
    // the general path: both answers must be equal, errors included.
    const absent: JsonPatchOp = { op: "remove", path: "/meshsim-absent-key" };
    fc.assert(
      fc.property(
        docArb.chain((doc) => {
          const existing = pointersOf(doc);
          const ptr = existing.length > 0 ? fc.oneof(fc.constantFrom(...existing), pointerArb) : pointerArb;
          return fc.tuple(fc.constant(doc), fc.array(fc.record({ op: fc.constant("replace" as const), path: ptr, value: jsonArb }), { minLength: 1, maxLength: 4 }));
        }),
        ([doc, ops]) => {
          // A replace of the root ("") may leave a list, on which the trailing remove itself fails.
          fc.pre(!Object.prototype.hasOwnProperty.call(doc, "meshsim-absent-key") && ops.every((o) => o.path !== ""));
          const before = JSON.stringify(doc);
          // Compared as text: member order counts (a replace keeps the member's place).
          expect(JSON.stringify(applyJsonPatch(doc, ops))).toBe(JSON.stringify(applyJsonPatch(doc, [...ops, absent])));
          expect(JSON.stringify(doc)).toBe(before);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
