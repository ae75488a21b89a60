/** Expectations of a batch request and the batch's failOn (issue #17), on hand-built results. */
import { describe, expect, it } from "vitest";
import type { ModificationReport, ModificationStatus } from "../model/modification.js";
import type { Warning } from "../warnings.js";
import { ExpectationSchema, FAIL_ON, checkExpectation } from "./expect.js";
import type { RequestPart } from "./result.js";
import { BatchBodySchema } from "./schema.js";

const request = (warnings: Warning[] = []): RequestPart => ({
  verdict: "passthrough",
  reason: { code: "passthrough", message: "leaves the mesh" },
  listener: { name: "outbound:passthrough:ipv4", address: "0.0.0.0:15001" },
  filterChain: { index: 0, name: null },
  route: null,
  cluster: { name: "outbound:passthrough:ipv4", type: "ORIGINAL_DST" },
  limits: { connectTimeout: { value: "5s", source: "kuma" } },
  warnings,
  assumptions: [],
  trace: [],
});
const mod = (policyIndex: number, status: ModificationStatus, extra: Partial<ModificationReport> = {}): ModificationReport => ({
  source: `mpp#${policyIndex}`,
  policy: "mpp",
  policyIndex,
  index: policyIndex,
  kind: "cluster",
  operation: "Patch",
  status,
  matched: [],
  hints: [],
  ...extra,
});
const ineffective = mod(0, "ineffective", { matched: ["cluster outbound:passthrough:ipv4"], message: "Envoy reads only the first threshold per priority", hints: ["use jsonPatches"] });
const noMatch = mod(1, "no-match", { hints: ['no cluster is named "outbound_passthrough_ipv4"'] });
const applied = mod(2, "applied", { matched: ["cluster outbound:passthrough:ipv4"] });
const shared = (modifications: ModificationReport[], warnings: Warning[] = []) => ({ modifications, warnings });
const nack: Warning = { code: "envoy-nack", message: "Envoy rejects listener x" };
const unresolved: Warning = { code: "host-unresolved", message: "example.com has no IP" };

describe("checkExpectation: result fields", () => {
  it("keeps the failure shape {field, expected, actual} for result fields", () => {
    const out = checkExpectation(request(), shared([]), { verdict: "blocked", limits: { connectTimeout: "10s" } });
    expect(out).toEqual({
      passed: false,
      failures: [
        { field: "verdict", expected: "blocked", actual: "passthrough" },
        { field: "limits.connectTimeout", expected: "10s", actual: "5s" },
      ],
    });
    expect(Object.keys(out.failures[0]!)).toEqual(["field", "expected", "actual"]);
  });
});

describe("checkExpectation: expect.modifications", () => {
  it("a wrong status names the modification, both statuses, its message and its hints", () => {
    const out = checkExpectation(request(), shared([ineffective, applied]), { modifications: { "mpp#0": "applied", "mpp#2": "applied" } });
    expect(out.passed).toBe(false);
    expect(out.failures).toEqual([
      {
        field: "modifications.mpp#0",
        expected: "applied",
        actual: "ineffective",
        source: "mpp#0",
        message: "mpp#0 (cluster Patch) is ineffective, expected applied: Envoy reads only the first threshold per priority",
        hints: ["use jsonPatches"],
      },
    ]);
  });
  it("a modification without a message of its own is explained by its status", () => {
    const [f] = checkExpectation(request(), shared([noMatch]), { modifications: { "mpp#1": "applied" } }).failures;
    expect(f?.message).toBe("mpp#1 (cluster Patch) is no-match, expected applied: its match selected nothing on this proxy, and Kuma ignores it silently");
    expect(f?.hints).toEqual(['no cluster is named "outbound_passthrough_ipv4"']);
  });
  it('"*" checks every modification of the dataplane that is not named on its own', () => {
    const out = checkExpectation(request(), shared([ineffective, noMatch, applied]), { modifications: { "*": "applied", "mpp#0": "ineffective" } });
    expect(out.failures.map((f) => [f.field, f.expected, f.actual])).toEqual([["modifications.mpp#1", "applied", "no-match"]]);
  });
  it('"*" holds when no modification selects the dataplane', () => {
    expect(checkExpectation(request(), shared([]), { modifications: { "*": "applied" } })).toEqual({ passed: true, failures: [] });
  });
  it("a named source that does not select the dataplane fails with actual null", () => {
    const out = checkExpectation(request(), shared([applied]), { modifications: { "other#0": "applied" } });
    expect(out.failures).toEqual([
      { field: "modifications.other#0", expected: "applied", actual: null, source: "other#0", message: "other#0 does not select this request's dataplane (its modifications are mpp#2), expected applied", hints: [] },
    ]);
    expect(checkExpectation(request(), shared([]), { modifications: { "other#0": "no-match" } }).failures[0]?.message).toContain("no modification selects it");
  });
});

