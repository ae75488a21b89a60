/**
 * MeshTLS admission validation: messages and paths as Kuma's validator.go / tls.go write them (expected
 * violations typed from Kuma's testdata outputs full-invalid, invalid-rules-and-from, invalid-top-level-dataplane).
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../../test/support/policy.js";
import { meshTls } from "./index.js";
import type { MeshTlsSpec } from "./api.js";
import { features, type KumaMinor } from "../../model/versions.js";

const validate = (spec: MeshTlsSpec, minor: KumaMinor = "2.14") => validatePolicy(meshTls, spec, { features: features(minor), role: "workload-owner", path: "spec" });
const ONE_OF_VERSIONS = '["TLSAuto", "TLS10", "TLS11", "TLS12", "TLS13"]';

describe("MeshTLS validator", () => {
  it("accepts the docs' examples (from with Mesh, MeshSubset with mode, rules on a Dataplane)", () => {
    expect(validate({ targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { tlsVersion: { min: "TLS13", max: "TLS13" }, tlsCiphers: ["ECDHE-ECDSA-AES256-GCM-SHA384"] } }] })).toEqual([]);
    expect(validate({ targetRef: { kind: "MeshSubset", tags: { "kuma.io/service": "redis" } }, from: [{ targetRef: { kind: "Mesh" }, default: { mode: "Strict" } }] })).toEqual([]);
    expect(validate({ targetRef: { kind: "Dataplane", labels: { app: "legacy" } }, rules: [{ default: { mode: "Permissive" } }] })).toEqual([]);
  });
  it("full-invalid: mode, ciphers and both versions", () => {
    expect(validate({ targetRef: { kind: "Mesh" }, rules: [{ default: { mode: "Lax", tlsCiphers: ["RC4"], tlsVersion: { min: "TLS9", max: "TLS99" } } }] })).toEqual([
      { path: "spec.rules[0].default.mode", message: '"mode" must be one of ["Strict", "Permissive"]' },
      {
        path: "spec.rules[0].default.tlsCiphers",
        message:
          '"tlsCiphers" must be one of ["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305"]',
      },
      { path: "spec.rules[0].default.tlsVersion.min", message: `"min" must be one of ${ONE_OF_VERSIONS}` },
      { path: "spec.rules[0].default.tlsVersion.max", message: `"max" must be one of ${ONE_OF_VERSIONS}` },
    ]);
  });
  it("invalid-rules-and-from: both lists, version and ciphers on a non-Mesh top-level targetRef", () => {
    const conf = { tlsCiphers: ["ECDHE-RSA-AES128-GCM-SHA256"], tlsVersion: { min: "TLS12" } };
    expect(validate({ targetRef: { kind: "Dataplane", labels: { app: "x" } }, rules: [{ default: conf }], from: [{ targetRef: { kind: "Mesh" }, default: conf }] })).toEqual([
      { path: "spec", message: "field 'from' must be empty when 'rules' is defined" },
      { path: "spec.rules[0].default.tlsCiphers", message: "tlsCiphers can only be defined with top level targetRef kind: Mesh" },
      { path: "spec.rules[0].default.tlsVersion", message: "tlsVersion can only be defined with top level targetRef kind: Mesh" },
      { path: "spec.from[0].default.tlsCiphers", message: "tlsCiphers can only be defined with top level targetRef kind: Mesh" },
      { path: "spec.from[0].default.tlsVersion", message: "tlsVersion can only be defined with top level targetRef kind: Mesh" },
    ]);
  });
  it("min above max is rejected at min; TLSAuto is never compared", () => {
    expect(validate({ rules: [{ default: { tlsVersion: { min: "TLS13", max: "TLS12" } } }] })).toEqual([{ path: "spec.rules[0].default.tlsVersion.min", message: "min version must be lower than max" }]);
    expect(validate({ rules: [{ default: { tlsVersion: { min: "TLS13", max: "TLSAuto" } } }] })).toEqual([]);
  });
  it("from[].targetRef takes kind Mesh only", () => {
    expect(validate({ from: [{ targetRef: { kind: "MeshService", name: "x" }, default: { mode: "Strict" } }] })).toEqual([{ path: "spec.from[0].targetRef.kind", message: "value 'MeshService' is not supported" }]);
  });
  it("sectionName is allowed on a Dataplane targetRef (MeshTLS is an inbound policy)", () => {
    expect(validate({ targetRef: { kind: "Dataplane", name: "dp-1", sectionName: "http" }, rules: [{ default: { mode: "Permissive" } }] })).toEqual([]);
  });
  it("Dataplane targetRefs from 2.10 on (2.9: Mesh and MeshSubset)", () => {
    expect(meshTls.api!.targetKinds(features("2.9"), "workload-owner")).toEqual(["Mesh", "MeshSubset"]);
    expect(meshTls.api!.targetKinds(features("2.14"), "workload-owner")).toEqual(["Mesh", "MeshSubset", "Dataplane"]);
    expect(validate({ targetRef: { kind: "Dataplane" }, rules: [{ default: { mode: "Strict" } }] }, "2.9")).toEqual([{ path: "spec.targetRef.kind", message: "value 'Dataplane' is not supported" }]);
  });
  it("the kind exists from Kuma 2.9", () => {
    expect(meshTls.since).toBe("2.9.0");
  });
});
