import { LineCounter, parseAllDocuments, type Document } from "yaml";
import { describe, expect, it } from "vitest";
import { clip, convertDocument, isEmptyDocument } from "./yaml-convert.js";

/**
 * Parses without the guard (so the converter's own refusals show) with the options the
 * orchestration uses, and converts the first document.
 */
function convert(text: string, yaml11 = false) {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: yaml11 ? "1.1" : "1.2",
    uniqueKeys: false,
    resolveKnownTags: false,
    merge: false,
    stringKeys: true,
    strict: true,
    logLevel: "silent",
    lineCounter,
  }) as Document.Parsed[];
  return convertDocument({ lineCounter, yaml11, basePath: "v" }, docs[0] as Document.Parsed);
}

const refused = (path: string, message: string) => ({ ok: false, errors: [{ path, message }] });

describe("convertDocument: plain JSON", () => {
  it("builds plain objects and arrays, keys in document order", () => {
    const r = convert("z: [1, two, null, true]\na: {b: 0.5}\nm: ~\n");
    expect(r).toEqual({ ok: true, value: { z: [1, "two", null, true], a: { b: 0.5 }, m: null } });
    expect(r.ok && Object.keys(r.value as object)).toEqual(["z", "a", "m"]);
  });

  it("makes __proto__ an own data property", () => {
    const r = convert("__proto__: {polluted: 1}\n");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(v, "__proto__")?.value).toEqual({ polluted: 1 });
    expect(JSON.stringify(v)).toBe('{"__proto__":{"polluted":1}}');
  });

  it("resolves plain scalars like go-yaml v2 under yaml11, quoted ones and keys stay strings", () => {
    expect(convert("on: on\nq: 'on'\nmode: 0777\n", true)).toEqual({ ok: true, value: { on: true, q: "on", mode: 511 } });
    // YAML 1.2 core schema: `on` is a string and 0777 is decimal.
    expect(convert("on: on\nq: 'on'\nmode: 0777\n")).toEqual({ ok: true, value: { on: "on", q: "on", mode: 777 } });
  });
});

describe("convertDocument: refusals (defence in depth behind the guard)", () => {
  it("refuses duplicate keys at the second one, with the key path", () => {
    expect(convert("a: 1\nb:\n  c: 1\n  c: 2\n")).toEqual(refused("v.b.c", 'duplicate key "c" (line 4, column 3)'));
  });

  it("refuses a plain << merge key; a quoted '<<' is an ordinary key", () => {
    expect(convert("x:\n  <<: {y: 1}\n")).toEqual(refused("v.x", "YAML merge keys (<<) are not accepted (line 2, column 3)"));
    expect(convert("'<<': 1\n")).toEqual({ ok: true, value: { "<<": 1 } });
  });

  it("refuses anchors, aliases and tags; a node's position is its value's, after its properties", () => {
    expect(convert("a: &x 1\n")).toEqual(refused("v.a", "YAML anchors are not accepted (line 1, column 7)"));
    expect(convert("a: 1\nb: *x\n")).toEqual(refused("v.b", "YAML aliases are not accepted (line 2, column 4)"));
    expect(convert("a: !!str 1\n")).toEqual(refused("v.a", "YAML tags are not accepted (line 1, column 10)"));
    expect(convert("*x : 1\n")).toEqual(refused("v", "YAML aliases are not accepted (line 1, column 1)"));
  });

  it("refuses a %YAML directive without a position", () => {
    expect(convert("%YAML 1.2\n---\na: 1\n")).toEqual(refused("v", "YAML directives (%YAML, %TAG) are not accepted"));
  });

  it("refuses a collection as a key", () => {
    // The parser also reports this (stringKeys); the orchestration reports the parser's error first.
    expect(convert("[a]: 1\n")).toEqual(refused("v", "YAML mapping keys must be scalars (line 1, column 1)"));
  });

  it("refuses the 65th nested collection, naming its path", () => {
    expect(convert("[".repeat(64) + "]".repeat(64)).ok).toBe(true);
    expect(convert("[".repeat(65) + "]".repeat(65))).toEqual(
      refused(`v${"[0]".repeat(64)}`, "YAML nesting is deeper than 64 levels (line 1, column 65)"),
    );
  });

  it("refuses values JSON cannot hold", () => {
    expect(convert("a: .inf\n")).toEqual(refused("v.a", 'YAML value ".inf" cannot be represented in JSON (line 1, column 4)'));
    expect(convert("- -.Inf\n", true)).toEqual(refused("v[0]", 'YAML value "-.Inf" cannot be represented in JSON (line 1, column 3)'));
  });
});

describe("isEmptyDocument and clip", () => {
  it("an empty document has no content at all; null, ~ and '' are content", () => {
    const docs = parseAllDocuments("---\n---\nnull\n---\n~\n---\n''\n") as Document.Parsed[];
    expect(docs.map(isEmptyDocument)).toEqual([true, false, false, false]);
  });

  it("clip keeps 240 characters at most, ending a cut message with an ellipsis", () => {
    expect(clip("x".repeat(240))).toBe("x".repeat(240));
    expect(clip("x".repeat(241))).toBe(`${"x".repeat(239)}…`);
  });
});
