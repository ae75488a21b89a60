/**
 * The MeshPassthrough plugin against the transparent-proxy generator's real output: the v2.14.3 truth table
 * with Mesh `networking.outbound.passthrough` (`plugin/v1alpha1/plugin.go` applyToOutboundPassthrough), merging of
 * several policies (`pkg/plugins/policies/core/rules/merge/merge.go`), Kuma's warnings for unsupported proxies
 * (plugin.go Apply) and the plugin-time same-port error (`plugin/xds/order.go` validatePortAndProtocol).
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../../test/support/policy.js";
import { generateTransparentProxy } from "../../generate/transparent-proxy.js";
import { meshPassthrough } from "./index.js";
import type { PolicyResource } from "../../model/policy.js";
import { dataplaneModel } from "../../snapshot/dataplane.js";
import type { Envelope } from "../../model/envelope.js";
import { meshModel } from "../../snapshot/mesh.js";
import { features, type KumaMinor } from "../../model/versions.js";
import type { ResourceSet } from "../../xds/resource-set.js";
import { V4, V6, chainNames, clusterNames } from "./policy.fixtures.js";

interface Setup {
  minor?: KumaMinor;
  meshPassthrough?: boolean;
  tp?: Record<string, unknown> | null;
  dpFeatures?: string[];
  gateway?: "BUILTIN" | "DELEGATED";
  unified?: boolean;
}

function policy(name: string, spec: unknown, opts: { form?: "universal" | "kubernetes"; kind?: string } = {}): PolicyResource {
  const envelope: Envelope = {
    kind: "MeshPassthrough",
    name,
    mesh: "default",
    form: opts.form ?? "universal",
    namespace: opts.form === "kubernetes" ? "kuma-system" : undefined,
    labels: {},
    specPath: "resources[0].spec",
    spec,
    path: "resources[0]",
    status: undefined,
  };
  return { envelope, spec, role: "system", whatIf: false };
}

function setup(s: Setup = {}) {
  const f = features(s.minor ?? "2.14");
  const tp = s.tp === null ? undefined : (s.tp ?? { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "DualStack" });
  const dp = dataplaneModel("web-01", "default", {}, {
    networking: {
      address: "10.0.0.7",
      inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }],
      ...(tp ? { transparentProxying: tp } : {}),
      ...(s.gateway ? { gateway: { type: s.gateway } } : {}),
    },
    ...(s.dpFeatures || s.unified ? { meshsim: { features: [...(s.dpFeatures ?? []), ...(s.unified ? ["feature-unified-resource-naming"] : [])] } } : {}),
  } as never);
  const mesh = meshModel("default", {
    ...(s.meshPassthrough === false ? { networking: { outbound: { passthrough: false } } } : {}),
    ...(s.unified ? { meshServices: { mode: "Exclusive" } } : {}),
  } as never);
  const gen = generateTransparentProxy(dp, mesh, f);
  return { f, dp, mesh, gen };
}

function applyWith(s: Setup, policies: PolicyResource[]) {
  const { f, dp, mesh, gen } = setup(s);
  return { before: gen.resources, out: meshPassthrough.plugin!.apply(gen.resources, { features: f, dataplane: dp, mesh, transparentProxy: gen.plan, policies }) };
}

const outboundClusters = (rs: ResourceSet) => clusterNames(rs).filter((n) => n.startsWith("outbound:"));
const clusterNamesIn = (rs: ResourceSet) => clusterNames(rs);
const RULE = { type: "IP", value: "1.2.3.4", port: 443, protocol: "tls" };

describe("MeshPassthrough plugin: metadata", () => {
  it("order 500, kind introduced in 2.8.0, Dataplane targetRefs from 2.10", () => {
    expect(meshPassthrough.kind).toBe("MeshPassthrough");
    expect(meshPassthrough.order).toBe(500);
    expect(meshPassthrough.since).toBe("2.8.0");
    expect(meshPassthrough.runsWithoutPolicies).toBe(false);
    expect(meshPassthrough.api!.targetKinds(features("2.9"), "workload-owner")).toEqual(["Mesh", "MeshSubset"]);
    expect(meshPassthrough.api!.targetKinds(features("2.14"), "workload-owner")).toEqual(["Mesh", "MeshSubset", "Dataplane"]);
    expect(meshPassthrough.api!.targetRef({ targetRef: { kind: "Dataplane", name: "x" } })).toEqual({ kind: "Dataplane", name: "x" });
  });
});

describe("MeshPassthrough plugin: truth table (v2.14.3)", () => {
  it("Mesh on + All: nothing changes", () => {
    const { before, out } = applyWith({}, [policy("all", { default: { passthroughMode: "All", appendMatch: [RULE] } })]);
    expect(out.resources).toEqual(before);
    expect(out.configError).toBeUndefined();
  });

  it("Mesh off + All: adds both default clusters (also on an IPv4-only proxy)", () => {
    const { out } = applyWith({ meshPassthrough: false, tp: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" } }, [
      policy("all", { default: { passthroughMode: "All" } }),
    ]);
    expect(outboundClusters(out.resources)).toEqual([V4, V6]);
    expect(out.resources.find((r) => r.type === "cluster" && r.name === V6)!.origin).toBe("transparent");
  });

  it("Mesh on + None: removes both default clusters, listeners untouched", () => {
    const { before, out } = applyWith({}, [policy("none", { default: { passthroughMode: "None", appendMatch: [RULE] } })]);
    expect(outboundClusters(out.resources)).toEqual([]);
    expect(out.resources.filter((r) => r.type === "listener")).toEqual(before.filter((r) => r.type === "listener"));
    // the inbound passthrough clusters stay
    expect(clusterNamesIn(out.resources)).toContain("inbound:passthrough:ipv4");
  });

  it("Mesh off + None: nothing changes", () => {
    const { before, out } = applyWith({ meshPassthrough: false }, [policy("none", { default: { passthroughMode: "None" } })]);
    expect(out.resources).toEqual(before);
  });

  it.each([true, false])("Mesh %s + Matched with no entries: clusters removed, listeners untouched", (meshPassthrough) => {
    const { before, out } = applyWith({ meshPassthrough }, [policy("m", { default: { passthroughMode: "Matched" } })]);
    expect(outboundClusters(out.resources)).toEqual([]);
    expect(out.resources.filter((r) => r.type === "listener")).toEqual(before.filter((r) => r.type === "listener"));
  });

  it("unset passthroughMode means Matched (a policy without default blocks everything)", () => {
    const { out } = applyWith({}, [policy("empty", {})]);
    expect(outboundClusters(out.resources)).toEqual([]);
    expect(chainNames(out.resources, V4)).toEqual(["(catch-all)"]);
  });

  it("Mesh off + Matched with entries: rewrites the listeners like Mesh on", () => {
    const { out } = applyWith({ meshPassthrough: false }, [policy("m", { default: { appendMatch: [RULE] } })]);
    expect(chainNames(out.resources, V4)).toEqual(["meshpassthrough_tls_1.2.3.4_443"]);
    expect(chainNames(out.resources, V6)).toEqual(["(catch-all)"]);
    expect(outboundClusters(out.resources)).toEqual([]);
    // the generator's listener keeps useOriginalDst
    expect(out.resources.find((r) => r.type === "listener" && r.name === V4)!.value["useOriginalDst"]).toBe(true);
  });

  it("unified naming: removes self_transparentproxy_passthrough_outbound_* clusters", () => {
    const { out } = applyWith({ unified: true }, [policy("none", { default: { passthroughMode: "None" } })]);
    expect(clusterNamesIn(out.resources).filter((n) => n.includes("passthrough_outbound"))).toEqual([]);
    expect(clusterNamesIn(out.resources)).toContain("self_transparentproxy_passthrough_inbound_ipv4");
  });
});

describe("MeshPassthrough plugin: merging several policies (least specific first)", () => {
  it("Mesh None + Dataplane appendMatch stays None: everything blocked", () => {
    const { before, out } = applyWith({}, [
      policy("mesh-deny", { targetRef: { kind: "Mesh" }, default: { passthroughMode: "None" } }),
      policy("dp-allow", { targetRef: { kind: "Dataplane", name: "web-01" }, default: { appendMatch: [RULE] } }),
    ]);
    expect(outboundClusters(out.resources)).toEqual([]);
    expect(out.resources.filter((r) => r.type === "listener")).toEqual(before.filter((r) => r.type === "listener"));
    expect(out.trace.join("\n")).toContain("passthroughMode None (from mesh-deny)");
  });

  it("Mesh Matched + list, Dataplane All: All wins", () => {
    const { before, out } = applyWith({}, [
      policy("mesh", { default: { passthroughMode: "Matched", appendMatch: [RULE] } }),
      policy("dp", { targetRef: { kind: "Dataplane" }, default: { passthroughMode: "All" } }),
    ]);
    expect(out.resources).toEqual(before);
  });

  it("appendMatch lists are concatenated whatever each policy's mode", () => {
    const { out } = applyWith({}, [
      policy("a", { default: { passthroughMode: "All", appendMatch: [{ type: "IP", value: "1.1.1.1", port: 80, protocol: "tcp" }] } }),
      policy("b", { default: { passthroughMode: "Matched", appendMatch: [{ type: "IP", value: "2.2.2.2", port: 80, protocol: "tcp" }] } }),
    ]);
    expect(chainNames(out.resources, V4)).toEqual(["meshpassthrough_tcp_2.2.2.2_80", "meshpassthrough_tcp_1.1.1.1_80"]);
  });

  it("Kubernetes resources on ≤ 2.9: the CRD stored passthroughMode None, which wins over an earlier Matched", () => {
    const spec = { default: { appendMatch: [RULE] } };
    const k8s29 = applyWith({ minor: "2.9" }, [policy("k", spec, { form: "kubernetes" })]);
    expect(chainNames(k8s29.out.resources, V4)).toEqual(["(catch-all)"]);
    expect(outboundClusters(k8s29.out.resources)).toEqual([]);
    const uni29 = applyWith({ minor: "2.9" }, [policy("u", spec)]);
    expect(chainNames(uni29.out.resources, V4)).toEqual(["meshpassthrough_tls_1.2.3.4_443"]);
    const k8s210 = applyWith({ minor: "2.10" }, [policy("k", spec, { form: "kubernetes" })]);
    expect(chainNames(k8s210.out.resources, V4)).toEqual(["meshpassthrough_tls_1.2.3.4_443"]);
    const layered = applyWith({ minor: "2.9" }, [policy("mesh", { default: { passthroughMode: "Matched", appendMatch: [RULE] } }), policy("k", { default: {} }, { form: "kubernetes" })]);
    expect(chainNames(layered.out.resources, V4)).toEqual(["(catch-all)"]);
  });
});

describe("MeshPassthrough plugin: proxies it does not support", () => {
  it("builtin gateway: Kuma's warning, config untouched", () => {
    const { before, out } = applyWith({ gateway: "BUILTIN" }, [policy("none", { default: { passthroughMode: "None" } })]);
    expect(out.resources).toBe(before);
    expect(out.warnings).toEqual([{ code: "policy-ignored", message: "policy doesn't support builtin gateway" }]);
  });

  it("delegated gateway is supported", () => {
    const { out } = applyWith({ gateway: "DELEGATED" }, [policy("none", { default: { passthroughMode: "None" } })]);
    expect(out.warnings).toEqual([]);
    expect(outboundClusters(out.resources)).toEqual([]);
  });

  it("no transparent proxy: Kuma's warning, nothing changes", () => {
    const { before, out } = applyWith({ tp: null }, [policy("none", { default: { passthroughMode: "None" } })]);
    expect(out.resources).toBe(before);
    expect(out.warnings).toEqual([{ code: "policy-ignored", message: "policy doesn't support proxy running without transparent-proxy" }]);
  });

  it("feature-bind-outbounds: the same warning", () => {
    const { out } = applyWith({ dpFeatures: ["feature-bind-outbounds"] }, [policy("none", { default: { passthroughMode: "None" } })]);
    expect(out.warnings).toEqual([{ code: "policy-ignored", message: "policy doesn't support proxy running without transparent-proxy" }]);
  });
});

describe("MeshPassthrough plugin: generation errors", () => {
  it("two individually valid policies put http and grpc on port 8080: Kuma fails generation", () => {
    const a = { default: { appendMatch: [{ type: "IP", value: "10.0.0.1", port: 8080, protocol: "http" }] } };
    const b = { default: { appendMatch: [{ type: "Domain", value: "api.example.com", port: 8080, protocol: "grpc" }] } };
    const ctx = { features: features("2.14"), role: "system" as const, path: "spec" };
    expect(validatePolicy(meshPassthrough, a, ctx)).toEqual([]);
    expect(validatePolicy(meshPassthrough, b, ctx)).toEqual([]);
    const { before, out } = applyWith({}, [policy("a", a), policy("b", b), policy("c", { default: { appendMatch: [RULE] } })]);
    expect(out.configError).toEqual({
      plugin: "MeshPassthrough",
      message: "could not apply policy plugin meshpassthrough: you cannot configure http, http2, grpc on the same port 8080",
      policy: "a, b",
    });
    expect(out.resources).toBe(before);
  });

  it("port-less rules count as port 0; several ports are joined with '; '", () => {
    const { out } = applyWith({}, [
      policy("p", {
        default: {
          appendMatch: [
            { type: "IP", value: "10.0.0.1", protocol: "http" },
            { type: "IP", value: "10.0.0.2", protocol: "http2" },
            { type: "IP", value: "10.0.0.3", port: 9000, protocol: "grpc" },
            { type: "IP", value: "10.0.0.4", port: 9000, protocol: "http" },
          ],
        },
      }),
    ]);
    expect(out.configError?.message).toBe(
      "could not apply policy plugin meshpassthrough: you cannot configure http, http2, grpc on the same port 0; you cannot configure http, http2, grpc on the same port 9000",
    );
  });

  it("meshsim refuses to expand into more filter chains than its limit (not a Kuma error)", () => {
    const appendMatch = [
      ...Array.from({ length: 30 }, (_, i) => ({ type: "IP", value: `10.0.1.${i}`, protocol: "tcp" })),
      ...Array.from({ length: 100 }, (_, i) => ({ type: "IP", value: "10.0.2.1", port: 1000 + i, protocol: "tcp" })),
    ];
    const { before, out } = applyWith({}, [policy("big", { default: { appendMatch } })]);
    expect(out.configError?.plugin).toBe("MeshPassthrough");
    expect(out.configError?.message).toMatch(/^meshsim limit: /);
    expect(out.resources).toBe(before);
  });
});
