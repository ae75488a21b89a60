/** zod issues → violations: request paths, the unknown-field message, and the cap of 20. */
import * as z from "zod";
import { describe, expect, it } from "vitest";
import { isZodDefaultMessage, MAX_REPORTED_ISSUES, ZOD_PARSE, zodViolations } from "./zod-issues.js";

const issues = (schema: z.ZodType, value: unknown, base = "", ctx?: typeof ZOD_PARSE) => {
  const r = schema.safeParse(value, ctx);
  if (r.success) throw new Error("expected the value to fail");
  return zodViolations(r.error, base);
};

describe("zodViolations", () => {
  it("roots each path at base and writes indices in brackets", () => {
    const s = z.object({ items: z.array(z.object({ port: z.number() })) });
    expect(issues(s, { items: [{ port: 1 }, { port: "x" }] }, "request")).toEqual([{ path: "request.items[1].port", message: expect.any(String) }]);
  });
  it("keeps zod's message for other issues", () => {
    const s = z.object({ a: z.number().max(3, "too big") });
    expect(issues(s, { a: 4 })).toEqual([{ path: "a", message: "too big" }]);
  });
  it("names one unknown field in the singular, quoted as JSON", () => {
    expect(issues(z.strictObject({ a: z.number() }), { a: 1, "b\"": 2 })).toEqual([{ path: "", message: 'unknown field "b\\""' }]);
  });
  it("names up to five unknown fields in the plural and counts the rest", () => {
    const v = Object.fromEntries(["k1", "k2", "k3", "k4", "k5", "k6", "k7"].map((k) => [k, 1]));
    expect(issues(z.strictObject({}), v, "spec")).toEqual([{ path: "spec", message: 'unknown fields "k1", "k2", "k3", "k4", "k5" and 2 more' }]);
    const five = Object.fromEntries(["k1", "k2", "k3", "k4", "k5"].map((k) => [k, 1]));
    expect(issues(z.strictObject({}), five)[0]!.message).toBe('unknown fields "k1", "k2", "k3", "k4", "k5"');
  });
  it(`reports at most ${MAX_REPORTED_ISSUES} issues`, () => {
    expect(MAX_REPORTED_ISSUES).toBe(20);
    const s = z.array(z.number());
    const out = issues(s, Array.from({ length: 25 }, () => "x"));
    expect(out).toHaveLength(20);
    expect(out[19]!.path).toBe("[19]");
  });
});

describe("ZOD_PARSE: messages that say what to write", () => {
  const worded = (schema: z.ZodType, value: unknown, base = "") => issues(schema, value, base, ZOD_PARSE);
  it("a missing field is required, with its type; a wrong type names what was sent", () => {
    const s = z.strictObject({ a: z.string(), b: z.array(z.number()) });
    expect(worded(s, { b: "x" })).toEqual([
      { path: "a", message: "is required (a string)" },
      { path: "b", message: 'must be a list, not the string "x"' },
    ]);
  });
  it("an unknown field: the nearest known one and every known one", () => {
    expect(worded(z.strictObject({ port: z.number(), protocol: z.string() }), { prot: 1, port: 1, protocol: "x" }, "to")).toEqual([
      { path: "to", message: 'unknown field "prot"; did you mean "port"? (the fields here: port, protocol)' },
    ]);
    expect(worded(z.strictObject({}), { a: 1 })).toEqual([{ path: "", message: 'unknown field "a" (this object takes no fields)' }]);
  });
  it("sizes in items, characters or plain numbers", () => {
    expect(worded(z.array(z.number()).max(2), [1, 2, 3])[0]!.message).toBe("must have at most 2 items");
    expect(worded(z.string().min(3), "ab")[0]!.message).toBe("must be at least 3 characters long");
    expect(worded(z.number().int().max(65535), 70000)[0]!.message).toBe("must be at most 65535");
  });
  it("a union: the branch the input was meant for, else the forms it accepts", () => {
    const s = z.union([z.string(), z.strictObject({ port: z.number() })]);
    expect(worded(s, { port: "80" }, "to")).toEqual([{ path: "to.port", message: 'must be a number, not the string "80"' }]);
    expect(worded(s, 5, "to")).toEqual([{ path: "to", message: "must be a string or an object, not an integer" }]);
  });
  it("none of zod's default phrasings is produced", () => {
    for (const m of ["Invalid input", "Invalid input: expected object, received undefined", "Unrecognized key: \"a\"", "Too small: expected array to have >=1 items", "Invalid option: expected one of \"a\"|\"b\""])
      expect(isZodDefaultMessage(m), m).toBe(true);
    expect(isZodDefaultMessage("is required (an object), e.g. request: {to: http://example.com}")).toBe(false);
  });
});
