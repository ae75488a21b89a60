/**
 * buildProxy: Kuma's generation for one dataplane, end to end without HTTP — generators, the policy plugins in
 * Kuma's order, then the ResourceSet hooks. Expected values are typed from kumahq/kuma @ v2.14.3: the full-pipeline
 * golden `pkg/xds/server/v3/testdata/hook-before-pt.golden.yaml`, `pkg/xds/server/v3/reconcile.go` GenerateSnapshot
 * (hooks after the generator and plugins; a plugin error stops it), the api-server-bypass hook, and
 * `pkg/xds/sync/dataplane_proxy_builder.go` resolveVIPOutbounds.
 */
import { describe, expect, it } from "vitest";
import { buildProxy, type ZoneSettings } from "./proxy.js";
import { defaultDataplane } from "../model/dataplane.js";
import { meshModel } from "../snapshot/mesh.js";
import { POLICIES } from "../policies/registry.js";
import { buildSnapshot, type Snapshot } from "../snapshot/snapshot.js";
import { features, type KumaMinor } from "../model/versions.js";
import type { JsonObject } from "../json.js";
import type { ResourceSet } from "../xds/resource-set.js";

const UNIVERSAL: ZoneSettings = { environment: "universal", apiServer: undefined };
const K8S: ZoneSettings = { environment: "kubernetes", apiServer: { address: "10.43.0.1", port: 6443 } };
const MTLS = { mtls: { enabledBackend: "ca-1", backends: [{ name: "ca-1", type: "builtin" }] } };
/**
 * The Mesh `demo` of the hook-before-pt test: the test builds its resources by hand, without the default policies
 * kuma-cp creates with a Mesh, which a Mesh that skips them reproduces.
 */
const DEMO = { type: "Mesh", name: "demo", ...MTLS, skipCreatingInitialPolicies: ["*"] };

/** The Dataplane `web1` of Kuma's hook-before-pt test (snapshot_generator_test.go @ v2.14.3), retyped. */
const WEB1 = {
  type: "Dataplane",
  mesh: "demo",
  name: "web1",
  networking: {
    address: "192.168.0.1",
    inbound: [
      { port: 80, servicePort: 8080, tags: { "kuma.io/service": "backend-1" } },
      { port: 443, servicePort: 8443, tags: { "kuma.io/service": "backend-2" } },
      { address: "192.168.0.2", port: 80, servicePort: 8080, tags: { "kuma.io/service": "backend-3" } },
      { address: "192.168.0.2", port: 443, servicePort: 8443, tags: { "kuma.io/service": "backend-4" } },
    ],
    transparentProxying: { redirectPortOutbound: 15001, redirectPortInbound: 15006, ipFamilyMode: "IPv4" },
  },
};

function snap(resources: unknown[], minor: KumaMinor = "2.14"): Snapshot {
  const r = buildSnapshot(resources, undefined, features(minor), POLICIES);
  if ("errors" in r) throw new Error(JSON.stringify(r.errors));
  return r.snapshot;
}
function build(resources: unknown[], opts: { minor?: KumaMinor; zone?: ZoneSettings; dp?: string } = {}) {
  const minor = opts.minor ?? "2.14";
  const s = snap(resources, minor);
  const dp = s.dataplanes.find((d) => d.name === (opts.dp ?? "web1"))!;
  const mesh = s.meshes.get(dp.mesh) ?? meshModel(dp.mesh, {});
  return buildProxy(s, features(minor), dp, mesh, opts.zone ?? UNIVERSAL);
}
const find = (rs: ResourceSet, type: "listener" | "cluster", name: string) => rs.find((r) => r.type === type && r.name === name);
const filters = (l: JsonObject) => (l["filterChains"] as JsonObject[]).flatMap((c) => c["filters"] as JsonObject[]);

