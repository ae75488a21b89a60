/**
 * MeshAccessLog admission details the case files do not show: rules[].matches (kumahq/kuma@v2.14.3
 * pkg/core/resources/apis/mesh/validators.go ValidateMatch, go-spiffe v2 spiffeid.FromString, k8s IsDNS1123Subdomain),
 * the `to` kinds per release and a MeshGateway policy's `to` (validator.go validateTo @ 2.5.0, 2.9.0, v2.14.3).
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../../test/support/policy.js";
import { features } from "../../model/versions.js";
import { meshAccessLog } from "./index.js";
import { spiffeIdError } from "./validator.js";

const file = { backends: [{ type: "File", file: { path: "/tmp/log" } }] };
const check = (version: string, spec: unknown) => validatePolicy(meshAccessLog, meshAccessLog.api!.specSchema.parse(spec), { features: features(version as never), role: "workload-owner", path: "spec" });

describe("spiffeIdError (go-spiffe v2 spiffeid.FromString)", () => {
  it("accepts a trust domain and path; names what is wrong otherwise", () => {
    expect(spiffeIdError("spiffe://default/ns/clients/sa/specific-client")).toBeUndefined();
    expect(spiffeIdError("spiffe://default")).toBeUndefined();
    expect(spiffeIdError("")).toBe("cannot be empty");
    expect(spiffeIdError("http://default")).toBe("scheme is missing or invalid");
    expect(spiffeIdError("spiffe:///ns")).toBe("trust domain is missing");
    expect(spiffeIdError("spiffe://Default/ns")).toBe("trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores");
    expect(spiffeIdError("spiffe://default/ns/")).toBe("path cannot have a trailing slash");
    expect(spiffeIdError("spiffe://default//ns")).toBe("path cannot contain empty segments");
    expect(spiffeIdError("spiffe://default/./ns")).toBe("path cannot contain dot segments");
    expect(spiffeIdError("spiffe://default/n s")).toBe("path segment characters are limited to letters, numbers, dots, dashes, and underscores");
  });
});

describe("rules[].matches (2.14+)", () => {
  it("a SPIFFE ID must parse; an SNI match needs type Exact and a DNS-1123 subdomain value", () => {
    const got = check("2.14", {
      rules: [
        { matches: [{ spiffeID: { type: "Prefix", value: "spiffe://default/ns/" } }, { sni: { type: "", value: "" } }, { sni: { type: "Prefix", value: "Bad_Name" } }], default: file },
      ],
    });
    expect(got).toEqual([
      { path: "spec.rules[0].matches[0].spiffeID", message: "must be a valid Spiffe ID: path cannot have a trailing slash" },
      { path: "spec.rules[0].matches[1].sni.type", message: "must be set" },
      { path: "spec.rules[0].matches[1].sni.value", message: "must be set" },
      { path: "spec.rules[0].matches[2].sni.type", message: 'unrecognized type "Prefix", supported values are: Exact' },
      {
        path: "spec.rules[0].matches[2].sni.value",
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
    ]);
  });
  it("`rules` next to `to` or `from` is refused (2.10.0 … v2.14.3)", () => {
    expect(check("2.12", { to: [{ targetRef: { kind: "Mesh" }, default: file }], rules: [{ default: file }] })).toEqual([{ path: "spec", message: "fields 'to' and 'from' must be empty when 'rules' is defined" }]);
  });
});

describe("`to` kinds by release", () => {
  it("2.5: Mesh and MeshService; 2.9: MeshExternalService and MeshMultiZoneService too", () => {
    const mes = { to: [{ targetRef: { kind: "MeshExternalService", name: "x" }, default: file }] };
    expect(check("2.8", mes)).toEqual([{ path: "spec.to[0].targetRef.kind", message: "value 'MeshExternalService' is not supported" }]);
    expect(check("2.9", mes)).toEqual([]);
  });
  it("a MeshGateway policy's `to` may only be Mesh (2.9.0 … v2.14.3)", () => {
    const gw = { targetRef: { kind: "MeshGateway", name: "edge" }, to: [{ targetRef: { kind: "MeshService", name: "x" }, default: file }] };
    expect(check("2.14", gw)).toEqual([{ path: "spec.to[0].targetRef.kind", message: "value 'MeshService' is not supported" }]);
    expect(check("2.8", gw)).toEqual([]);
  });
});
