/**
 * Incoming connections to a dataplane: every mTLS mode (off, PERMISSIVE, STRICT; from the Mesh and from
 * MeshTLS) × client (plaintext, its own TLS, a mesh sidecar) × transparent proxy on/off. Expected verdicts are
 * written by hand from kumahq/kuma@v2.14.3 pkg/xds/generator/inbound_proxy_generator.go (the inbound listener's
 * chains per mTLS mode), pkg/plugins/policies/meshtls/plugin/v1alpha1/plugin.go (MeshTLS overrides),
 * pkg/xds/generator/transparent_proxy_generator.go (the inbound passthrough listener, strict inbound ports, the
 * no-destination cluster) and app/kumactl/cmd/install/testdata/install-transparent-proxy.defaults.golden.txt
 * (PREROUTING → 15006), with Envoy v1.38.2's TLS handshake, RBAC and useOriginalDst hand-off.
 */
import { describe, expect, it } from "vitest";
import { NO_PERMISSION_RBAC_RULES, type InboundDataplane } from "../generate/inbound.js";
import type { InboundClient } from "./inbound-client.js";
import { walkInbound, DOCS_TLS_BYPASS_WARNING, type InboundWalk } from "./inbound.js";
import { parseDestination, type Destination } from "./request.js";
import type { PolicyResource } from "../model/policy.js";
import type { MeshModel } from "../model/mesh.js";
import type { JsonObject } from "../json.js";
import { build, inboundDataplane, mesh, meshTls } from "../policies/meshtls/policy.fixtures.js";

const TP = { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "DualStack" };

function dataplane(opts: { tp?: boolean; protocol?: "http"; servicePort?: number; serviceAddress?: string; features?: string[]; extraInbounds?: object[]; ipFamilyMode?: string } = {}): InboundDataplane {
  const tags: Record<string, string> = { "kuma.io/service": "backend", ...(opts.protocol ? { "kuma.io/protocol": opts.protocol } : {}) };
  return inboundDataplane("backend-1", "default", {
    networking: {
      address: "10.0.0.7",
      inbound: [
        { port: 8080, tags, ...(opts.servicePort ? { servicePort: opts.servicePort } : {}), ...(opts.serviceAddress ? { serviceAddress: opts.serviceAddress } : {}) },
        ...(opts.extraInbounds ?? []),
      ],
      ...(opts.tp ? { transparentProxying: { ...TP, ...(opts.ipFamilyMode ? { ipFamilyMode: opts.ipFamilyMode } : {}) } } : {}),
    },
    ...(opts.features ? { meshsim: { features: opts.features } } : {}),
  });
}

function dest(url: string): Destination {
  const d = parseDestination(url, undefined, "request.to");
  if ("errors" in d) throw new Error(JSON.stringify(d.errors));
  return d.destination;
}

function walk(dp: InboundDataplane, m: MeshModel, url: string, client?: InboundClient, opts: { policies?: PolicyResource[]; rbac?: () => JsonObject } = {}): InboundWalk {
  const b = build(dp, m, { ...(opts.policies ? { policies: opts.policies } : {}), ...(opts.rbac ? { inbound: { rbacRules: opts.rbac } } : {}) });
  return walkInbound(b.resources, { destination: dest(url), ...(client ? { client } : {}) }, dp, b.plan, { mesh: m });
}

const summary = (w: InboundWalk) => `${w.verdict}${w.how ? `/${w.how}` : ""}:${w.reason.code}`;

