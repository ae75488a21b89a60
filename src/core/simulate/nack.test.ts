/**
 * The Envoy check in the whole pipeline: a MeshProxyPatch that makes Envoy reject a resource is reported
 * `rejected` with an `envoy-nack` warning, and the request is walked through the config Envoy keeps (Envoy v1.38.2
 * lds_api.cc / cds_api_helper.cc keep the last accepted version; a PGV failure refuses the whole update of the type,
 * opaque_resource_decoder_impl.h). Expected values from those Envoy files and the Kuma v2.14.3 generator golden
 * `pkg/xds/generator/testdata/transparent-proxy/01.golden.yaml` (passthrough cluster connectTimeout 5s).
 */
import { describe, expect, it } from "vitest";
import { simulate } from "./simulate.js";
import type { SimulateBody } from "./schema.js";

const dp = {
  type: "Dataplane",
  mesh: "default",
  name: "web-01",
  networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" } },
};
const patch = (appendModifications: unknown[]) => ({ type: "MeshProxyPatch", mesh: "default", name: "p", spec: { targetRef: { kind: "Mesh" }, default: { appendModifications } } });
const run = (mods: unknown[]) => {
  const out = simulate({ kumaVersion: "2.14", resources: [dp, patch(mods)], request: { from: "web-01", to: "http://example.com", ip: "93.184.216.34" }, include: ["config"] } as SimulateBody);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.result;
};

describe("envoy-nack in the pipeline", () => {
  it("a wrong typed config on the passthrough tcp_proxy: rejected, and the verdict uses the listener Envoy keeps", () => {
    const r = run([
      {
        listener: {
          operation: "Patch",
          match: { name: "outbound:passthrough:ipv4" },
          jsonPatches: [{ op: "replace", path: "/filterChains/0/filters/0/typedConfig", value: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } }],
        },
      },
    ]);
    expect(r.modifications.map((m) => m.status)).toEqual(["rejected"]);
    const nack = r.warnings.filter((w) => w.code === "envoy-nack");
    expect(nack).toHaveLength(1);
    expect(nack[0]!.message).toContain(
      `Envoy rejects listener outbound:passthrough:ipv4: "Didn't find a registered implementation for 'envoy.filters.network.tcp_proxy' with type URL: 'envoy.extensions.filters.http.router.v3.Router'"`,
    );
    // The listener before the patch forwards to the passthrough cluster: the connection still leaves the mesh.
    expect(r.verdict).toBe("passthrough");
    expect(r.cluster?.name).toBe("outbound:passthrough:ipv4");
    expect(r.assumptions.join("\n")).toContain("listener outbound:passthrough:ipv4 as in the config before MeshProxyPatch");
    // `config` is what Kuma sends: the rejected listener as patched.
    const sent = r.config!.listeners.find((l) => l["name"] === "outbound:passthrough:ipv4")!;
    expect(JSON.stringify(sent)).toContain("envoy.extensions.filters.http.router.v3.Router");
  });

  it("connectTimeout 0s refuses the whole cluster update: the limit is the one Envoy keeps, not the patch's", () => {
    const r = run([{ cluster: { operation: "Patch", match: { name: "outbound:passthrough:ipv4" }, jsonPatches: [{ op: "replace", path: "/connectTimeout", value: "0s" }] } }]);
    expect(r.modifications.map((m) => m.status)).toEqual(["rejected"]);
    expect(r.warnings.find((w) => w.code === "envoy-nack")!.message).toContain("Proto constraint validation failed (ClusterValidationError.ConnectTimeout: value must be greater than 0s)");
    expect(r.limits.connectTimeout).toEqual({ value: "5s", source: "kuma" });
  });

  it("a MeshPassthrough with two equal chains: Envoy keeps the passthrough listener as generated before the policy plugins", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshpassthrough: an IP and the same address as a /32 CIDR give two
    // chains with equal matches (envoy v1.38.2 filter_chain_manager_impl.cc verifyNoDuplicateMatchers).
    const mpt = {
      type: "MeshPassthrough",
      mesh: "default",
      name: "mpt",
      spec: {
        targetRef: { kind: "Mesh" },
        default: {
          passthroughMode: "Matched",
          appendMatch: [
            { type: "IP", value: "1.2.3.4", port: 80, protocol: "tcp" },
            { type: "CIDR", value: "1.2.3.4/32", port: 80, protocol: "tcp" },
          ],
        },
      },
    };
    const out = simulate({ kumaVersion: "2.14", resources: [dp, mpt], request: { from: "web-01", to: "http://example.com", ip: "93.184.216.34" } } as SimulateBody);
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    expect(out.result.warnings.filter((w) => w.code === "envoy-nack").map((w) => w.message.slice(0, 52))).toEqual(["Envoy rejects listener outbound:passthrough:ipv4: \"e"]);
    // The kept catch-all chain forwards to outbound:passthrough:ipv4, but Matched mode removes that cluster and the
    // cluster update is accepted (cds_api_helper.cc applies removals): the connection has no cluster.
    expect([out.result.verdict, out.result.reason.code, out.result.cluster?.name]).toEqual(["blocked", "no-cluster", "outbound:passthrough:ipv4"]);
    expect(out.result.assumptions.join("\n")).toContain("listener outbound:passthrough:ipv4 as generated before the policy plugins");
  });

  it("a listener Envoy accepts changes nothing", () => {
    const r = run([{ cluster: { operation: "Patch", match: { name: "outbound:passthrough:ipv4" }, jsonPatches: [{ op: "replace", path: "/connectTimeout", value: "9s" }] } }]);
    expect(r.modifications.map((m) => m.status)).toEqual(["applied"]);
    expect(r.warnings.filter((w) => w.code === "envoy-nack")).toEqual([]);
    expect(r.limits.connectTimeout).toEqual({ value: "9s", source: "p#0" });
  });
});

