/**
 * MeshTimeout admission validation: messages and paths typed from kumahq/kuma@v2.14.3
 * pkg/plugins/policies/meshtimeout/api/v1alpha1/validator_test.go (each `it` names its Entry), and the release's shape
 * (validator.go @ 2.9.19: no `rules`, the older presence message; @ 348b6528bc: no `from`).
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../../test/support/policy.js";
import { features, type KumaMinor } from "../../model/versions.js";
import { MeshTimeoutSpecSchema } from "./api.js";
import { meshTimeout } from "./index.js";

const validate = (spec: unknown, minor: KumaMinor = "2.14") => validatePolicy(meshTimeout, MeshTimeoutSpecSchema.parse(spec), { features: features(minor), role: "workload-owner", path: "spec" });
const toBackend = (d: unknown) => ({ targetRef: { kind: "MeshService", name: "web-frontend" }, to: [{ targetRef: { kind: "MeshService", name: "web-backend" }, default: d }] });

describe("MeshTimeout validator", () => {
  it("Entry \"minimal example\" and a from / to / rules mix are admitted", () => {
    expect(validate({ targetRef: { kind: "Mesh" }, to: [{ targetRef: { kind: "Mesh" }, default: { idleTimeout: "20s" } }] })).toEqual([]);
    expect(validate({ from: [{ targetRef: { kind: "Mesh" }, default: { connectionTimeout: "10s", http: { requestHeadersTimeout: "1s", requestTimeout: "0s" } } }] })).toEqual([]);
    expect(validate({ rules: [{ matches: [{ spiffeID: { type: "Exact", value: "spiffe://default/a" } }], default: { http: { requestTimeout: "2s" } } }] })).toEqual([]);
  });
  it("Entry \"empty 'from' and 'to' array\"", () => {
    expect(validate({ targetRef: { kind: "Mesh" } })).toEqual([{ path: "spec", message: "at least one of 'from', 'to' or 'rules' has to be defined" }]);
  });
  it("Entry \"unsupported kind in from selector\" and \"unsupported kind in to selector\"", () => {
    expect(validate({ targetRef: { kind: "MeshService", name: "web-frontend" }, from: [{ targetRef: { kind: "MeshGatewayRoute" }, default: { http: { requestTimeout: "1s" } } }] })).toEqual([
      { path: "spec.from[0].targetRef.kind", message: "value 'MeshGatewayRoute' is not supported" },
    ]);
    expect(validate({ targetRef: { kind: "MeshService", name: "web-frontend" }, to: [{ targetRef: { kind: "MeshServiceSubset" }, default: { http: { requestTimeout: "1s" } } }] })).toEqual([
      { path: "spec.to[0].targetRef.kind", message: "value 'MeshServiceSubset' is not supported" },
    ]);
  });
  it("Entry \"sectionName with outbound policy\": only inbound policies (from / rules) may name a section", () => {
    expect(validate({ targetRef: { kind: "Dataplane", sectionName: "test" }, to: [{ targetRef: { kind: "MeshServiceSubset" }, default: { http: { requestTimeout: "1s" } } }] })).toEqual([
      { path: "spec.targetRef.sectionName", message: "can only be used with inbound policies" },
      { path: "spec.to[0].targetRef.kind", message: "value 'MeshServiceSubset' is not supported" },
    ]);
    expect(validate({ targetRef: { kind: "Dataplane", sectionName: "test" }, from: [{ targetRef: { kind: "Mesh" }, default: { idleTimeout: "1s" } }] })).toEqual([]);
  });
  it("Entries \"missing timeout configuration\", \"timeout cannot be negative\" and both \"multiple timeout cannot be negative\"", () => {
    expect(validate({ targetRef: { kind: "MeshService", name: "web-frontend" }, to: [{ targetRef: { kind: "MeshService", name: "web-backend" } }] })).toEqual([
      { path: "spec.to[0].default", message: "at least one timeout should be configured" },
    ]);
    expect(validate(toBackend({ idleTimeout: "-1s" }))).toEqual([{ path: "spec.to[0].default.idleTimeout", message: "must not be negative when defined" }]);
    expect(validate(toBackend({ connectionTimeout: "-1s", http: { requestTimeout: "-10s" } }))).toEqual([
      { path: "spec.to[0].default.connectionTimeout", message: "must be greater than zero when defined" },
      { path: "spec.to[0].default.http.requestTimeout", message: "must not be negative when defined" },
    ]);
    expect(validate(toBackend({ http: {} }))).toEqual([{ path: "spec.to[0].default.http", message: "at least one timeout in this section should be configured" }]);
  });
  it("a duration Go cannot read is refused with time.ParseDuration's message", () => {
    // k8s.io/apimachinery metav1.Duration UnmarshalJSON → time.ParseDuration
    expect(validate(toBackend({ idleTimeout: "5 minutes" }))).toEqual([{ path: "spec.to[0].default.idleTimeout", message: 'time: unknown unit " minutes" in duration "5 minutes"' }]);
  });
  it("matches: a spiffeID needs a type, and conditions only the per-request timeouts (validateMatches @ v2.14.3)", () => {
    expect(validate({ rules: [{ matches: [{}], default: { http: { requestTimeout: "1s" } } }] })).toEqual([{ path: "spec.rules[0].matches[0]", message: "must specify at least one of 'spiffeID' or 'sni'" }]);
    expect(validate({ rules: [{ matches: [{ spiffeID: { type: "Regex", value: "x" } }], default: { connectionTimeout: "1s" } }] })).toEqual([
      { path: "spec.rules[0].matches[0].spiffeID.type", message: 'unrecognized type "Regex", supported values are: Exact, Prefix' },
      { path: "spec.rules[0].default.connectionTimeout", message: "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity" },
    ]);
  });
  it("by release: no rules before 2.10.0, no matches before v2.14.0, no from at 3.0", () => {
    // kumahq/kuma@2.9.19 validator.go validate: "at least one of 'from', 'to' has to be defined"; no Rules field.
    expect(validate({ targetRef: { kind: "Mesh" } }, "2.9")).toEqual([{ path: "spec", message: "at least one of 'from', 'to' has to be defined" }]);
    expect(validate({ rules: [{ default: { idleTimeout: "1s" } }] }, "2.9")).toEqual([
      { path: "spec.rules", message: "field 'rules' does not exist in Kuma 2.9 (added in 2.10.0)" },
      { path: "spec", message: "at least one of 'from', 'to' has to be defined" },
    ]);
    expect(validate({ rules: [{ matches: [{ spiffeID: { type: "Exact", value: "x" } }], default: { http: { requestTimeout: "1s" } } }] }, "2.13")).toEqual([
      { path: "spec.rules[0].matches", message: "field 'matches' does not exist in Kuma 2.13 (added in 2.14.0)" },
    ]);
    // kumahq/kuma@348b6528bc validator.go validate
    expect(validate({ targetRef: { kind: "Mesh" } }, "3.0")).toEqual([{ path: "spec", message: "at least one of 'to' or 'rules' has to be defined" }]);
  });
  it("targetRef kinds by release and role (validateTop)", () => {
    expect(meshTimeout.api!.targetKinds(features("2.7"), "workload-owner")).toContain("MeshGateway");
    expect(meshTimeout.api!.targetKinds(features("2.9"), "workload-owner")).toEqual(["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"]);
    expect(meshTimeout.api!.targetKinds(features("2.14"), "workload-owner")).toEqual(["Mesh", "Dataplane", "MeshSubset", "MeshService", "MeshServiceSubset"]);
    expect(meshTimeout.api!.targetKinds(features("2.14"), "system")).toContain("MeshHTTPRoute");
    expect(meshTimeout.api!.targetKinds(features("3.0"), "workload-owner")).toEqual(["Mesh", "Dataplane"]);
  });
});