// ---- The modes: from the Mesh, or a MeshTLS override ----
const strictPolicy = meshTls("strict", { targetRef: { kind: "Mesh" }, rules: [{ default: { mode: "Strict" } }] });
const permissivePolicy = meshTls("permissive", { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { mode: "Permissive" } }] });
const MODES: Record<string, { mesh: MeshModel; policies?: PolicyResource[] }> = {
  "Mesh mTLS off": { mesh: mesh("off") },
  "Mesh PERMISSIVE": { mesh: mesh("PERMISSIVE") },
  "Mesh STRICT": { mesh: mesh("STRICT") },
  "MeshTLS Permissive on a STRICT Mesh": { mesh: mesh("STRICT"), policies: [permissivePolicy] },
  "MeshTLS Strict on a PERMISSIVE Mesh": { mesh: mesh("PERMISSIVE"), policies: [strictPolicy] },
  "MeshTLS Strict on a Mesh with mTLS off (ignored)": { mesh: mesh("off"), policies: [strictPolicy] },
};
const EFFECTIVE: Record<string, "off" | "PERMISSIVE" | "STRICT"> = {
  "Mesh mTLS off": "off",
  "Mesh PERMISSIVE": "PERMISSIVE",
  "Mesh STRICT": "STRICT",
  "MeshTLS Permissive on a STRICT Mesh": "PERMISSIVE",
  "MeshTLS Strict on a PERMISSIVE Mesh": "STRICT",
  "MeshTLS Strict on a Mesh with mTLS off (ignored)": "off",
};

// ---- Expected by effective mode (TCP inbound) ----
const TCP_EXPECTED: Record<"off" | "PERMISSIVE" | "STRICT", Record<"plaintext" | "tls" | "mesh", string>> = {
  off: { plaintext: "accepted/plaintext:inbound-listener", tls: "accepted/tls-passthrough:inbound-listener", mesh: "accepted/plaintext:inbound-listener" },
  PERMISSIVE: { plaintext: "accepted/plaintext:inbound-listener", tls: "accepted/tls-passthrough:inbound-listener", mesh: "accepted/mesh-mtls:inbound-listener" },
  STRICT: { plaintext: "blocked:tls-handshake-failed", tls: "blocked:client-certificate-required", mesh: "accepted/mesh-mtls:inbound-listener" },
};
// HTTP inbound: the HTTP connection manager cannot read the client's own TLS on any non-terminating chain.
const HTTP_EXPECTED: Record<"off" | "PERMISSIVE" | "STRICT", Record<"plaintext" | "tls" | "mesh", string>> = {
  off: { plaintext: "accepted/plaintext:inbound-listener", tls: "blocked:http-codec-error", mesh: "accepted/plaintext:inbound-listener" },
  PERMISSIVE: { plaintext: "accepted/plaintext:inbound-listener", tls: "blocked:http-codec-error", mesh: "accepted/mesh-mtls:inbound-listener" },
  STRICT: { plaintext: "blocked:tls-handshake-failed", tls: "blocked:client-certificate-required", mesh: "accepted/mesh-mtls:inbound-listener" },
};

const TCP_CLIENTS: Record<"plaintext" | "tls" | "mesh", [string, InboundClient | undefined]> = {
  plaintext: ["tcp://10.0.0.7:8080", undefined],
  tls: ["tls://10.0.0.7:8080", undefined],
  mesh: ["tcp://10.0.0.7:8080", { kind: "mesh", service: "web" }],
};
const HTTP_CLIENTS: Record<"plaintext" | "tls" | "mesh", [string, InboundClient | undefined]> = {
  plaintext: ["http://10.0.0.7:8080/", undefined],
  tls: ["https://10.0.0.7:8080/", undefined],
  mesh: ["http://10.0.0.7:8080/", { kind: "mesh", service: "web" }],
};

const matrix = Object.keys(MODES).flatMap((mode) => (["plaintext", "tls", "mesh"] as const).map((client) => [mode, client] as const));

describe("inbound: transparent proxy, TCP inbound (iptables → 15006 → inbound:10.0.0.7:8080)", () => {
  it.each(matrix)("%s, %s client", (mode, client) => {
    const { mesh: m, policies } = MODES[mode]!;
    const [url, c] = TCP_CLIENTS[client];
    const w = walk(dataplane({ tp: true }), m, url, c, policies ? { policies } : {});
    expect(summary(w)).toBe(TCP_EXPECTED[EFFECTIVE[mode]!][client]);
    if (w.verdict === "accepted") {
      expect(w.listener?.name).toBe("inbound:10.0.0.7:8080");
      expect(w.cluster).toEqual({ name: "localhost:8080", type: "STATIC" });
    }
  });
});

