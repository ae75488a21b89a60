/** The MeshTLS plugin rebuilds the inbound listeners it covers in the policy's mode (kuma meshtls plugin.go configure). */
import { describe, expect, it } from "vitest";
import { NO_PERMISSION_RBAC_RULES } from "../../generate/inbound.js";
import { meshTls as meshTlsPolicy } from "./index.js";
import type { JsonObject } from "../../json.js";
import { findResource } from "../../xds/resource-set.js";
import { build, inboundDataplane, mesh, meshTls } from "./policy.fixtures.js";

const dp = inboundDataplane("dp-1", "default", {
  networking: {
    address: "10.0.0.7",
    transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 },
    inbound: [
      { port: 8080, name: "http", tags: { "kuma.io/service": "web", "kuma.io/protocol": "http" } },
      { port: 9090, tags: { "kuma.io/service": "metrics" } },
    ],
  },
});
const chainsOf = (b: ReturnType<typeof build>, name: string) => findResource(b.resources, "listener", name)!.value["filterChains"] as JsonObject[];

describe("MeshTLS plugin", () => {
  it("order 300, reads MeshTLS", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtls/api/v1alpha1/zz_generated.resource.go
    expect(meshTlsPolicy.order).toBe(300);
    expect(meshTlsPolicy.kind).toBe("MeshTLS");
    expect(meshTlsPolicy.runsWithoutPolicies).toBe(false);
  });
  it("Permissive on a STRICT mesh: three chains on the covered inbound, the others untouched", () => {
    const p = meshTls("http-permissive", { targetRef: { kind: "Dataplane", sectionName: "http" }, rules: [{ default: { mode: "Permissive" } }] });
    const b = build(dp, mesh("STRICT"), { policies: [p] });
    expect(chainsOf(b, "inbound:10.0.0.7:8080").map((c) => c["filterChainMatch"] ?? null)).toEqual([
      { transportProtocol: "raw_buffer" },
      { transportProtocol: "tls" },
      { applicationProtocols: ["kuma"], transportProtocol: "tls" },
    ]);
    expect(chainsOf(b, "inbound:10.0.0.7:9090")).toHaveLength(1);
    expect(b.trace.some((t) => t.includes("inbound:10.0.0.7:8080 rebuilt in mode PERMISSIVE"))).toBe(true);
  });
  it("keeps the RBAC rules the listener carried", () => {
    const p = meshTls("strict", { rules: [{ default: { mode: "Strict" } }] });
    const b = build(dp, mesh("PERMISSIVE"), { policies: [p], inbound: { rbacRules: () => NO_PERMISSION_RBAC_RULES } });
    const c = chainsOf(b, "inbound:10.0.0.7:9090");
    expect(c).toHaveLength(1);
    expect(((c[0]!["filters"] as JsonObject[])[0]!["typedConfig"] as JsonObject)["rules"]).toEqual({});
  });
  it("mTLS off: nothing changes and the policy is reported ignored", () => {
    const p = meshTls("strict", { rules: [{ default: { mode: "Strict" } }] });
    const b = build(dp, mesh("off"), { policies: [p] });
    expect(chainsOf(b, "inbound:10.0.0.7:9090")[0]!["transportSocket"]).toBeUndefined();
    expect(b.warnings).toEqual([{ code: "policy-ignored", message: expect.stringMatching(/MTLS is disabled/) }]);
  });
});