describe("checkExpectation: expect.warnings", () => {
  it("present: found among the dataplane's or the request's own warnings", () => {
    expect(checkExpectation(request(), shared([], [nack]), { warnings: { present: ["envoy-nack"] } }).passed).toBe(true);
    expect(checkExpectation(request([unresolved]), shared([]), { warnings: { present: ["host-unresolved"] } }).passed).toBe(true);
  });
  it("present but missing: one failure naming the code and the warnings there are", () => {
    const out = checkExpectation(request([unresolved]), shared([], [nack]), { warnings: { present: ["vip-unroutable", "vip-unroutable"] } });
    expect(out.failures).toEqual([
      { field: "warnings.vip-unroutable", expected: "present", actual: "absent", code: "vip-unroutable", message: "no vip-unroutable warning for this request (its warnings are envoy-nack, host-unresolved)" },
    ]);
  });
  it("absent but there: one failure per warning, with the warning's message", () => {
    const other: Warning = { code: "envoy-nack", message: "Envoy rejects listener y" };
    const out = checkExpectation(request(), shared([], [nack, other]), { warnings: { absent: ["envoy-nack", "host-unresolved"] } });
    expect(out.failures).toEqual([
      { field: "warnings.envoy-nack", expected: "absent", actual: "present", code: "envoy-nack", message: "Envoy rejects listener x" },
      { field: "warnings.envoy-nack", expected: "absent", actual: "present", code: "envoy-nack", message: "Envoy rejects listener y" },
    ]);
  });
});

describe("checkExpectation: failOn", () => {
  it("turns each listed modification status and warning code into a failure; applied and unlisted findings pass", () => {
    const out = checkExpectation(request([unresolved]), shared([ineffective, noMatch, applied], [nack]), {}, ["no-match", "envoy-nack", "no-match"]);
    expect(out.failures).toEqual([
      {
        field: "failOn",
        expected: null,
        actual: "no-match",
        source: "mpp#1",
        message: "mpp#1 (cluster Patch) is no-match, which failOn lists: its match selected nothing on this proxy, and Kuma ignores it silently",
        hints: ['no cluster is named "outbound_passthrough_ipv4"'],
      },
      { field: "failOn", expected: null, actual: "envoy-nack", code: "envoy-nack", message: "Envoy rejects listener x" },
    ]);
  });
  it("nothing listed, nothing failed", () => {
    expect(checkExpectation(request([unresolved]), shared([ineffective], [nack]), {}, ["skipped", "vip-unroutable"])).toEqual({ passed: true, failures: [] });
  });
  it("an expectation that names the modification or the warning code decides it alone", () => {
    expect(checkExpectation(request(), shared([ineffective]), { modifications: { "mpp#0": "ineffective" } }, ["ineffective"]).passed).toBe(true);
    expect(checkExpectation(request(), shared([ineffective]), { modifications: { "*": "ineffective" } }, ["ineffective"]).passed).toBe(true);
    expect(checkExpectation(request(), shared([], [nack]), { warnings: { present: ["envoy-nack"] } }, ["envoy-nack"]).passed).toBe(true);
    // absent already fails it: one failure, not two.
    expect(checkExpectation(request(), shared([], [nack]), { warnings: { absent: ["envoy-nack"] } }, ["envoy-nack"]).failures.map((f) => f.field)).toEqual(["warnings.envoy-nack"]);
    // Naming another source leaves this one to failOn.
    expect(checkExpectation(request(), shared([ineffective, applied]), { modifications: { "mpp#2": "applied" } }, ["ineffective"]).failures.map((f) => [f.field, f.source])).toEqual([["failOn", "mpp#0"]]);
  });
});

describe("the schemas", () => {
  it("failOn takes every modification status but applied, and every warning code", () => {
    expect(FAIL_ON.slice(0, 4)).toEqual(["no-match", "ineffective", "failed", "skipped"]);
    expect(FAIL_ON).toContain("envoy-nack");
    expect(FAIL_ON).toContain("unified-naming-mismatch");
    expect(FAIL_ON).not.toContain("applied");
    const body = (failOn: unknown) => BatchBodySchema.safeParse({ requests: [{ to: "http://example.com" }], failOn });
    expect(body(["no-match", "ineffective", "envoy-nack"]).success).toBe(true);
    expect(body(["applied"]).success).toBe(false);
    expect(body(["no-such-code"]).success).toBe(false);
  });
  it("expect.modifications keys are sources or *, values statuses; a warning code cannot be both present and absent", () => {
    expect(ExpectationSchema.safeParse({ modifications: { "custom-mpp-1#0": "applied", "*": "no-match" } }).success).toBe(true);
    expect(ExpectationSchema.safeParse({ modifications: { "custom-mpp-1": "applied" } }).success).toBe(false);
    expect(ExpectationSchema.safeParse({ modifications: { "custom-mpp-1#0": "broken" } }).success).toBe(false);
    expect(ExpectationSchema.safeParse({ warnings: { present: ["envoy-nack"], absent: ["host-unresolved"] } }).success).toBe(true);
    expect(ExpectationSchema.safeParse({ warnings: { present: ["no-such-code"] } }).success).toBe(false);
    const both = ExpectationSchema.safeParse({ warnings: { present: ["envoy-nack"], absent: ["envoy-nack"] } });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0]).toMatchObject({ path: ["warnings", "absent"], message: "envoy-nack cannot be both present and absent" });
  });
});
