/**
 * Kuma's MeshPassthrough admission validation (kuma `pkg/plugins/policies/meshpassthrough/api/v1alpha1/validator.go`
 * @ v2.14.3). Inputs and expected violations are typed here by hand after Kuma's full-invalid / valid test cases
 * (`api/v1alpha1/testdata/` and `validator_test.go` @ v2.14.3), not copied from the golden files.
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../../test/support/policy.js";
import { MeshPassthroughSpecSchema, type MeshPassthroughSpec } from "./api.js";
import { meshPassthrough } from "./index.js";
import { goParseCIDR, goParseIP, isDNSName } from "../../go/net.js";
import type { PolicyRole } from "../../model/policy.js";
import { features, type KumaMinor } from "../../model/versions.js";

const BASE = "resources[3].spec";

function validate(spec: unknown, opts: { minor?: KumaMinor; role?: PolicyRole } = {}) {
  const parsed = MeshPassthroughSpecSchema.parse(spec);
  return validatePolicy(meshPassthrough, parsed as MeshPassthroughSpec, { features: features(opts.minor ?? "2.14"), role: opts.role ?? "system", path: BASE });
}

const m = (i: number, field: string) => `${BASE}.default.appendMatch[${i}].${field}`;
const SAME_PORT = "using the same port in multiple matches requires the same protocol for the following protocols: [grpc http http2]";

describe("MeshPassthrough validator: Kuma's full-invalid case", () => {
  const spec = {
    targetRef: { kind: "Mesh" },
    default: {
      appendMatch: [
        { type: "test", value: "1.2.3.4", port: 0, protocol: "1" },
        { type: "Domain", value: "1.2.3.4", port: 1, protocol: "tcp" },
        { type: "IP", value: "example.com", port: 1, protocol: "tls" },
        { type: "Domain", value: "example.com", port: 999, protocol: "tcp" },
        { type: "CIDR", value: "1.2.3.4", port: 999, protocol: "tcp" },
        { type: "Domain", value: "example.com", port: 8080, protocol: "http" },
        { type: "Domain", value: "example.com", port: 8080, protocol: "http2" },
        { type: "Domain", value: "*w.example.com", port: 9090, protocol: "http2" },
        { type: "Domain", value: "google.com", port: 10000, protocol: "http" },
        { type: "Domain", value: "google.com", port: 10000, protocol: "http" },
        { type: "Domain", value: "*.example.com", protocol: "http" },
        { type: "Domain", value: "mysql.server.com", port: 3306, protocol: "mysql" },
        { type: "IP", value: "172.1.1.1", protocol: "mysql" },
        { type: "Domain", value: "*.hello@world", port: 443, protocol: "tls" },
      ],
    },
  };

  it("reports the 15 violations in Kuma's order with Kuma's messages", () => {
    expect(validate(spec)).toEqual([
      { path: m(0, "port"), message: "port must be a valid (1-65535)" },
      { path: m(0, "protocol"), message: '"protocol" must be one of ["tcp", "tls", "grpc", "http", "http2", "mysql"]' },
      { path: m(0, "type"), message: "provided type test is not supported, one of Domain, IP, or CIDR is supported" },
      { path: m(1, "protocol"), message: "protocol tcp is not supported for a domain" },
      { path: m(1, "value"), message: "provided DNS has incorrect value" },
      { path: m(2, "value"), message: "provided IP has incorrect value" },
      { path: m(3, "protocol"), message: "protocol tcp is not supported for a domain" },
      { path: m(4, "value"), message: "provided CIDR has incorrect value" },
      { path: m(6, "port"), message: SAME_PORT },
      { path: m(7, "value"), message: "provided DNS has incorrect value, partial wildcard is currently not supported" },
      { path: m(9, "value"), message: "value google.com is already defiend for this port and protocol" },
      { path: m(10, "port"), message: "wildcard domains doesn't work for all ports and layer 7 protocol" },
      { path: m(11, "protocol"), message: "protocol mysql is not supported for a domain" },
      { path: m(12, "port"), message: "port must be defined for Mysql protocol" },
      { path: m(13, "value"), message: "provided DNS has incorrect value" },
    ]);
  });

  it("accepts Kuma's valid case", () => {
    expect(
      validate({
        targetRef: { kind: "Mesh" },
        default: {
          appendMatch: [
            { type: "IP", value: "192.168.1.1", port: 8000, protocol: "tcp" },
            { type: "Domain", value: "example.com", protocol: "tls" },
            { type: "CIDR", value: "1.2.3.4/24", port: 9900, protocol: "tcp" },
            { type: "Domain", value: "example.com", port: 9999, protocol: "http" },
            { type: "Domain", value: "*.example.com", port: 9090, protocol: "http" },
            { type: "IP", value: "172.1.1.1", port: 3306, protocol: "mysql" },
          ],
        },
      }),
    ).toEqual([]);
  });
});

describe("MeshPassthrough validator: rule details", () => {
  const only = (...appendMatch: object[]) => validate({ default: { appendMatch } });

  it("same-port rule is order dependent (the map keeps the latest accepted protocol)", () => {
    expect(only({ type: "IP", value: "1.1.1.1", port: 8080, protocol: "http" }, { type: "IP", value: "1.1.1.2", port: 8080, protocol: "tcp" })).toEqual([]);
    expect(only({ type: "IP", value: "1.1.1.1", port: 8080, protocol: "tcp" }, { type: "IP", value: "1.1.1.2", port: 8080, protocol: "http" })).toEqual([
      { path: m(1, "port"), message: SAME_PORT },
    ]);
    expect(only({ type: "Domain", value: "a.com", port: 443, protocol: "tls" }, { type: "Domain", value: "b.com", port: 443, protocol: "http" })).toEqual([
      { path: m(1, "port"), message: SAME_PORT },
    ]);
    expect(only({ type: "Domain", value: "b.com", port: 443, protocol: "http" }, { type: "Domain", value: "a.com", port: 443, protocol: "tls" })).toEqual([]);
    // http, then tcp (accepted; the port now says tcp), then grpc: rejected against tcp
    expect(
      only(
        { type: "IP", value: "1.1.1.1", port: 80, protocol: "http" },
        { type: "IP", value: "1.1.1.2", port: 80, protocol: "tcp" },
        { type: "IP", value: "1.1.1.3", port: 80, protocol: "grpc" },
      ),
    ).toEqual([{ path: m(2, "port"), message: SAME_PORT }]);
    // a rejected entry does not update the map: the port still says tcp, so the next http is rejected too
    expect(
      only(
        { type: "IP", value: "1.1.1.1", port: 80, protocol: "tcp" },
        { type: "IP", value: "1.1.1.2", port: 80, protocol: "http" },
        { type: "IP", value: "1.1.1.3", port: 80, protocol: "http" },
      ),
    ).toEqual([
      { path: m(1, "port"), message: SAME_PORT },
      { path: m(2, "port"), message: SAME_PORT },
    ]);
  });

  it("port-less entries are not checked for same-port or duplicates (two L7 protocols without port pass admission)", () => {
    expect(only({ type: "IP", value: "1.1.1.1", protocol: "http" }, { type: "IP", value: "1.1.1.1", protocol: "grpc" }, { type: "IP", value: "1.1.1.1", protocol: "grpc" })).toEqual([]);
  });

  it("duplicates are per (port, protocol)", () => {
    expect(only({ type: "IP", value: "1.1.1.1", port: 80, protocol: "tcp" }, { type: "IP", value: "1.1.1.1", port: 81, protocol: "tcp" })).toEqual([]);
    expect(only({ type: "IP", value: "1.1.1.1", port: 80, protocol: "tcp" }, { type: "IP", value: "1.1.1.1", port: 80, protocol: "tcp" })).toEqual([
      { path: m(1, "value"), message: "value 1.1.1.1 is already defiend for this port and protocol" },
    ]);
  });

  it("port above 65535 is invalid; an omitted protocol is the schema default tcp", () => {
    expect(only({ type: "IP", value: "1.1.1.1", port: 70000 })).toEqual([{ path: m(0, "port"), message: "port must be a valid (1-65535)" }]);
    expect(only({ type: "Domain", value: "a.com", port: 443 })).toEqual([{ path: m(0, "protocol"), message: "protocol tcp is not supported for a domain" }]);
  });

  it("wildcards: leading `*.` only; a bare `*` passes; a port-less wildcard is fine for tls but not for L7", () => {
    expect(only({ type: "Domain", value: "**.example.com", port: 443, protocol: "tls" })).toEqual([
      { path: m(0, "value"), message: "provided DNS has incorrect value, partial wildcard is currently not supported" },
    ]);
    expect(only({ type: "Domain", value: "*", port: 80, protocol: "http" })).toEqual([]);
    expect(only({ type: "Domain", value: "*.example.com", protocol: "tls" })).toEqual([]);
    expect(only({ type: "Domain", value: "*.example.com", protocol: "grpc" })).toEqual([{ path: m(0, "port"), message: "wildcard domains doesn't work for all ports and layer 7 protocol" }]);
  });

  it("protocol is compared case-sensitively", () => {
    expect(only({ type: "IP", value: "1.1.1.1", port: 80, protocol: "HTTP" })).toEqual([
      { path: m(0, "protocol"), message: '"protocol" must be one of ["tcp", "tls", "grpc", "http", "http2", "mysql"]' },
    ]);
  });

  it("passthroughMode outside the enum is refused with the Kubernetes API server's enum message", () => {
    expect(validate({ default: { passthroughMode: "Some" } })).toEqual([
      { path: `${BASE}.default.passthroughMode`, message: 'Unsupported value: "Some": supported values: "All", "Matched", "None"' },
    ]);
  });

  it("a spec without default is valid (Go zero Conf)", () => {
    expect(validate({})).toEqual([]);
    expect(validate({ targetRef: { kind: "Mesh" }, default: {} })).toEqual([]);
  });
});

describe("MeshPassthrough validator: targetRef", () => {
  it("2.14 allows Mesh, MeshSubset and Dataplane", () => {
    expect(validate({ targetRef: { kind: "MeshService", name: "x" }, default: {} })).toEqual([{ path: `${BASE}.targetRef.kind`, message: "value 'MeshService' is not supported" }]);
    expect(validate({ targetRef: { kind: "MeshGateway", name: "gw" }, default: {} })).toEqual([{ path: `${BASE}.targetRef.kind`, message: "value 'MeshGateway' is not supported" }]);
    expect(validate({ targetRef: { kind: "MeshSubset", tags: { app: "web" } }, default: {} })).toEqual([]);
    expect(validate({ targetRef: { kind: "Dataplane", name: "web-01" }, default: {} })).toEqual([]);
  });
  it("Dataplane: sectionName is for inbound policies only", () => {
    expect(validate({ targetRef: { kind: "Dataplane", name: "web-01", sectionName: "http" }, default: {} })).toEqual([
      { path: `${BASE}.targetRef.sectionName`, message: "can only be used with inbound policies" },
    ]);
  });
  it("Mesh: name is not supported", () => {
    expect(validate({ targetRef: { kind: "Mesh", name: "x" }, default: {} })).toEqual([{ path: `${BASE}.targetRef.name`, message: "using name with kind Mesh is not yet supported" }]);
  });
  it("2.9 does not accept Dataplane targetRefs (version row)", () => {
    expect(validate({ targetRef: { kind: "Dataplane" }, default: {} }, { minor: "2.9" })).toEqual([{ path: `${BASE}.targetRef.kind`, message: "value 'Dataplane' is not supported" }]);
  });
  it("targetRef violations come before default violations", () => {
    const v = validate({ targetRef: { kind: "MeshService" }, default: { appendMatch: [{ type: "IP", value: "x", port: 1 }] } });
    expect(v.map((x) => x.path)).toEqual([`${BASE}.targetRef.kind`, m(0, "value")]);
  });
});

describe("MeshPassthrough schema", () => {
  it("is strict and bounded", () => {
    expect(MeshPassthroughSpecSchema.safeParse({ default: { appendMatch: [{ type: "IP", value: "1.1.1.1", porT: 80 }] } }).success).toBe(false);
    expect(MeshPassthroughSpecSchema.safeParse({ default: { appendMatch: [{ type: "IP", value: "1.1.1.1", port: -1 }] } }).success).toBe(false);
    expect(MeshPassthroughSpecSchema.safeParse({ default: { appendMatch: [{ type: "IP", value: "x".repeat(1025) }] } }).success).toBe(false);
    expect(MeshPassthroughSpecSchema.safeParse({ default: { appendMatch: Array.from({ length: 1001 }, () => ({ type: "IP", value: "1.1.1.1" })) } }).success).toBe(false);
  });
});

describe("Go address and DNS-name semantics", () => {
  it("net.ParseIP rejects leading zeros, zones and brackets", () => {
    expect(goParseIP("10.0.0.1")).toBeDefined();
    expect(goParseIP("010.0.0.1")).toBeUndefined();
    expect(goParseIP("fe80::1%eth0")).toBeUndefined();
    expect(goParseIP("[::1]")).toBeUndefined();
    expect(goParseIP("::ffff:1.2.3.4")).toBeDefined();
  });
  it("net.ParseCIDR keeps host bits in the input and clears them in the network", () => {
    expect(goParseCIDR("172.12.2.2/24")).toMatchObject({ prefixLen: 24, network: "172.12.2.0" });
    expect(goParseCIDR("10.1.2.3/8")).toMatchObject({ prefixLen: 8, network: "10.0.0.0" });
    expect(goParseCIDR("2001:db8:0:0:1::1/64")).toMatchObject({ prefixLen: 64, network: "2001:db8::" });
    expect(goParseCIDR("10.0.0.0/024")).toMatchObject({ prefixLen: 24 }); // dtoi accepts leading zeros
    expect(goParseCIDR("10.0.0.0/33")).toBeUndefined();
    expect(goParseCIDR("10.0.0.0/")).toBeUndefined();
    expect(goParseCIDR("1.2.3.4")).toBeUndefined();
  });
  it("govalidator IsDNSName: no IPs, labels of ≤ 63, one trailing dot or underscore", () => {
    expect(isDNSName("example.com")).toBe(true);
    expect(isDNSName("example.com.")).toBe(true);
    expect(isDNSName("_srv.example.com")).toBe(true);
    expect(isDNSName("1.2.3.4")).toBe(false);
    expect(isDNSName("hello@world")).toBe(false);
    expect(isDNSName(`${"a".repeat(64)}.com`)).toBe(false);
    expect(isDNSName("-a.com")).toBe(false);
    expect(isDNSName("")).toBe(false);
  });
});

describe("MeshPassthrough validator: the rules that changed between releases", () => {
  const at = (release: Parameters<typeof features>[0], spec: unknown) =>
    validatePolicy(meshPassthrough, MeshPassthroughSpecSchema.parse(spec) as MeshPassthroughSpec, { features: features(release), role: "system", path: BASE });
  const entry = (e: Record<string, unknown>) => ({ targetRef: { kind: "Mesh" }, default: { appendMatch: [e] } });
  it("2.8 requires the targetRef, with proxyTypes holding Sidecar; 2.9.0 does not", () => {
    // kumahq/kuma@2.8.0 validator.go validateTop (targetRef is a value; the proxyTypes rule); @2.9.0 (#11321) both gone
    const rule = "proxyTypes needs to be set, currently only Sidecar is supported";
    expect(at("2.8.0", { default: {} })).toEqual([
      { path: `${BASE}.targetRef.kind`, message: "must be defined" },
      { path: `${BASE}.targetRef.proxyTypes`, message: rule },
    ]);
    expect(at("2.8.8", { targetRef: { kind: "Mesh" }, default: {} })).toEqual([{ path: `${BASE}.targetRef.proxyTypes`, message: rule }]);
    expect(at("2.8.8", { targetRef: { kind: "Mesh", proxyTypes: ["Sidecar"] }, default: {} })).toEqual([]);
    expect(at("2.9.0", { default: {} })).toEqual([]);
  });
  it("a wildcard L7 domain without a port is refused from 2.9.2", () => {
    // kumahq/kuma@2.9.2 validator.go (backport 3cb08305d8 of #12054); absent @2.9.1
    const wildcard = entry({ type: "Domain", value: "*.example.com", protocol: "http" });
    expect(at("2.9.1", wildcard)).toEqual([]);
    expect(at("2.9.2", wildcard)).toEqual([{ path: m(0, "port"), message: "wildcard domains doesn't work for all ports and layer 7 protocol" }]);
  });
  it("mysql is a protocol from 2.10.0, with a required port", () => {
    // kumahq/kuma@2.10.0 validator.go allMatchProtocols and the Mysql port rule (#12839); @2.9.19 five protocols
    expect(at("2.9.19", entry({ type: "IP", value: "10.0.0.1", port: 3306, protocol: "mysql" }))).toEqual([
      { path: m(0, "protocol"), message: '"protocol" must be one of ["tcp", "tls", "grpc", "http", "http2"]' },
    ]);
    expect(at("2.10.0", entry({ type: "IP", value: "10.0.0.1", port: 3306, protocol: "mysql" }))).toEqual([]);
    expect(at("2.10.0", entry({ type: "IP", value: "10.0.0.1", protocol: "mysql" }))).toEqual([{ path: m(0, "port"), message: "port must be defined for Mysql protocol" }]);
  });
  it("the rest of a `*.` domain is checked as a DNS name from 2.14.0", () => {
    // kumahq/kuma@v2.14.0 validator.go (#16570): `*.` stripped, then govalidator.IsDNSName; @v2.13.10 a `*` value was not checked
    const bad = entry({ type: "Domain", value: "*.example..com", port: 443, protocol: "tls" });
    expect(at("2.13.10", bad)).toEqual([]);
    expect(at("2.14.0", bad)).toEqual([{ path: m(0, "value"), message: "provided DNS has incorrect value" }]);
  });
});
