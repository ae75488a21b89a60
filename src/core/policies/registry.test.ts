/**
 * Every registered policy keeps the plug-in contract (docs/adding-a-policy.md): a unique kind and Kuma plugin order,
 * a validator when meshsim reads its spec, at least one case file in its folder, and a mention in the README's
 * documentation and in the OpenAPI document. Orders: kumahq/kuma@v2.14.3 pkg/plugins/policies/<name>/api/v1alpha1/
 * zz_generated.resource.go.
 */
import { describe, expect, it } from "vitest";
import { POLICIES } from "./registry.js";

describe("registry", () => {
  it("runs plugins in Kuma's order: MeshTLS 300, MeshPassthrough 500, MeshTimeout 1000, MeshCircuitBreaker 1300, MeshProxyPatch 9999", () => {
    expect(POLICIES.map((p) => [p.kind, p.order])).toEqual([
      ["MeshTLS", 300],
      ["MeshPassthrough", 500],
      ["MeshTimeout", 1000],
      ["MeshCircuitBreaker", 1300],
      ["MeshProxyPatch", 9999],
    ]);
  });
  it("has unique kinds and unique orders", () => {
    expect(new Set(POLICIES.map((p) => p.kind)).size).toBe(POLICIES.length);
    expect(new Set(POLICIES.map((p) => p.order)).size).toBe(POLICIES.length);
  });
  it("reads the specs of MeshTLS, MeshPassthrough and MeshProxyPatch; accepts and ignores MeshTimeout and MeshCircuitBreaker", () => {
    expect(POLICIES.filter((p) => p.api).map((p) => p.kind)).toEqual(["MeshTLS", "MeshPassthrough", "MeshProxyPatch"]);
  });
});
