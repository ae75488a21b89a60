/**
 * MeshCircuitBreaker admission validation: messages and paths typed from kumahq/kuma@v2.14.3
 * pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/validator_test.go (each `it` names its Entry), and the release's
 * shape (validator.go @ 2.9.19 and 348b6528bc).
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../../test/support/policy.js";
import { features, type KumaMinor } from "../../model/versions.js";
import { MeshCircuitBreakerSpecSchema } from "./api.js";
import { meshCircuitBreaker } from "./index.js";

const validate = (spec: unknown, minor: KumaMinor = "2.14") => validatePolicy(meshCircuitBreaker, MeshCircuitBreakerSpecSchema.parse(spec), { features: features(minor), role: "workload-owner", path: "spec" });
const toBackend = (d: unknown) => ({ targetRef: { kind: "MeshService", name: "web-frontend" }, to: [{ targetRef: { kind: "MeshService", name: "web-backend" }, default: d }] });

describe("MeshCircuitBreaker validator", () => {
  it("Entry \"minimal example\" is admitted", () => {
    expect(validate({ targetRef: { kind: "Mesh" }, to: [{ targetRef: { kind: "Mesh" }, default: { connectionLimits: { maxConnections: 1024 } } }] })).toEqual([]);
  });
  it("Entry \"from mixed with rules\"", () => {
    expect(validate({ targetRef: { kind: "MeshService", name: "web-frontend" }, from: [{ targetRef: { kind: "Mesh" }, default: { connectionLimits: {} } }], rules: [{ default: { connectionLimits: {} } }] })).toEqual([
      { path: "spec", message: "fields 'to' and 'from' must be empty when 'rules' is defined" },
    ]);
  });
  it("Entry \"limits cannot be be equal 0 when specified\"", () => {
    expect(validate(toBackend({ connectionLimits: { maxConnections: 0, maxConnectionPools: 0, maxPendingRequests: 0, maxRetries: 0, maxRequests: 0 } }))).toEqual(
      ["maxConnections", "maxConnectionPools", "maxPendingRequests", "maxRetries", "maxRequests"].map((k) => ({ path: `spec.to[0].default.connectionLimits.${k}`, message: "must be greater than 0" })),
    );
  });
  it("Entries on percentages above 100 and below 0", () => {
    expect(validate(toBackend({ outlierDetection: { maxEjectionPercent: 101, detectors: { failurePercentage: { threshold: 101 } }, healthyPanicThreshold: 101 } }))).toEqual([
      { path: "spec.to[0].default.outlierDetection.maxEjectionPercent", message: "must be in inclusive range [0, 100]" },
      { path: "spec.to[0].default.outlierDetection.healthyPanicThreshold", message: "must be in inclusive range [0.0, 100.0]" },
      { path: "spec.to[0].default.outlierDetection.detectors.failurePercentage.threshold", message: "must be in inclusive range [0, 100]" },
    ]);
    expect(validate(toBackend({ outlierDetection: { detectors: { successRate: { standardDeviationFactor: -2 } }, healthyPanicThreshold: -3 } }))).toEqual([
      { path: "spec.to[0].default.outlierDetection.healthyPanicThreshold", message: "must be in inclusive range [0.0, 100.0]" },
      { path: "spec.to[0].default.outlierDetection.detectors.successRate.standardDeviationFactor", message: "must be greater than 0" },
    ]);
  });
  it("Entry \"detectors are not defined\" and \"missing configuration\"", () => {
    expect(validate(toBackend({ outlierDetection: { maxEjectionPercent: 100 } }))).toEqual([{ path: "spec.to[0].default.outlierDetection.detectors", message: "must be defined" }]);
    expect(validate({ targetRef: { kind: "MeshService", name: "web-frontend" }, to: [{ targetRef: { kind: "MeshService", name: "web-backend" } }] })).toEqual([
      { path: "spec.to[0].default", message: "at least one of: 'connectionLimits' or 'outlierDetection' should be configured" },
    ]);
  });
  it("validateRules reports under from[i], as Kuma's code roots it", () => {
    expect(validate({ rules: [{ default: {} }] })).toEqual([{ path: "spec.from[0].default", message: "at least one of: 'connectionLimits' or 'outlierDetection' should be configured" }]);
  });
  it("by release: no rules before 2.10.0; MeshExternalService in to from v2.14.0; no from at 3.0", () => {
    expect(validate({ targetRef: { kind: "Mesh" } }, "2.9")).toEqual([{ path: "spec", message: "at least one of 'from', 'to' has to be defined" }]);
    // kumahq/kuma@v2.13.10 validator.go validateTo: Mesh, MeshService, MeshMultiZoneService
    expect(validate({ to: [{ targetRef: { kind: "MeshExternalService", name: "x" }, default: { connectionLimits: { maxConnections: 1 } } }] }, "2.13")).toEqual([
      { path: "spec.to[0].targetRef.kind", message: "value 'MeshExternalService' is not supported" },
    ]);
    expect(validate({ to: [{ targetRef: { kind: "MeshExternalService", name: "x" }, default: { connectionLimits: { maxConnections: 1 } } }] }, "2.14")).toEqual([]);
    expect(validate({ targetRef: { kind: "Mesh" } }, "3.0")).toEqual([{ path: "spec", message: "at least one of 'to' or 'rules' has to be defined" }]);
  });
});
