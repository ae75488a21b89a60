/**
 * ProxyTemplate in the whole pipeline, per release. Expected values are typed from kumahq/kuma sources at the tags:
 * `pkg/xds/server/v3/reconcile.go` GenerateSnapshot (@ 2.5.11: template generator, then PolicyPlugins(), then hooks,
 * then modifications; @ v2.14.3: the plugins are part of the default-proxy profile, commit 12ab22c767, #8438),
 * `pkg/xds/generator/proxy_template.go` (imports, then raw resources), `pkg/xds/template/proxy_template_resolver.go`
 * (SelectDataplanePolicy, else the built-in default-proxy template) and the Non-mesh traffic docs' circuit-breaker
 * ProxyTemplate (kuma-website app/_src/networking/non-mesh-traffic.md).
 */
import { describe, expect, it } from "vitest";
import { simulate } from "./simulate.js";
import type { SimulationResult } from "./result.js";

const DP = {
  type: "Dataplane",
  mesh: "default",
  name: "web-01",
  networking: {
    address: "10.0.0.5",
    inbound: [{ port: 8080, tags: { "kuma.io/service": "web", version: "v1" } }],
    transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" },
  },
};
const PASSTHROUGH = "outbound:passthrough:ipv4";
const template = (name: string, conf: unknown, selectors: unknown[] = [{ match: { "kuma.io/service": "*" } }], extra: Record<string, unknown> = {}) => ({ type: "ProxyTemplate", mesh: "default", name, selectors, conf, ...extra });
const mpp = (value: string) => ({
  type: "MeshProxyPatch",
  mesh: "default",
  name: "mpp",
  spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: [{ cluster: { operation: "Patch", match: { name: PASSTHROUGH }, value } }] } },
});
const RAW_PASSTHROUGH = {
  name: PASSTHROUGH,
  version: "v1",
  resource: `'@type': type.googleapis.com/envoy.config.cluster.v3.Cluster\nname: ${PASSTHROUGH}\ntype: ORIGINAL_DST\nlbPolicy: CLUSTER_PROVIDED\nconnectTimeout: 1s\n`,
};

function run(version: string, resources: unknown[]): SimulationResult {
  const out = simulate({ kumaVersion: version, resources, request: { from: "web-01", to: "http://example.com", ip: "93.184.216.34" } } as never);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.result;
}

