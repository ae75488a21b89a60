/**
 * Kuma's admission validation of MeshCircuitBreaker (kuma `pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/
 * validator.go` @ v2.14.3, with the release's shape: no `rules` before 2.10.0, `to` kinds per release, no `from` at
 * 3.0), with Kuma's messages and paths (validateRules reports under `from[i]`, as Kuma's code does).
 */
import { joinPath, type Violation } from "../../errors.js";
import { compareDecimalInt, decimalOf, decimalSign } from "../../go/decimal.js";
import { parseGoDuration } from "../../go/time.js";
import type { ValidationContext } from "../../model/policy.js";
import { atRelease, type ByRelease } from "../../model/versions.js";
import { validateTargetRef } from "../target-ref.js";
import type { MeshCircuitBreakerConf, MeshCircuitBreakerSpec } from "./api.js";

const SECTION_NAME_OUTBOUND_ONLY = "can only be used with inbound policies";

// validator.go validateTo per release: kumahq/kuma@2.8.8 (Mesh, MeshService), 2.9.0 (MeshMultiZoneService; a
// MeshExternalService only under a Mesh top-level targetRef), v2.14.0 (MeshExternalService admitted, commit 6e68b1893c).
const TO_KINDS: ByRelease<{ readonly kinds: readonly string[]; readonly mesOnlyUnderMesh: boolean }> = [
  { since: "2.5.0", value: { kinds: ["Mesh", "MeshService"], mesOnlyUnderMesh: false } },
  { since: "2.9.0", value: { kinds: ["Mesh", "MeshService", "MeshMultiZoneService"], mesOnlyUnderMesh: true } },
  { since: "2.14.0", value: { kinds: ["Mesh", "MeshService", "MeshExternalService", "MeshMultiZoneService"], mesOnlyUnderMesh: false } },
];

const greaterThanZero = (v: number | undefined, path: string): Violation[] => (v !== undefined && v <= 0 ? [{ path, message: "must be greater than 0" }] : []);
const uintPercentage = (v: number | undefined, path: string): Violation[] => (v !== undefined && v > 100 ? [{ path, message: "must be in inclusive range [0, 100]" }] : []);

// kumahq/kuma@v2.14.3 pkg/core/validators ValidateDurationGreaterThanZero
function durationGreaterThanZero(v: string | undefined, path: string): Violation[] {
  if (v === undefined) return [];
  const d = parseGoDuration(v);
  if (!d.ok) return [{ path, message: d.message }];
  return d.nanos <= 0n ? [{ path, message: "must be greater than zero when defined" }] : [];
}

/** validators.ValidatePercentageOrNil: a decimal in [0.0, 100.0]. */
function percentage(v: number | string | undefined, path: string): Violation[] {
  if (v === undefined) return [];
  const d = decimalOf(v);
  if (!d) return [{ path, message: "string must be a valid number" }];
  return decimalSign(d) < 0 || compareDecimalInt(d, 100) > 0 ? [{ path, message: "must be in inclusive range [0.0, 100.0]" }] : [];
}

