/**
 * The MeshTimeout plugin beyond the case files: when it runs, what it never touches, how confs of several policies
 * merge, and the provenance it records. Expected values typed from kumahq/kuma @ the tags named per test:
 * `pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin.go`, `plugin/xds/configurer.go`,
 * `pkg/plugins/policies/core/rules/merge/merge.go` and `pkg/plugins/policies/core/defaults/consts.go`.
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../json.js";
import type { PolicyResource } from "../../model/policy.js";
import { planTransparentProxy } from "../../model/transparent-proxy.js";
import { features, type KumaMinor, type Release } from "../../model/versions.js";
import { DataplaneSpecSchema, dataplaneModel } from "../../snapshot/dataplane.js";
import { MeshSpecSchema, meshModel } from "../../snapshot/mesh.js";
import type { ResourceSet } from "../../xds/resource-set.js";
import { meshTimeout } from "./index.js";

const plugin = meshTimeout.plugin!;
const DP = dataplaneModel("web", "default", {}, DataplaneSpecSchema.parse({ networking: { address: "10.0.0.1", inbound: [{ port: 80, servicePort: 8080, tags: { "kuma.io/service": "web" } }] } }));
const NO_DEFAULTS = meshModel("default", MeshSpecSchema.parse({ skipCreatingInitialPolicies: ["*"] }));

function policy(name: string, spec: JsonObject, labels: Record<string, string> = {}): PolicyResource {
  return { envelope: { kind: "MeshTimeout", name, mesh: "default", form: "universal", namespace: undefined, labels, specPath: "spec", spec, path: name, status: undefined }, spec, role: "workload-owner", whatIf: false };
}
function run(rs: ResourceSet, version: KumaMinor | Release, policies: PolicyResource[] = []) {
  const f = features(version);
  return plugin.apply(rs, { features: f, dataplane: DP, mesh: NO_DEFAULTS, transparentProxy: planTransparentProxy(DP, NO_DEFAULTS, f), policies, meshPolicies: policies.map((p) => ({ ...p, kind: "MeshTimeout" })) });
}
const tcp = (cluster: string, extra: JsonObject = {}): JsonObject => ({ name: "envoy.filters.network.tcp_proxy", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", cluster, statPrefix: cluster, ...extra } });
const INBOUND: ResourceSet = [
  { type: "listener", name: "inbound:10.0.0.1:80", origin: "inbound", value: { name: "inbound:10.0.0.1:80", address: { socketAddress: { address: "10.0.0.1", portValue: 80 } }, filterChains: [{ filters: [tcp("localhost:8080", { idleTimeout: "7200s" })] }] } },
  { type: "cluster", name: "localhost:8080", origin: "inbound", value: { name: "localhost:8080", connectTimeout: "10s" } },
];
const PASSTHROUGH: ResourceSet = [
  { type: "cluster", name: "outbound:passthrough:ipv4", origin: "transparent", value: { name: "outbound:passthrough:ipv4", connectTimeout: "5s" } },
  { type: "listener", name: "inbound:passthrough:ipv4", origin: "transparent", value: { name: "inbound:passthrough:ipv4", address: { socketAddress: { address: "10.0.0.1", portValue: 80 } }, filterChains: [{ filters: [tcp("inbound:passthrough:ipv4")] }] } },
];

describe("MeshTimeout definition", () => {
  it("runs at Kuma's order 1000, reads MeshTimeout specs and every MeshTimeout of the mesh (for the defaults)", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/api/v1alpha1/zz_generated.resource.go Order: 1000
    expect(meshTimeout.order).toBe(1000);
    expect(meshTimeout.api).toBeDefined();
    expect(meshTimeout.runsWithoutPolicies).toBe(true);
    expect(meshTimeout.readsMeshPolicies).toBe(true);
  });
});

describe("meshTimeoutPlugin", () => {
  it("before 2.10 without any MeshTimeout it returns early: nothing changes (plugin.go @ 2.9.19: no to / from rules)", () => {
    for (const v of ["2.5.11", "2.9.19"] as const) expect(run(INBOUND, v).resources).toBe(INBOUND);
  });
  it("from 2.10 without any MeshTimeout an inbound gets the defaults: connect 5s, tcp idle 3600s (consts.go)", () => {
    const out = run(INBOUND, "2.10.0").resources;
    expect(out[1]!.value["connectTimeout"]).toBe("5s");
    expect(((out[0]!.value["filterChains"] as JsonObject[])[0]!["filters"] as JsonObject[])[0]!["typedConfig"]).toMatchObject({ idleTimeout: "3600s" });
  });
  it("passthrough (origin transparent) resources are never touched, even by a Mesh-wide from and to (GatherListeners / GatherClusters)", () => {
    const mt = policy("mt", { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { connectionTimeout: "1s", idleTimeout: "2s" } }], to: [{ targetRef: { kind: "Mesh" }, default: { connectionTimeout: "3s" } }] });
    const out = run(PASSTHROUGH, "2.14.3", [mt]);
    expect(out.resources).toEqual(PASSTHROUGH);
    expect(out.writes).toEqual([]);
  });
  it("several policies merge field by field, the more specific winning (merge.Confs, RFC 7396); each field keeps its policy", () => {
    // sortPolicies order: Mesh before MeshService; the pipeline hands them sorted.
    const mesh = policy("a-mesh", { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { connectionTimeout: "3s", idleTimeout: "40s" } }] });
    const svc = policy("b-web", { targetRef: { kind: "MeshService", name: "web" }, from: [{ targetRef: { kind: "Mesh" }, default: { connectionTimeout: "7s" } }] });
    const out = run(INBOUND, "2.14.3", [mesh, svc]);
    expect(out.resources[1]!.value["connectTimeout"]).toBe("7s");
    expect(((out.resources[0]!.value["filterChains"] as JsonObject[])[0]!["filters"] as JsonObject[])[0]!["typedConfig"]).toMatchObject({ idleTimeout: "40s" });
    expect(out.writes!.map((w) => `${w.resource} ${w.pointer} ${w.source}`).sort()).toEqual([
      "cluster/localhost:8080 /connectTimeout b-web#from[0]",
      "listener/inbound:10.0.0.1:80 /filterChains/0/filters/0/typedConfig/idleTimeout a-mesh#from[0]",
    ]);
  });
  it("a policy that does not cover the inbound (MeshService of another service) leaves it to the defaults", () => {
    const other = policy("other", { targetRef: { kind: "MeshService", name: "db" }, from: [{ targetRef: { kind: "Mesh" }, default: { connectionTimeout: "1s" } }] });
    expect(run(INBOUND, "2.14.3", [other]).resources[1]!.value["connectTimeout"]).toBe("5s");
  });
  it("Go durations become protobuf Durations (1m30s → 90s, 500ms → 0.500s)", () => {
    const mt = policy("mt", { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { connectionTimeout: "500ms", idleTimeout: "1m30s" } }] });
    const out = run(INBOUND, "2.14.3", [mt]).resources;
    expect(out[1]!.value["connectTimeout"]).toBe("0.500s");
    expect(((out[0]!.value["filterChains"] as JsonObject[])[0]!["filters"] as JsonObject[])[0]!["typedConfig"]).toMatchObject({ idleTimeout: "90s" });
  });
  it("a gRPC inbound cluster gets no HTTP protocol options, an HTTP/2 one does (ClusterConfigurer: HTTP and HTTP2 only)", () => {
    const f = features("2.14.3");
    const cluster = (protocol: string) => {
      const dp = dataplaneModel("g", "default", {}, DataplaneSpecSchema.parse({ networking: { address: "10.0.0.1", inbound: [{ port: 80, servicePort: 8080, tags: { "kuma.io/service": "g", "kuma.io/protocol": protocol } }] } }));
      return plugin.apply(INBOUND, { features: f, dataplane: dp, mesh: NO_DEFAULTS, transparentProxy: planTransparentProxy(dp, NO_DEFAULTS, f), policies: [], meshPolicies: [] }).resources[1]!.value;
    };
    expect(cluster("grpc")).toEqual({ name: "localhost:8080", connectTimeout: "5s" });
    expect(cluster("http2")["typedExtensionProtocolOptions"]).toEqual({
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
        "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
        commonHttpProtocolOptions: { idleTimeout: "3600s", maxStreamDuration: "0s", maxConnectionDuration: "0s" },
      },
    });
  });
  it("a listener Kuma does not find (no inbound listener on the inbound's address) leaves its cluster alone too (applyToInbounds: continue)", () => {
    expect(run([INBOUND[1]!], "2.14.3").resources[0]!.value).toEqual({ name: "localhost:8080", connectTimeout: "10s" });
  });
  it("never mutates its input", () => {
    const input = structuredClone(INBOUND);
    run(INBOUND, "2.14.3", [policy("mt", { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { idleTimeout: "9s" } }] })]);
    expect(INBOUND).toEqual(input);
  });
});
