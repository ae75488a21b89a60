/**
 * The inbound client as the sidecar sees it. Mesh clients follow Kuma v2.14.3: a sidecar's upstream TLS offers
 * ALPN `kuma` (kumahq/kuma@v2.14.3 pkg/xds/envoy/tls/tls.go KumaALPNProtocols) with a certificate whose URI SANs
 * are `spiffe://<mesh>/<service>` (same file, ServiceSpiffeID) and `kuma://<tag>/<value>` per tag
 * (pkg/core/ca/issuer/issuer.go newWorkloadTemplate); with mTLS off on either mesh the cluster gets no transport
 * socket, so the sidecar talks plaintext (pkg/xds/envoy/clusters/v3/client_side_mtls_configurer.go Configure).
 * Defaults for a missing `kind` and the clients outside the mesh are the API contract (InboundClientSchema).
 */
import { describe, expect, it } from "vitest";
import { INBOUND_CLIENT_KINDS, InboundClientSchema, resolveClient } from "./inbound-client.js";
import type { Destination } from "./request.js";

function to(protocol: Destination["protocol"], extra: Partial<Destination> = {}): Destination {
  return { protocol, host: undefined, ip: undefined, port: 8080, path: "/", sni: undefined, alpn: [], httpVersion: "1.1", headers: {}, ...extra };
}

describe("InboundClientSchema", () => {
  it("accepts the three kinds and nothing else", () => {
    expect(INBOUND_CLIENT_KINDS).toEqual(["plaintext", "tls", "mesh"]);
    expect(InboundClientSchema.safeParse({ kind: "mesh", mesh: "default", service: "web", tags: { version: "1.0" } }).success).toBe(true);
    expect(InboundClientSchema.safeParse({ kind: "mtls" }).success).toBe(false);
  });
  it("rejects unknown fields (strict object)", () => {
    expect(InboundClientSchema.safeParse({ kind: "tls", certificate: true }).success).toBe(false);
  });
});

describe("resolveClient: the default kind", () => {
  it.each([
    ["tls", "tls"],
    ["https", "tls"],
    ["grpcs", "tls"],
    ["tcp", "plaintext"],
    ["http", "plaintext"],
    ["grpc", "plaintext"],
  ] as const)("a %s URL without a kind is a %s client", (protocol, kind) => {
    expect(resolveClient(undefined, to(protocol), "default", true).kind).toBe(kind);
  });
});

describe("resolveClient: clients outside the mesh", () => {
  it("plaintext: no TLS, no certificate; HTTP inside only for http and grpc", () => {
    const c = resolveClient({ kind: "plaintext" }, to("http"), "default", true);
    expect(c).toMatchObject({ sendsTls: false, alpn: [], certificate: "none", mesh: undefined, sans: [], speaksHttp: true });
    expect(resolveClient({ kind: "plaintext" }, to("grpc"), "default", true).speaksHttp).toBe(true);
    expect(resolveClient({ kind: "plaintext" }, to("tcp"), "default", true).speaksHttp).toBe(false);
  });
  it("tls: its own SNI and ALPN, never the mesh's ALPN; no certificate unless asked, then one the mesh CA did not sign", () => {
    const d = to("https", { sni: "api.example.com", alpn: ["h2", "http/1.1"] });
    expect(resolveClient({ kind: "tls" }, d, "default", true)).toMatchObject({ sendsTls: true, sni: "api.example.com", alpn: ["h2", "http/1.1"], certificate: "none", sans: [] });
    expect(resolveClient({ kind: "tls", clientCertificate: true }, d, "default", true).certificate).toBe("foreign");
  });
  it("tls: the sidecar sees TLS records, not HTTP, until something terminates them", () => {
    expect(resolveClient({ kind: "tls" }, to("https"), "default", false).speaksHttp).toBe(false);
  });
});

describe("resolveClient: a sidecar of the mesh", () => {
  it("mesh mTLS on: TLS with ALPN kuma and a mesh certificate with the SPIFFE ID and tag SANs", () => {
    const c = resolveClient({ kind: "mesh", service: "web", tags: { version: "1.0" } }, to("tcp"), "default", true);
    expect(c).toMatchObject({ sendsTls: true, sni: undefined, alpn: ["kuma"], certificate: "mesh", mesh: "default" });
    expect(c.sans[0]).toBe("spiffe://default/web");
    expect(c.sans).toContain("kuma://version/1.0");
  });
  it("HTTP inside mesh mTLS is still HTTP once the sidecar terminates it", () => {
    expect(resolveClient({ kind: "mesh" }, to("http"), "default", true).speaksHttp).toBe(true);
  });
  it("mesh mTLS off: no transport socket on the client's cluster, so plaintext without identity", () => {
    const c = resolveClient({ kind: "mesh", service: "web" }, to("tcp"), "default", false);
    expect(c).toMatchObject({ sendsTls: false, alpn: [], certificate: "none", sans: [] });
  });
  it("a sidecar of another mesh carries that mesh's SPIFFE ID", () => {
    const c = resolveClient({ kind: "mesh", mesh: "other", service: "web" }, to("tcp"), "default", true);
    expect(c).toMatchObject({ mesh: "other", certificate: "mesh" });
    expect(c.sans[0]).toBe("spiffe://other/web");
  });
  it("defaults: the dataplane's mesh and service `client`", () => {
    const c = resolveClient({ kind: "mesh" }, to("tcp"), "prod", true);
    expect(c.mesh).toBe("prod");
    expect(c.sans[0]).toBe("spiffe://prod/client");
  });
});