describe("inbound: transparent proxy, HTTP inbound", () => {
  it.each(matrix)("%s, %s client", (mode, client) => {
    const { mesh: m, policies } = MODES[mode]!;
    const [url, c] = HTTP_CLIENTS[client];
    const w = walk(dataplane({ tp: true, protocol: "http" }), m, url, c, policies ? { policies } : {});
    expect(summary(w)).toBe(HTTP_EXPECTED[EFFECTIVE[mode]!][client]);
    if (w.verdict === "accepted") expect(w.route).toEqual({ routeConfiguration: "inbound:backend", virtualHost: "backend", route: 0 });
  });
});

describe("inbound: no transparent proxy (inbound 8080 → application on servicePort 9090)", () => {
  it.each(matrix)("Envoy's own port 8080: %s, %s client (the listener binds, same verdicts)", (mode, client) => {
    const { mesh: m, policies } = MODES[mode]!;
    const [url, c] = TCP_CLIENTS[client];
    const w = walk(dataplane({ servicePort: 9090 }), m, url, c, policies ? { policies } : {});
    expect(summary(w)).toBe(TCP_EXPECTED[EFFECTIVE[mode]!][client]);
    if (w.verdict === "accepted") expect(w.cluster?.name).toBe("localhost:9090");
  });
  it.each(matrix)("the application port 9090: %s, %s client → direct, with the docs' warning", (mode, client) => {
    const { mesh: m, policies } = MODES[mode]!;
    const [url, c] = TCP_CLIENTS[client];
    const w = walk(dataplane({ servicePort: 9090 }), m, url.replace(":8080", ":9090"), c, policies ? { policies } : {});
    expect(summary(w)).toBe("direct:not-captured");
    expect(w.listener).toBeNull();
    expect(w.limits).toEqual({});
    expect(w.warnings.map((x) => x.code)).toEqual(["docs-tls-bypass-without-transparent-proxy"]);
    expect(w.warnings[0]!.message).toContain(DOCS_TLS_BYPASS_WARNING);
  });
  it("an application bound to 127.0.0.1 (serviceAddress) cannot be reached from outside", () => {
    const w = walk(dataplane({ servicePort: 9090, serviceAddress: "127.0.0.1" }), mesh("STRICT"), "tcp://10.0.0.7:9090");
    expect(summary(w)).toBe("blocked:app-unreachable");
    expect(w.warnings).toEqual([]);
  });
  it("a port that is neither Envoy's nor the application's: the sidecar is not involved", () => {
    expect(summary(walk(dataplane({ servicePort: 9090 }), mesh("STRICT"), "tcp://10.0.0.7:5432"))).toBe("direct:not-captured");
  });
});