describe("the version Envoy keeps brings its own provenance", () => {
  it("a MeshProxyPatch duplicating an inbound chain is rejected; the fault FaultInjection wrote before it stays credited", () => {
    // kumahq/kuma@v2.14.3 inbound_proxy_generator.go: FaultInjection's fault filter is written by the generator, before
    // MeshProxyPatch; envoy v1.38.2 filter_chain_manager_impl.cc rejects two chains with the same match, and
    // lds_api.cc keeps the listener as it was before the patch, fault filter included.
    const resources = [
      { type: "Mesh", name: "default" },
      {
        type: "Dataplane",
        mesh: "default",
        name: "backend-01",
        networking: {
          address: "10.0.0.5",
          inbound: [{ port: 80, servicePort: 8080, tags: { "kuma.io/service": "backend1", "kuma.io/protocol": "http" } }],
          transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" },
        },
      },
      {
        type: "FaultInjection",
        mesh: "default",
        name: "fi-1",
        sources: [{ match: { "kuma.io/service": "frontend" } }],
        destinations: [{ match: { "kuma.io/service": "backend1", "kuma.io/protocol": "http" } }],
        conf: { delay: { percentage: 50, value: "5s" } },
      },
      patch([{ listener: { operation: "Patch", match: { name: "inbound:10.0.0.5:80" }, jsonPatches: [{ op: "copy", from: "/filterChains/0", path: "/filterChains/-" }] } }]),
    ];
    const out = simulate({
      kumaVersion: "2.14.3",
      resources,
      request: { direction: "inbound", to: "http://10.0.0.5:80/", client: { kind: "mesh", service: "frontend" } },
    } as SimulateBody);
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    const r = out.result;
    expect(r.modifications.map((m) => m.status)).toEqual(["rejected"]);
    expect(r.warnings.some((w) => w.code === "envoy-nack" && w.message.includes("inbound:10.0.0.5:80"))).toBe(true);
    expect(r.limits.faults?.map((x) => x.source)).toEqual(["FaultInjection/fi-1"]);
  });
});