describe("ProxyTemplate in the pipeline", () => {
  it("without a ProxyTemplate, Kuma's built-in default-proxy template applies: nothing is reported for it", () => {
    const r = run("2.14", [DP]);
    expect(r.policies).toEqual([]);
    expect(r.limits.connectTimeout).toEqual({ value: "5s", source: "kuma" });
  });

  it("the most specific selector wins (SelectDataplanePolicy): version v1 over kuma.io/service *", () => {
    const r = run("2.14", [
      template("wide", { imports: ["default-proxy"], modifications: [{ cluster: { operation: "patch", match: { name: PASSTHROUGH }, value: "connect_timeout: 7s" } }] }),
      template("narrow", { imports: ["default-proxy"], modifications: [{ cluster: { operation: "patch", match: { name: PASSTHROUGH }, value: "connect_timeout: 8s" } }] }, [{ match: { "kuma.io/service": "web", version: "v1" } }]),
      DP,
    ]);
    expect(r.policies.map((p) => p.name)).toEqual(["narrow"]);
    expect(r.limits.connectTimeout).toEqual({ value: "8s", source: "narrow#0" });
  });

  it("a template selecting other services leaves the built-in default", () => {
    const r = run("2.14", [template("other", { imports: [] }, [{ match: { "kuma.io/service": "backend" } }]), DP]);
    expect(r.policies).toEqual([]);
    expect(r.verdict).toBe("passthrough");
  });

  it("2.14: a raw resource replaces the generated cluster after the plugins, so MeshProxyPatch's write is gone", () => {
    const r = run("2.14", [template("custom", { imports: ["default-proxy"], resources: [RAW_PASSTHROUGH] }), mpp("connect_timeout: 20s"), DP]);
    expect(r.modifications).toMatchObject([{ source: "mpp#0", status: "applied" }]);
    expect(r.limits.connectTimeout).toEqual({ value: "1s", source: "custom#resources[0]" });
  });

  it("2.5: the plugins run after the whole template generator, so MeshProxyPatch patches the raw cluster", () => {
    const r = run("2.5", [template("custom", { imports: ["default-proxy"], resources: [RAW_PASSTHROUGH] }), mpp("connect_timeout: 20s"), DP]);
    expect(r.limits.connectTimeout).toEqual({ value: "20s", source: "mpp#0" });
  });

  it("empty imports on 2.5: no generated listener, but MeshProxyPatch still runs on the raw cluster", () => {
    const r = run("2.5", [template("bare", { imports: [], resources: [RAW_PASSTHROUGH] }), mpp("connect_timeout: 20s"), DP]);
    expect(r.verdict).toBe("blocked");
    expect(r.listener).toBeNull();
    expect(r.modifications).toMatchObject([{ source: "mpp#0", status: "applied", matched: [`cluster ${PASSTHROUGH}`] }]);
    expect(r.warnings.map((w) => w.code)).toContain("proxy-template-no-default");
  });

  it("empty imports on 2.14: no generated config and no plugins", () => {
    const r = run("2.14", [template("bare", { imports: [] }), mpp("connect_timeout: 20s"), DP]);
    expect(r.verdict).toBe("blocked");
    expect(r.modifications).toEqual([]);
    expect((r.config as { listeners: unknown[]; clusters: unknown[] }).listeners).toEqual([]);
    expect((r.config as { listeners: unknown[]; clusters: unknown[] }).clusters).toEqual([]);
  });

  const DOCS_CB = template("custom-template-1", {
    imports: ["default-proxy"],
    modifications: [
      {
        cluster: {
          operation: "patch",
          match: { name: PASSTHROUGH },
          value: "circuit_breakers: {\n  thresholds: [\n    {\n      max_connections: 2048,\n      max_pending_requests: 2048,\n      max_requests: 2048,\n      max_retries: 4\n    }\n  ]\n}\n",
        },
      },
    ],
  });
  it("a patch without a match changes every cluster: 0.500s on each (kumahq/kuma@v2.14.3 pkg/xds/generator/testdata/template-proxy/2-proxy-template.input.yaml and 2-envoy-config.golden.yaml)", () => {
    const r = run("2.14", [template("t", { imports: ["default-proxy"], modifications: [{ cluster: { operation: "patch", value: 'connectTimeout: "0.5s"' } }] }), DP]);
    const clusters = (r.config as unknown as { clusters: { name: string; connectTimeout?: string }[] }).clusters;
    // The golden's clusters for this dataplane: inbound:passthrough:ipv4, localhost:8080, outbound:passthrough:ipv4,
    // self_transparentproxy_no_destination_inbound (plus the inbound's own cluster here), all 0.500s.
    for (const name of ["inbound:passthrough:ipv4", "localhost:8080", PASSTHROUGH, "self_transparentproxy_no_destination_inbound"])
      expect(clusters.find((c) => c.name === name)?.connectTimeout, name).toBe("0.500s");
    expect(r.limits.connectTimeout).toEqual({ value: "0.500s", source: "t#0" });
  });

  it("the docs' circuit-breaker template raises the limits to 2048 on 2.5 and 2.13", () => {
    for (const v of ["2.5", "2.13"]) {
      const r = run(v, [DOCS_CB, DP]);
      expect(r.limits.circuitBreakers?.maxConnections, v).toEqual({ value: 2048, source: "custom-template-1#0" });
      expect(r.modifications[0]?.status, v).toBe("applied");
    }
  });
  it("on 2.14 it appends after MeshCircuitBreaker's {trackRemaining: true}: ineffective, limits stay Envoy's", () => {
    const r = run("2.14", [DOCS_CB, DP]);
    expect(r.limits.circuitBreakers?.maxConnections).toEqual({ value: 1024, source: "envoy-default" });
    expect(r.modifications[0]?.status).toBe("ineffective");
  });

  it("dual stack: the docs' template patches only the IPv4 passthrough cluster, and meshsim says so", () => {
    const dual = { ...DP, networking: { ...DP.networking, transparentProxying: { ...DP.networking.transparentProxying, ipFamilyMode: "DualStack" } } };
    const r = run("2.14", [template("t", { imports: ["default-proxy"], modifications: [{ cluster: { operation: "patch", match: { name: PASSTHROUGH }, value: 'connect_timeout: "99s"' } }] }), dual]);
    expect(r.warnings.map((w) => w.code)).toContain("docs-ipv6-not-patched");
  });

  it("a failing modification stops Kuma's snapshot: verdict config-error, later ones skipped", () => {
    const r = run("2.14", [
      template("bad", { imports: ["default-proxy"], modifications: [{ cluster: { operation: "remove", value: "connectTimeout: [" } }, { cluster: { operation: "remove" } }] }),
      DP,
    ]);
    expect(r.verdict).toBe("config-error");
    expect(r.modifications.map((m) => m.status)).toEqual(["failed", "skipped"]);
    expect(r.reason.message).toMatch(/^could not apply modifications: could not apply 0 modification: /);
  });

  it("a MeshProxyPatch failure stops generation before the template's modifications run", () => {
    const r = run("2.14", [
      template("t", { imports: ["default-proxy"], modifications: [{ cluster: { operation: "patch", match: { name: PASSTHROUGH }, value: "connect_timeout: 7s" } }] }),
      {
        type: "MeshProxyPatch",
        mesh: "default",
        name: "mpp",
        spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: [{ cluster: { operation: "Patch", match: { name: PASSTHROUGH }, jsonPatches: [{ op: "move", from: "/nope", path: "/x" }] } }] } },
      },
      DP,
    ]);
    expect(r.verdict).toBe("config-error");
    expect(r.modifications.map((m) => [m.source, m.status])).toEqual([
      ["mpp#0", "failed"],
      ["t#0", "skipped"],
    ]);
  });

  it("Kubernetes form: the spec under `spec`, cluster-scoped", () => {
    const r = run("2.14", [
      {
        apiVersion: "kuma.io/v1alpha1",
        kind: "ProxyTemplate",
        mesh: "default",
        metadata: { name: "custom-template-1" },
        spec: { selectors: [{ match: { "kuma.io/service": "*" } }], conf: { imports: ["default-proxy"], modifications: [{ cluster: { operation: "patch", match: { name: PASSTHROUGH }, value: 'connect_timeout: "99s"' } }] } },
      },
      DP,
    ]);
    expect(r.limits.connectTimeout).toEqual({ value: "99s", source: "custom-template-1#0" });
  });

  it("an invalid template is a 400 naming the field, with Kuma's message", () => {
    const out = simulate({ kumaVersion: "2.14", resources: [template("t", { imports: ["nope"] }), DP], request: { from: "web-01", to: "http://example.com" } } as never);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors).toContainEqual({ path: "resources[0].conf.imports[0]", message: "profile not found. Available profiles: default-proxy,egress-proxy,gateway-proxy,ingress-proxy" });
  });
});