describe("inbound: what decides each verdict", () => {
  it("STRICT limits: Kuma's inbound cluster and tcp_proxy values", () => {
    const w = walk(dataplane({ tp: true }), mesh("STRICT"), "tcp://10.0.0.7:8080", { kind: "mesh" });
    expect(w.limits.connectTimeout).toEqual({ value: "10s", source: "kuma" });
    expect(w.limits.idleTimeout).toEqual({ value: "7200s", source: "kuma" });
    expect(w.limits.circuitBreakers?.maxConnections).toEqual({ value: 1024, source: "envoy-default" });
    expect(w.trace).toContain("iptables PREROUTING redirects the TCP connection to 0.0.0.0:15006 (redirectPortInbound)");
  });
  it("HTTP limits: route timeout 0s (disabled), stream idle 1h, idle 2h", () => {
    const w = walk(dataplane({ tp: true, protocol: "http" }), mesh("STRICT"), "http://10.0.0.7:8080/", { kind: "mesh" });
    expect(w.limits.routeTimeout).toEqual({ value: "0s", source: "kuma" });
    expect(w.limits.streamIdleTimeout).toEqual({ value: "3600s", source: "kuma" });
    expect(w.limits.idleTimeout).toEqual({ value: "7200s", source: "kuma" });
  });
  it("PERMISSIVE chain selection: plaintext → chain 0, own TLS → chain 1, mesh (ALPN kuma) → chain 2", () => {
    const dp = dataplane({ tp: true });
    expect(walk(dp, mesh("PERMISSIVE"), "tcp://10.0.0.7:8080").filterChain?.index).toBe(0);
    expect(walk(dp, mesh("PERMISSIVE"), "https://10.0.0.7:8080/").filterChain?.index).toBe(1);
    expect(walk(dp, mesh("PERMISSIVE"), "tcp://10.0.0.7:8080", { kind: "mesh" }).filterChain?.index).toBe(2);
  });
  it("PERMISSIVE without mesh identity is flagged: MeshTrafficPermission is not enforced", () => {
    const w = walk(dataplane({ tp: true }), mesh("PERMISSIVE"), "tcp://10.0.0.7:8080");
    expect(w.warnings.map((x) => x.code)).toEqual(["permissive-unauthenticated"]);
  });
  it("STRICT: a TLS client with a certificate the mesh CA did not sign fails verification", () => {
    expect(summary(walk(dataplane({ tp: true }), mesh("STRICT"), "tls://10.0.0.7:8080", { kind: "tls", clientCertificate: true }))).toBe("blocked:certificate-verify-failed");
  });
  it("STRICT: a sidecar of another mesh presents a certificate from another CA", () => {
    const w = walk(dataplane({ tp: true }), mesh("STRICT"), "tcp://10.0.0.7:8080", { kind: "mesh", mesh: "other" });
    expect(summary(w)).toBe("blocked:certificate-verify-failed");
    expect(w.reason.message).toContain("mesh_ca:secret:default");
  });
  it("RBAC: rules with no policy (no MeshTrafficPermission) deny the mesh client", () => {
    const w = walk(dataplane({ tp: true }), mesh("STRICT"), "tcp://10.0.0.7:8080", { kind: "mesh" }, { rbac: () => NO_PERMISSION_RBAC_RULES });
    expect(summary(w)).toBe("blocked:rbac-denied");
  });
  it("RBAC: a TrafficPermission on tags (as golden 7's tp-1) allows only the matching identity", () => {
    const tp1 = {
      policies: {
        "tp-1": {
          permissions: [{ any: true }],
          principals: [{ andIds: { ids: [{ authenticated: { principalName: { exact: "kuma://version/1.0" } } }, { authenticated: { principalName: { exact: "spiffe://default/web1" } } }] } }],
        },
      },
    };
    const dp = dataplane({ tp: true });
    expect(summary(walk(dp, mesh("STRICT"), "tcp://10.0.0.7:8080", { kind: "mesh", service: "web1", tags: { version: "1.0" } }, { rbac: () => tp1 }))).toBe("accepted/mesh-mtls:inbound-listener");
    expect(summary(walk(dp, mesh("STRICT"), "tcp://10.0.0.7:8080", { kind: "mesh", service: "web1", tags: { version: "2.0" } }, { rbac: () => tp1 }))).toBe("blocked:rbac-denied");
    expect(summary(walk(dp, mesh("STRICT"), "tcp://10.0.0.7:8080", { kind: "mesh", service: "web2", tags: { version: "1.0" } }, { rbac: () => tp1 }))).toBe("blocked:rbac-denied");
  });
  it("PERMISSIVE: RBAC only guards the mTLS chain; plaintext passes even with no permission", () => {
    const w = walk(dataplane({ tp: true }), mesh("PERMISSIVE"), "tcp://10.0.0.7:8080", undefined, { rbac: () => NO_PERMISSION_RBAC_RULES });
    expect(summary(w)).toBe("accepted/plaintext:inbound-listener");
  });
});