describe("buildProxy: the full pipeline (hook-before-pt @ v2.14.3)", () => {
  const p = build([DEMO, WEB1]);
  it("the golden's clusters are all there", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/server/v3/testdata/hook-before-pt.golden.yaml (cluster names)
    for (const name of ["inbound:passthrough:ipv4", "localhost:8080", "localhost:8443", "outbound:passthrough:ipv4", "self_transparentproxy_no_destination_inbound"])
      expect(find(p.resources, "cluster", name), name).toBeDefined();
  });
  it("every one of them has circuitBreakers.thresholds [{trackRemaining: true}] and connectTimeout 5s", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/server/v3/testdata/hook-before-pt.golden.yaml (MeshCircuitBreaker and MeshTimeout defaults)
    for (const name of ["inbound:passthrough:ipv4", "localhost:8080", "localhost:8443", "outbound:passthrough:ipv4", "self_transparentproxy_no_destination_inbound"]) {
      const c = find(p.resources, "cluster", name)!.value;
      expect(c["circuitBreakers"], name).toEqual({ thresholds: [{ trackRemaining: true }] });
      expect(c["connectTimeout"], name).toBe("5s");
    }
  });
  it("the inbound listeners' tcp_proxy idles out after 3600s", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/server/v3/testdata/hook-before-pt.golden.yaml (inbound:192.168.0.1:443 tcp_proxy idleTimeout 3600s)
    for (const name of ["inbound:192.168.0.1:443", "inbound:192.168.0.2:443"]) {
      const tcp = filters(find(p.resources, "listener", name)!.value).find((f) => f["name"] === "envoy.filters.network.tcp_proxy")!;
      expect(tcp["typedConfig"], name).toMatchObject({ idleTimeout: "3600s" });
    }
  });
  it("reports the Kuma minor, dataplane and mesh first, and no configError", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/server/v3/reconcile.go GenerateSnapshot (one snapshot per proxy)
    expect(p.trace[0]).toBe("Kuma 2.14.3, dataplane web1 in mesh demo");
    expect(p.configError).toBeUndefined();
    expect(p.plan.disabledReason).toBeUndefined();
  });
  it("without a MeshProxyPatch, the config before patches is the final config", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/plugin.go (no policy: no modification)
    expect(p.beforePatch).toBe(p.resources);
    expect(p.modifications).toEqual([]);
    expect(p.policies).toEqual([]);
  });
});

describe("buildProxy: by version", () => {
  it("2.13: no trackRemaining yet", () => {
    // kumahq/kuma@v2.13.0 pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/plugin.go (no applyTrackRemaining)
    const p = build([DEMO, WEB1], { minor: "2.13" });
    expect(p.resources.filter((r) => r.type === "cluster").some((r) => r.value["circuitBreakers"] !== undefined)).toBe(false);
  });
  it("2.14 with Kuma's default policies (a Mesh that does not skip them): the inbounds keep 10s / 7200s, set by mesh-timeout-all-demo", () => {
    // kumahq/kuma@v2.14.3 pkg/defaults/mesh/meshtimeout.go defaultMeshTimeoutResource (from: connect 2×5s, idle 2×1h)
    const p = build([{ type: "Mesh", name: "demo", ...MTLS }, WEB1]);
    expect(find(p.resources, "cluster", "localhost:8080")!.value["connectTimeout"]).toBe("10s");
    expect(p.writes.get("cluster/localhost:8080")!.map((w) => `${w.pointer} ${w.source}`)).toContain("/connectTimeout mesh-timeout-all-demo#from[0]");
    const tcp = filters(find(p.resources, "listener", "inbound:192.168.0.1:443")!.value).find((f) => f["name"] === "envoy.filters.network.tcp_proxy")!;
    expect(tcp["typedConfig"]).toMatchObject({ idleTimeout: "7200s" });
    expect(p.assumptions.some((a) => a.includes("mesh-timeout-all-demo") && a.includes("skipCreatingInitialPolicies"))).toBe(true);
    expect(p.assumptions.some((a) => a.includes("mesh-circuit-breaker-all-demo"))).toBe(true);
  });
  it("2.5: no MeshTimeout defaults — the local cluster keeps the generator's 10s and tcp_proxy 7200s", () => {
    // kumahq/kuma@2.5.0 pkg/xds/server/v3/testdata/hook-before-pt.golden.yaml (localhost:8080 connectTimeout 10s, idleTimeout 7200s)
    const p = build([{ type: "Mesh", name: "demo", ...MTLS }, WEB1], { minor: "2.5" });
    expect(find(p.resources, "cluster", "localhost:8080")!.value["connectTimeout"]).toBe("10s");
    const tcp = filters(find(p.resources, "listener", "inbound:192.168.0.1:443")!.value).find((f) => f["name"] === "envoy.filters.network.tcp_proxy")!;
    expect(tcp["typedConfig"]).toMatchObject({ idleTimeout: "7200s" });
  });
});

