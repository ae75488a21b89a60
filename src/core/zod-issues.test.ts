/** zod issues → violations: request paths, the unknown-field message, and the cap of 20. */
import * as z from "zod";
import { describe, expect, it } from "vitest";
import { MAX_REPORTED_ISSUES, zodViolations } from "./zod-issues.js";

const issues = (schema: z.ZodType, value: unknown, base = "") => {
  const r = schema.safeParse(value);
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