describe("inbound: the inbound passthrough listener (transparent proxy, a port without an inbound)", () => {
  const extra = { extraInbounds: [] };
  it("STRICT without strict inbound ports: the application's other port is reached in cleartext through the ORIGINAL_DST cluster", () => {
    const w = walk(dataplane({ tp: true, ...extra }), mesh("STRICT"), "tcp://10.0.0.7:9090");
    expect(summary(w)).toBe("accepted/plaintext:inbound-passthrough");
    expect(w.listener?.name).toBe("inbound:passthrough:ipv4");
    expect(w.cluster).toEqual({ name: "inbound:passthrough:ipv4", type: "ORIGINAL_DST" });
    expect(w.limits.connectTimeout).toEqual({ value: "5s", source: "kuma" });
    expect(w.warnings.map((x) => x.code)).toEqual(["mtls-bypassed-via-inbound-passthrough"]);
  });
  it("STRICT with feature-strict-inbound-ports: undeclared ports match no chain and are closed", () => {
    const w = walk(dataplane({ tp: true, features: ["feature-strict-inbound-ports"] }), mesh("STRICT"), "tcp://10.0.0.7:9090");
    expect(summary(w)).toBe("blocked:no-filter-chain");
    expect(w.listener?.name).toBe("inbound:passthrough:ipv4");
  });
  it("strict inbound ports follow the Mesh's mode: PERMISSIVE keeps the catch-all", () => {
    expect(summary(walk(dataplane({ tp: true, features: ["feature-strict-inbound-ports"] }), mesh("PERMISSIVE"), "tcp://10.0.0.7:9090"))).toBe("accepted/plaintext:inbound-passthrough");
  });
  it("a declared port still reaches its inbound listener with strict inbound ports", () => {
    expect(summary(walk(dataplane({ tp: true, features: ["feature-strict-inbound-ports"] }), mesh("STRICT"), "tcp://10.0.0.7:8080", { kind: "mesh" }))).toBe("accepted/mesh-mtls:inbound-listener");
  });
  it("a service-less inbound (49151) goes to the no-destination cluster: closed", () => {
    const dp = dataplane({ tp: true, features: ["feature-strict-inbound-ports"], extraInbounds: [{ port: 49151, tags: { "kuma.io/service": "backend" } }] });
    const w = walk(dp, mesh("STRICT"), "tcp://10.0.0.7:49151");
    expect(summary(w)).toBe("blocked:no-destination");
    expect(w.cluster).toEqual({ name: "self_transparentproxy_no_destination_inbound", type: "STATIC" });
  });
  it("ipFamilyMode IPv4: an IPv6 connection is not redirected and reaches the application directly", () => {
    const w = walk(dataplane({ tp: true, ipFamilyMode: "IPv4" }), mesh("STRICT"), "tcp://[fd00::7]:8080");
    expect(summary(w)).toBe("direct:not-captured");
    expect(w.warnings.map((x) => x.code)).toEqual(["docs-tls-bypass-without-transparent-proxy"]);
  });
});

describe("inbound: assumptions", () => {
  it("the walk assumes nothing about the RBAC rules it evaluates (the permission plugins report Kuma's defaults)", () => {
    const w = walk(dataplane({ tp: true }), mesh("STRICT"), "tcp://10.0.0.7:8080", { kind: "mesh" });
    expect(w.assumptions).toEqual([]);
  });
  it("a request without an IP targets the dataplane's address", () => {
    const w = walk(dataplane({ tp: true }), mesh("off"), "http://backend.svc:8080/");
    expect(w.listener?.name).toBe("inbound:10.0.0.7:8080");
    expect(w.assumptions).toEqual(["request.to has no IP: assumed the dataplane's address 10.0.0.7"]);
  });
});