describe("buildProxy: outbounds", () => {
  it("without transparent proxying: no passthrough resources; the explicit networking.outbound listeners instead", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/sync/dataplane_proxy_builder.go resolveVIPOutbounds (!tpEnabled && !bindOutbounds: the dataplane's own outbounds)
    const p = build([
      { type: "Dataplane", mesh: "default", name: "app", networking: { address: "10.0.0.1", inbound: [{ port: 8080, tags: { "kuma.io/service": "app" } }], outbound: [{ port: 10001, tags: { "kuma.io/service": "backend" } }] } },
    ], { dp: "app" });
    expect(p.plan.disabledReason).toBeDefined();
    expect(p.resources.some((r) => r.origin === "transparent")).toBe(false);
    expect(find(p.resources, "listener", "outbound:127.0.0.1:10001")).toBeDefined();
    expect(p.outbounds).toMatchObject({ dns: [], filtered: [], allocatedVips: [] });
  });
  it("with transparent proxying: VIP outbounds for the mesh's services, the dataplane's own service included", () => {
    // kumahq/kuma@v2.14.3 pkg/dns/vips_allocator.go buildVirtualOutboundMeshView (every dataplane of the mesh, this one too)
    const p = build([WEB1, { type: "Dataplane", mesh: "demo", name: "db", networking: { address: "192.168.0.9", inbound: [{ port: 5432, tags: { "kuma.io/service": "db" } }] } }]);
    const names = p.outbounds.allocatedVips.map((v) => v.name);
    expect(names).toContain("db.mesh");
    expect(names).toContain("backend-1.mesh");
    const db = p.outbounds.allocatedVips.find((v) => v.name === "db.mesh")!.ip;
    expect(find(p.resources, "listener", `outbound:${db}:80`)).toBeDefined();
  });
  it("a dataplane that is not in the snapshot (the assumed sidecar) still gets its own service's VIP", () => {
    // kumahq/kuma@v2.14.3 pkg/dns/vips_allocator.go buildVirtualOutboundMeshView (the proxy's own Dataplane is in the store)
    const s = snap([]);
    const dp = defaultDataplane("default");
    const p = buildProxy(s, features("2.14"), dp, meshModel("default", {}), UNIVERSAL);
    expect(p.outbounds.allocatedVips.map((v) => v.name)).toEqual([`${dp.inbounds[0]!.tags["kuma.io/service"]}.mesh`]);
  });
});

