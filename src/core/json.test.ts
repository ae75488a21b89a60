/** JSON helpers: object test, own-property lookup, canonical (sorted-key) serialisation, deep copy. */
import { describe, expect, it } from "vitest";
import { canonicalStringify, cloneJson, isJsonObject, ownGet, sortKeysDeep, type JsonObject } from "./json.js";

describe("isJsonObject", () => {
  it("is true for objects only: not null, not arrays", () => {
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject(null)).toBe(false);
    expect(isJsonObject([])).toBe(false);
    expect(isJsonObject("x")).toBe(false);
    expect(isJsonObject(undefined)).toBe(false);
  });
});

describe("ownGet", () => {
  it("never returns inherited members for untrusted keys", () => {
    const o: JsonObject = { a: 1 };
    expect(ownGet(o, "a")).toBe(1);
    expect(ownGet(o, "constructor")).toBeUndefined();
    expect(ownGet(o, "__proto__")).toBeUndefined();
    expect(ownGet(o, "toString")).toBeUndefined();
  });
  it("returns an own member even when it is named like a prototype member", () => {
    const o = JSON.parse('{"constructor": 2, "__proto__": 3}') as JsonObject;
    expect(ownGet(o, "constructor")).toBe(2);
    expect(ownGet(o, "__proto__")).toBe(3);
  });
});

describe("canonicalStringify / sortKeysDeep", () => {
  it("sorts keys at every depth by UTF-16 code unit, keeps array order", () => {
    expect(canonicalStringify({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    // Code-unit order: upper case before lower case, "_" (0x5F) between them, "a-b" ("-" is 0x2D) before "a.b" (0x2E).
    expect(canonicalStringify({ b: 1, B: 1, _: 1, "a.b": 1, "a-b": 1 })).toBe('{"B":1,"_":1,"a-b":1,"a.b":1,"b":1}');
  });
  it("is the same for the same value whatever the insertion order", () => {
    expect(canonicalStringify({ x: 1, y: [{ q: 1, p: 2 }] })).toBe(canonicalStringify({ y: [{ p: 2, q: 1 }], x: 1 }));
  });
  it("passes the indent through", () => {
    expect(canonicalStringify({ b: 1, a: 2 }, 2)).toBe('{\n  "a": 2,\n  "b": 1\n}');
  });
  it("leaves scalars alone", () => {
    expect(sortKeysDeep(5)).toBe(5);
    expect(sortKeysDeep(null)).toBe(null);
  });
});

describe("cloneJson", () => {
  it("is a deep copy: changing the copy leaves the original", () => {
    const a = { x: [1, { y: 2 }] };
    const b = cloneJson(a) as { x: [number, { y: number }] };
    b.x[1].y = 3;
    expect(a).toEqual({ x: [1, { y: 2 }] });
    expect(b).toEqual({ x: [1, { y: 3 }] });
  });
});
