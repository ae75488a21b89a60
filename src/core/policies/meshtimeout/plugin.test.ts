/**
 * The policy-less part of the MeshTimeout plugin: inbound local clusters get connectTimeout 5s, inbound tcp_proxy
 * filters idleTimeout 1h. Expected values are typed from kumahq/kuma @ v2.14.3
 * `pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin.go` (applyToInbounds), `plugin/xds/configurer.go`
 * (toProtoDurationOrDefault) and `pkg/plugins/policies/core/defaults/consts.go` (DefaultConnectTimeout 5s,
 * DefaultIdleTimeout 1h).
 */
import { describe, expect, it } from "vitest";
import { features, type KumaMinor } from "../../model/versions.js";
import type { JsonObject } from "../../json.js";
import type { ResourceSet, XdsResource } from "../../xds/resource-set.js";
import { meshTimeout } from "./index.js";

const plugin = meshTimeout.plugin!;

const ctx = (minor: KumaMinor = "2.14") => ({ features: features(minor), policies: [], dataplane: undefined as never, mesh: undefined as never, transparentProxy: undefined as never });
const TCP = "envoy.filters.network.tcp_proxy";
const tcpProxy = (cluster: string, idleTimeout?: string): JsonObject => ({
  name: TCP,
  typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", cluster, statPrefix: cluster.replace(/:/g, "_"), ...(idleTimeout ? { idleTimeout } : {}) },
});
const rbac: JsonObject = { name: "envoy.filters.network.rbac", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC", rules: {}, statPrefix: "inbound_10_0_0_1_8080." } };
const filtersOf = (r: XdsResource) => (r.value["filterChains"] as JsonObject[]).map((c) => c["filters"] as JsonObject[]);

describe("meshTimeoutDefaultPlugin", () => {
  it("runs at Kuma's order 1000 and reads no policy kind", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/api/v1alpha1/zz_generated.resource.go Order: 1000
    expect(meshTimeout.order).toBe(1000);
    expect(meshTimeout.api).toBeUndefined();
    expect(meshTimeout.kind).toBe("MeshTimeout");
    expect(meshTimeout.runsWithoutPolicies).toBe(true);
  });
  it("runs without a policy from 2.10 on, not in 2.5 … 2.9", () => {
    // kumahq/kuma@2.10.0 pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin.go (commit d3a493dd28 removed the no-rules early return); 2.5.0 returns early without rules
    for (const m of ["2.10", "2.11", "2.12", "2.13", "2.14"] as const) expect(plugin.enabled!(features(m)), m).toBe(true);
    expect(plugin.enabled!(features("2.5"))).toBe(false);
    // kumahq/kuma@v2.9.13 pkg/xds/server/v3/testdata/hook-before-pt.golden.yaml: localhost:8080 keeps connectTimeout 10s
    for (const m of ["2.6", "2.7", "2.8", "2.9"] as const) expect(plugin.enabled!(features(m)), m).toBe(false);
  });
  it("an inbound local cluster's connectTimeout becomes 5s", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/plugin/xds/configurer.go ClusterConfigurer.Configure (DefaultConnectTimeout)
    const rs: ResourceSet = [{ type: "cluster", name: "localhost:8080", origin: "inbound", value: { name: "localhost:8080", type: "STATIC", connectTimeout: "10s" } }];
    expect(plugin.apply(rs, ctx()).resources).toEqual([{ type: "cluster", name: "localhost:8080", origin: "inbound", value: { name: "localhost:8080", type: "STATIC", connectTimeout: "5s" } }]);
    const unset: ResourceSet = [{ type: "cluster", name: "localhost:9090", origin: "inbound", value: { name: "localhost:9090" } }];
    expect(plugin.apply(unset, ctx()).resources[0]!.value).toEqual({ name: "localhost:9090", connectTimeout: "5s" });
  });
  it("every tcp_proxy of every chain of an inbound listener gets idleTimeout 3600s; other filters stay", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/plugin/xds/configurer.go ListenerConfigurer (UpdateTCPProxy per filter chain, DefaultIdleTimeout)
    const l: XdsResource = {
      type: "listener",
      name: "inbound:10.0.0.1:8080",
      origin: "inbound",
      value: { name: "inbound:10.0.0.1:8080", filterChains: [{ filters: [rbac, tcpProxy("localhost:8080", "7200s")] }, { filterChainMatch: { transportProtocol: "tls" }, filters: [tcpProxy("localhost:8080")] }] },
    };
    const out = plugin.apply([l], ctx()).resources[0]!;
    expect(filtersOf(out)).toEqual([[rbac, tcpProxy("localhost:8080", "3600s")], [tcpProxy("localhost:8080", "3600s")]]);
    expect((out.value["filterChains"] as JsonObject[])[1]!["filterChainMatch"]).toEqual({ transportProtocol: "tls" });
  });
  it("outbound and transparent (passthrough) resources are untouched", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin.go applyToInbounds (listeners.Inbound, clusters.Inbound only)
    const rs: ResourceSet = [
      { type: "cluster", name: "outbound:passthrough:ipv4", origin: "transparent", value: { name: "outbound:passthrough:ipv4", connectTimeout: "10s" } },
      { type: "listener", name: "outbound:passthrough:ipv4", origin: "transparent", value: { name: "outbound:passthrough:ipv4", filterChains: [{ filters: [tcpProxy("outbound:passthrough:ipv4")] }] } },
      { type: "listener", name: "inbound:passthrough:ipv4", origin: "transparent", value: { name: "inbound:passthrough:ipv4", filterChains: [{ filters: [tcpProxy("inbound:passthrough:ipv4")] }] } },
    ];
    const out = plugin.apply(rs, ctx());
    expect(out.resources).toEqual(rs);
    expect(out.trace).toEqual([]);
  });
  it("filters other than tcp_proxy are left alone (matched by filter name); the input is not mutated", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/envoy/listeners/v3/util.go UpdateTCPProxy (UpdateFilterConfig by name "envoy.filters.network.tcp_proxy")
    const kafka: JsonObject = { name: "envoy.filters.network.kafka_broker", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.kafka_broker.v3.KafkaBroker", statPrefix: "kafka" } };
    const l: XdsResource = { type: "listener", name: "inbound:10.0.0.1:9092", origin: "inbound", value: { name: "inbound:10.0.0.1:9092", filterChains: [{ filters: [kafka, tcpProxy("localhost:9092", "7200s")] }] } };
    const before = structuredClone(l);
    const out = plugin.apply([l], ctx()).resources[0]!;
    expect(filtersOf(out)).toEqual([[kafka, tcpProxy("localhost:9092", "3600s")]]);
    expect(l).toEqual(before);
  });
  it("one trace line when it touched inbound resources, none otherwise; never a warning", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin.go applyToInbounds
    const out = plugin.apply([{ type: "cluster", name: "localhost:1", origin: "inbound", value: { name: "localhost:1" } }], ctx());
    expect(out.trace).toHaveLength(1);
    expect(out.trace[0]).toMatch(/connectTimeout 5s .*idleTimeout 3600s/);
    expect(out.warnings).toEqual([]);
    expect(plugin.apply([], ctx())).toEqual({ resources: [], warnings: [], trace: [] });
  });
});