/** validator.go validateDefault with validateConnectionLimits, validateOutlierDetection and the detectors. */
function validateDefault(conf: MeshCircuitBreakerConf | undefined, path: string): Violation[] {
  const c = conf ?? {};
  if (c.connectionLimits === undefined && c.outlierDetection === undefined) return [{ path, message: "at least one of: 'connectionLimits' or 'outlierDetection' should be configured" }];
  const out: Violation[] = [];
  const l = c.connectionLimits;
  if (l) {
    const lp = joinPath(path, "connectionLimits");
    for (const k of ["maxConnections", "maxConnectionPools", "maxPendingRequests", "maxRetries", "maxRequests"] as const) out.push(...greaterThanZero(l[k], joinPath(lp, k)));
  }
  const o = c.outlierDetection;
  if (o) {
    const op = joinPath(path, "outlierDetection");
    out.push(...durationGreaterThanZero(o.interval, joinPath(op, "interval")));
    out.push(...durationGreaterThanZero(o.baseEjectionTime, joinPath(op, "baseEjectionTime")));
    out.push(...uintPercentage(o.maxEjectionPercent, joinPath(op, "maxEjectionPercent")));
    out.push(...percentage(o.healthyPanicThreshold, joinPath(op, "healthyPanicThreshold")));
    const dp = joinPath(op, "detectors");
    const d = o.detectors;
    if (!d) out.push({ path: dp, message: "must be defined" });
    else if (!d.failurePercentage && !d.gatewayFailures && !d.localOriginFailures && !d.totalFailures && !d.successRate)
      out.push({ path: dp, message: "must have at least one defined: totalFailures, gatewayFailures, localOriginFailures, successRate, failurePercentage" });
    else {
      out.push(...greaterThanZero(d.totalFailures?.consecutive, joinPath(dp, "totalFailures", "consecutive")));
      out.push(...greaterThanZero(d.gatewayFailures?.consecutive, joinPath(dp, "gatewayFailures", "consecutive")));
      out.push(...greaterThanZero(d.localOriginFailures?.consecutive, joinPath(dp, "localOriginFailures", "consecutive")));
      if (d.successRate) {
        const sp = joinPath(dp, "successRate");
        out.push(...greaterThanZero(d.successRate.minimumHosts, joinPath(sp, "minimumHosts")));
        out.push(...greaterThanZero(d.successRate.requestVolume, joinPath(sp, "requestVolume")));
        const f = d.successRate.standardDeviationFactor;
        if (f !== undefined) {
          const dec = decimalOf(f);
          if (!dec) out.push({ path: joinPath(sp, "standardDeviationFactor"), message: "invalid number" });
          else if (decimalSign(dec) <= 0) out.push({ path: joinPath(sp, "standardDeviationFactor"), message: "must be greater than 0" });
        }
      }
      if (d.failurePercentage) {
        const fp = joinPath(dp, "failurePercentage");
        out.push(...greaterThanZero(d.failurePercentage.minimumHosts, joinPath(fp, "minimumHosts")));
        out.push(...greaterThanZero(d.failurePercentage.requestVolume, joinPath(fp, "requestVolume")));
        out.push(...uintPercentage(d.failurePercentage.threshold, joinPath(fp, "threshold")));
      }
    }
  }
  return out;
}

// kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/validator.go (r *MeshCircuitBreakerResource) validate
export function validateMeshCircuitBreaker(spec: MeshCircuitBreakerSpec, ctx: ValidationContext): Violation[] {
  const f = ctx.features;
  const from = spec.from ?? [];
  const to = spec.to ?? [];
  const rules = spec.rules ?? [];
  const inbound = rules.length > 0 || from.length > 0;
  const out = validateTargetRef(spec.targetRef, ctx.targetKinds, joinPath(ctx.path, "targetRef")).filter((v) => !(inbound && v.message === SECTION_NAME_OUTBOUND_ONLY));
  if (!f.timeoutCircuitBreakerRulesApi) {
    if (rules.length > 0) out.push({ path: joinPath(ctx.path, "rules"), message: `field 'rules' does not exist in Kuma ${f.minor} (added in 2.10.0)` });
    if (to.length === 0 && from.length === 0) out.push({ path: ctx.path, message: "at least one of 'from', 'to' has to be defined" });
  } else if (!f.policyFromField) {
    // kumahq/kuma@348b6528bc validator.go validate: `from` is gone (the snapshot drops it, with a warning).
    if (rules.length === 0 && to.length === 0) out.push({ path: ctx.path, message: "at least one of 'to' or 'rules' has to be defined" });
  } else {
    if (rules.length === 0 && to.length === 0 && from.length === 0) out.push({ path: ctx.path, message: "at least one of 'from', 'to' or 'rules' has to be defined" });
    if (rules.length > 0 && (to.length > 0 || from.length > 0)) out.push({ path: ctx.path, message: "fields 'to' and 'from' must be empty when 'rules' is defined" });
  }
  // validateRules roots its paths at `from` (kumahq/kuma@v2.14.3 validator.go: validators.RootedAt("from").Index(idx)).
  rules.forEach((r, i) => out.push(...validateDefault(r.default, joinPath(ctx.path, "from", i, "default"))));
  from.forEach((e, i) => {
    const at = joinPath(ctx.path, "from", i);
    out.push(...validateTargetRef(e.targetRef, ["Mesh"], joinPath(at, "targetRef")));
    out.push(...validateDefault(e.default, joinPath(at, "default")));
  });
  const toKinds = atRelease(TO_KINDS, f.release);
  const topKind = spec.targetRef?.kind ?? "Mesh";
  to.forEach((e, i) => {
    const at = joinPath(ctx.path, "to", i);
    out.push(...validateTargetRef(e.targetRef, toKinds.kinds, joinPath(at, "targetRef")));
    if (toKinds.mesOnlyUnderMesh && e.targetRef.kind === "MeshExternalService" && topKind !== "Mesh")
      out.push({ path: joinPath(at, "targetRef.kind"), message: "kind MeshExternalService is only allowed with targetRef.kind: Mesh as it is configured on the Zone Egress and shared by all clients in the mesh" });
    out.push(...validateDefault(e.default, joinPath(at, "default")));
  });
  return out;
}
