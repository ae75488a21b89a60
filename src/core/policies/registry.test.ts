/**
 * Every registered policy keeps the plug-in contract (docs/adding-a-policy.md): a unique kind and Kuma plugin order,
 * a validator when meshsim reads its spec, at least one case file in its folder, and a mention in the README and in
 * the OpenAPI document. Orders: kumahq/kuma@v2.14.3 pkg/plugins/policies/<name>/api/v1alpha1/
 * zz_generated.resource.go.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { atLeast } from "../model/versions.js";
import { POLICIES } from "./registry.js";

const root = join(import.meta.dirname, "..", "..", "..");
const folderOf = (kind: string) => join(import.meta.dirname, kind.toLowerCase());

describe("registry", () => {
  it("runs plugins in Kuma's order: TrafficPermission 0 (the generator's), the legacy FaultInjection and RateLimit (inside InboundProxyGenerator, so first), MeshTLS 300, MeshPassthrough 500, MeshAccessLog 600, MeshTimeout 1000, MeshTrafficPermission 1100, MeshCircuitBreaker 1300, MeshProxyPatch 9999; ProxyTemplate (no plugin, its modifications run after all of them) last", () => {
    expect(POLICIES.map((p) => [p.kind, p.order])).toEqual([
      ["TrafficPermission", 0],
      ["FaultInjection", 10],
      ["RateLimit", 11],
      ["MeshTLS", 300],
      ["MeshPassthrough", 500],
      ["MeshAccessLog", 600],
      ["MeshTimeout", 1000],
      ["MeshTrafficPermission", 1100],
      ["MeshCircuitBreaker", 1300],
      ["MeshProxyPatch", 9999],
      ["ProxyTemplate", 10000],
    ]);
  });
  it("has unique kinds and unique orders", () => {
    expect(new Set(POLICIES.map((p) => p.kind)).size).toBe(POLICIES.length);
    expect(new Set(POLICIES.map((p) => p.order)).size).toBe(POLICIES.length);
  });
  it("reads the specs of every registered policy (MeshTimeout and MeshCircuitBreaker too)", () => {
    expect(POLICIES.filter((p) => p.api).map((p) => p.kind)).toEqual([
      "TrafficPermission",
      "FaultInjection",
      "RateLimit",
      "MeshTLS",
      "MeshPassthrough",
      "MeshAccessLog",
      "MeshTimeout",
      "MeshTrafficPermission",
      "MeshCircuitBreaker",
      "MeshProxyPatch",
      "ProxyTemplate",
    ]);
  });
  for (const p of POLICIES) {
    describe(p.kind, () => {
      it("lives in its own folder, with a validator when meshsim reads its spec", () => {
        expect(existsSync(join(folderOf(p.kind), "index.ts"))).toBe(true);
        if (p.api) expect(existsSync(join(folderOf(p.kind), "validator.ts"))).toBe(true);
        if (p.api) expect(typeof p.api.validate).toBe("function");
      });
      it("has at least one case file", () => {
        const dir = join(folderOf(p.kind), "cases");
        expect(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yaml")) : []).not.toEqual([]);
      });
      it("has a plugin or a spec to read, and a sensible release span", () => {
        expect(p.plugin !== undefined || p.api !== undefined).toBe(true);
        if (p.removedIn) expect(atLeast(p.removedIn, p.since)).toBe(true);
        if (p.runsWithoutPolicies) expect(p.plugin).toBeDefined();
      });
      it("is listed in the README, docs/fidelity.md and the OpenAPI document", () => {
        expect(readFileSync(join(root, "README.md"), "utf8")).toContain(p.kind);
        expect(readFileSync(join(root, "docs", "fidelity.md"), "utf8")).toContain(p.kind);
        expect(readFileSync(join(root, "openapi.yaml"), "utf8")).toContain(p.kind);
      });
    });
  }
});