describe("buildProxy: the Kubernetes API-server bypass hook", () => {
  const off = { type: "Mesh", name: "demo", ...MTLS, networking: { outbound: { passthrough: false } } };
  it("Kubernetes + Mesh passthrough off: the bypass listener and cluster, added after the plugins (no trackRemaining on the cluster)", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/bootstrap/k8s/xds/hooks/api_server_bypass.go Modify; pkg/xds/server/v3/reconcile.go (hooks run after gen.Generate)
    const p = build([off, WEB1], { zone: K8S });
    const name = "plugins:bootstrap:k8s:hooks:apiServerBypass";
    expect(find(p.resources, "listener", name)!.value["address"]).toEqual({ socketAddress: { address: "10.43.0.1", portValue: 6443 } });
    expect(find(p.resources, "cluster", name)!.value).toEqual({ name, type: "ORIGINAL_DST", lbPolicy: "CLUSTER_PROVIDED", connectTimeout: "5s", altStatName: "plugins_bootstrap_k8s_hooks_apiServerBypass" });
    expect(find(p.resources, "cluster", "outbound:passthrough:ipv4")).toBeUndefined();
    expect(p.assumptions.some((a) => a.includes("apiServer"))).toBe(false);
  });
  it("without zone.apiServer an address is assumed, and said", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/bootstrap/k8s/plugin.go (the hook gets KUBERNETES_SERVICE_HOST/PORT, which a snapshot lacks)
    const p = build([off, WEB1], { zone: { environment: "kubernetes", apiServer: undefined } });
    expect(find(p.resources, "listener", "plugins:bootstrap:k8s:hooks:apiServerBypass")).toBeDefined();
    expect(p.assumptions.filter((a) => a.startsWith("zone.apiServer not given"))).toHaveLength(1);
  });
  it("not on Universal, and not when the Mesh keeps passthrough on", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/bootstrap/k8s/xds/hooks/api_server_bypass.go Modify (IsPassthrough: return); the hook is registered by the k8s bootstrap plugin only
    expect(build([off, WEB1]).resources.some((r) => r.origin === "apiServerBypass")).toBe(false);
    expect(build([{ type: "Mesh", name: "demo", ...MTLS }, WEB1], { zone: K8S }).resources.some((r) => r.origin === "apiServerBypass")).toBe(false);
  });
});

describe("buildProxy: MeshProxyPatch", () => {
  const patch = (name: string, mods: unknown[], mesh = "demo") => ({ type: "MeshProxyPatch", mesh, name, spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: mods } } });
  const removePassthrough = { cluster: { operation: "Remove", match: { name: "outbound:passthrough:ipv4" } } };
  it("the selected policy is listed; beforePatch is the config MeshProxyPatch started from", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/plugin.go Apply (order 9999: runs on the generated config)
    const p = build([{ type: "Mesh", name: "demo", ...MTLS }, WEB1, patch("mpp", [removePassthrough]), patch("elsewhere", [removePassthrough], "other")]);
    expect(p.policies).toEqual([{ kind: "MeshProxyPatch", name: "mpp", mesh: "demo", targetRef: "Mesh", role: "system", whatIf: false }]);
    expect(find(p.beforePatch, "cluster", "outbound:passthrough:ipv4")).toBeDefined();
    expect(find(p.resources, "cluster", "outbound:passthrough:ipv4")).toBeUndefined();
    expect(p.modifications.map((m) => m.status)).toEqual(["applied"]);
  });
  it("a failing modification is a config error; the hooks do not run", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/server/v3/reconcile.go GenerateSnapshot (gen.Generate error returns before the ResourceSetHooks)
    const bad = { cluster: { operation: "Patch", match: { name: "localhost:8080" }, jsonPatches: [{ op: "replace", path: "/connect_timeout", value: "1s" }] } };
    const p = build([{ type: "Mesh", name: "demo", ...MTLS, networking: { outbound: { passthrough: false } } }, WEB1, patch("mpp", [bad])], { zone: K8S });
    expect(p.configError).toMatchObject({ plugin: "MeshProxyPatch", policy: "mpp", modification: 0 });
    expect(p.resources.some((r) => r.origin === "apiServerBypass")).toBe(false);
  });
  it("a patch of the IPv4 passthrough cluster only, on a dual-stack proxy, is flagged", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/generator/transparent_proxy_generator.go (dual-stack: outbound:passthrough:ipv6 exists beside ipv4)
    const dual = { ...WEB1, networking: { ...WEB1.networking, transparentProxying: { redirectPortOutbound: 15001, redirectPortInbound: 15006, ipFamilyMode: "DualStack" } } };
    const p = build([{ type: "Mesh", name: "demo", ...MTLS }, dual, patch("mpp", [{ cluster: { operation: "Patch", match: { name: "outbound:passthrough:ipv4" }, value: "connectTimeout: 1s" } }])]);
    expect(find(p.resources, "cluster", "outbound:passthrough:ipv6")).toBeDefined();
    expect(p.warnings.map((w) => w.code)).toContain("docs-ipv6-not-patched");
  });
});
