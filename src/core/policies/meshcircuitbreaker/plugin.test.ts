/**
 * The policy-less part of the MeshCircuitBreaker plugin (2.14+): EnsureTrackRemaining on every cluster.
 * Expected values are typed from kumahq/kuma @ v2.14.3 `pkg/plugins/policies/meshcircuitbreaker/plugin/xds/configurer.go`
 * (ensureDefaultThreshold) and `plugin/v1alpha1/plugin.go` (applyTrackRemaining over GatherAllClusters).
 */
import { describe, expect, it } from "vitest";
import { planTransparentProxy } from "../../model/transparent-proxy.js";
import { features } from "../../model/versions.js";
import { DataplaneSpecSchema, dataplaneModel } from "../../snapshot/dataplane.js";
import { MeshSpecSchema, meshModel } from "../../snapshot/mesh.js";
import type { ResourceSet } from "../../xds/resource-set.js";
import { ensureTrackRemaining } from "./configurer.js";
import { meshCircuitBreaker } from "./index.js";

describe("ensureTrackRemaining", () => {
  it("a cluster without circuit breakers gets one DEFAULT threshold that tracks remaining (priority omitted: the enum zero)", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/plugin/xds/configurer.go ensureDefaultThreshold
    expect(ensureTrackRemaining({ name: "c", type: "EDS" })).toEqual({ name: "c", type: "EDS", circuitBreakers: { thresholds: [{ trackRemaining: true }] } });
  });
  it("empty circuitBreakers or an empty thresholds list: the same single threshold", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/plugin/xds/configurer.go ensureDefaultThreshold (append when none is DEFAULT)
    expect(ensureTrackRemaining({ name: "c", circuitBreakers: {} })["circuitBreakers"]).toEqual({ thresholds: [{ trackRemaining: true }] });
    expect(ensureTrackRemaining({ name: "c", circuitBreakers: { thresholds: [] } })["circuitBreakers"]).toEqual({ thresholds: [{ trackRemaining: true }] });
  });
  it("an existing DEFAULT threshold (priority unset or DEFAULT) is updated in place and keeps its limits", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/plugin/xds/configurer.go ensureDefaultThreshold (Priority == RoutingPriority_DEFAULT)
    expect(ensureTrackRemaining({ name: "c", circuitBreakers: { thresholds: [{ maxConnections: 7 }] } })["circuitBreakers"]).toEqual({ thresholds: [{ maxConnections: 7, trackRemaining: true }] });
    expect(ensureTrackRemaining({ name: "c", circuitBreakers: { thresholds: [{ priority: "DEFAULT", trackRemaining: false }] } })["circuitBreakers"]).toEqual({ thresholds: [{ priority: "DEFAULT", trackRemaining: true }] });
  });
  it("only HIGH thresholds: a DEFAULT one is appended after them", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/plugin/xds/configurer.go ensureDefaultThreshold (append)
    expect(ensureTrackRemaining({ name: "c", circuitBreakers: { thresholds: [{ priority: "HIGH", maxRetries: 2 }] } })["circuitBreakers"]).toEqual({
      thresholds: [{ priority: "HIGH", maxRetries: 2 }, { trackRemaining: true }],
    });
  });
  it("two DEFAULT thresholds: only the first is touched", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/plugin/xds/configurer.go ensureDefaultThreshold (returns the first match)
    expect(ensureTrackRemaining({ name: "c", circuitBreakers: { thresholds: [{ priority: "HIGH" }, { maxRequests: 1 }, { maxRequests: 2 }] } })["circuitBreakers"]).toEqual({
      thresholds: [{ priority: "HIGH" }, { maxRequests: 1, trackRemaining: true }, { maxRequests: 2 }],
    });
  });
  it("other circuitBreakers fields stay; the input is not mutated", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/plugin/xds/configurer.go EnsureTrackRemaining (touches one threshold only)
    const input = { name: "c", circuitBreakers: { perHostThresholds: [{ maxConnections: 1 }], thresholds: [{ maxConnections: 3 }] } };
    const before = structuredClone(input);
    expect(ensureTrackRemaining(input)["circuitBreakers"]).toEqual({ perHostThresholds: [{ maxConnections: 1 }], thresholds: [{ maxConnections: 3, trackRemaining: true }] });
    expect(input).toEqual(before);
  });
});

describe("MeshCircuitBreaker definition and plugin", () => {
  const NO_DEFAULTS = meshModel("default", MeshSpecSchema.parse({ skipCreatingInitialPolicies: ["*"] }));
  const DP = dataplaneModel("web", "default", {}, DataplaneSpecSchema.parse({ networking: { address: "10.0.0.1", inbound: [{ port: 80, tags: { "kuma.io/service": "web" } }] } }));
  const run = (rs: ResourceSet, minor: "2.13" | "2.14") => {
    const f = features(minor);
    return meshCircuitBreaker.plugin!.apply(rs, { features: f, dataplane: DP, mesh: NO_DEFAULTS, transparentProxy: planTransparentProxy(DP, NO_DEFAULTS, f), policies: [], meshPolicies: [] });
  };
  it("runs at Kuma's order 1300, reads MeshCircuitBreaker specs and every one of the mesh (for the default)", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/zz_generated.resource.go Order: 1300
    expect(meshCircuitBreaker.order).toBe(1300);
    expect(meshCircuitBreaker.api).toBeDefined();
    expect(meshCircuitBreaker.runsWithoutPolicies).toBe(true);
    expect(meshCircuitBreaker.readsMeshPolicies).toBe(true);
  });
  it("without a policy: 2.13 changes nothing, 2.14 tracks remaining on every cluster of any origin, listeners untouched", () => {
    // kumahq/kuma@v2.14.0 pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/plugin.go applyTrackRemaining (absent @ v2.13.10)
    const rs: ResourceSet = [
      { type: "cluster", name: "outbound:passthrough:ipv4", origin: "transparent", value: { name: "outbound:passthrough:ipv4" } },
      { type: "cluster", name: "localhost:8080", origin: "inbound", value: { name: "localhost:8080" } },
      { type: "cluster", name: "backend", origin: "outbound", value: { name: "backend" } },
      { type: "listener", name: "outbound:passthrough:ipv4", origin: "transparent", value: { name: "outbound:passthrough:ipv4" } },
    ];
    const before = structuredClone(rs);
    expect(run(rs, "2.13").resources).toEqual(rs);
    const out = run(rs, "2.14");
    expect(rs).toEqual(before);
    expect(out.resources.filter((r) => r.type === "cluster").map((r) => r.value["circuitBreakers"])).toEqual([
      { thresholds: [{ trackRemaining: true }] },
      { thresholds: [{ trackRemaining: true }] },
      { thresholds: [{ trackRemaining: true }] },
    ]);
    expect(out.resources[3]).toEqual(rs[3]);
    expect(out.trace).toEqual(["MeshCircuitBreaker (order 1300, 2.14+): added circuitBreakers.thresholds[{trackRemaining: true}] to all 3 clusters, with or without a MeshCircuitBreaker policy"]);
  });
});
