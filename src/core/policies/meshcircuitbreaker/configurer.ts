/**
 * What MeshCircuitBreaker writes into a cluster (kuma `pkg/plugins/policies/meshcircuitbreaker/plugin/xds/
 * configurer.go` @ v2.14.3 and its 2.5.0 … 3.0 forms as the version table says): the DEFAULT circuit-breaker
 * threshold from `connectionLimits`, the outlier detection from `outlierDetection`, and from 2.10.0 the healthy panic
 * threshold. Every field set from a policy is recorded as a write of the entry that set it.
 */
import { decimalOf, decimalToFloat, scaledIntPart } from "../../go/decimal.js";
import { cloneJson, isJsonObject, type Json, type JsonObject, type MutableJsonObject } from "../../json.js";
import type { VersionFeatures } from "../../model/versions.js";
import { protoDuration, sourceOf, type FieldWrite, type MergedConf } from "../conf-merge.js";

type Mut = MutableJsonObject;

// kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/plugin/xds/configurer.go (threshold.Priority == envoy_core.RoutingPriority_DEFAULT)
function isDefaultPriority(t: JsonObject): boolean {
  return t["priority"] === undefined || t["priority"] === "DEFAULT";
}

/**
 * ensureDefaultThreshold (v2.14.0): the first DEFAULT-priority threshold, appended when there is none; returns its
 * index. Mutates `cluster`.
 */
function ensureDefaultThreshold(cluster: Mut): number {
  const cb = isJsonObject(cluster["circuitBreakers"]) ? (cluster["circuitBreakers"] as Mut) : {};
  const thresholds = Array.isArray(cb["thresholds"]) ? (cb["thresholds"] as Mut[]) : [];
  let i = thresholds.findIndex(isDefaultPriority);
  if (i < 0) {
    thresholds.push({});
    i = thresholds.length - 1;
  }
  cb["thresholds"] = thresholds;
  cluster["circuitBreakers"] = cb;
  return i;
}

/** EnsureTrackRemaining (v2.14.0): the DEFAULT threshold tracks remaining resources; one is added when there is none. */
export function ensureTrackRemaining(cluster: JsonObject): JsonObject {
  const value = cloneJson(cluster) as Mut;
  const i = ensureDefaultThreshold(value);
  ((value["circuitBreakers"] as Mut)["thresholds"] as Mut[])[i]!["trackRemaining"] = true;
  return value;
}

const LIMITS = ["maxConnectionPools", "maxConnections", "maxPendingRequests", "maxRetries", "maxRequests"] as const;

const get = (o: Json | undefined, ...keys: string[]): Json | undefined => {
  let v: Json | undefined = o;
  for (const k of keys) v = isJsonObject(v) ? v[k] : undefined;
  return v;
};

/**
 * configureCircuitBreakers: before v2.14.0 a cluster gets `circuitBreakers` replaced by one DEFAULT threshold with the
 * limits set (trackRemaining from 2.10.0) when `connectionLimits` is set; from v2.14.0 the limits go into the existing
 * DEFAULT threshold, which always tracks remaining.
 */
function configureCircuitBreakers(cluster: Mut, merged: MergedConf, f: VersionFeatures, writes: FieldWrite[]): void {
  const limits = get(merged.conf, "connectionLimits");
  let threshold: Mut;
  let index: number;
  if (f.trackRemainingOnEveryCluster) {
    index = ensureDefaultThreshold(cluster);
    threshold = ((cluster["circuitBreakers"] as Mut)["thresholds"] as Mut[])[index]!;
    threshold["trackRemaining"] = true;
    if (!isJsonObject(limits)) return;
  } else {
    if (!isJsonObject(limits)) return;
    threshold = f.mcbTrackRemainingAndPanicThreshold ? { trackRemaining: true } : {};
    index = 0;
    cluster["circuitBreakers"] = { thresholds: [threshold] };
  }
  for (const k of LIMITS) {
    const v = limits[k];
    if (typeof v !== "number") continue;
    threshold[k] = v;
    const s = sourceOf(merged, `/connectionLimits/${k}`);
    if (s) writes.push({ pointer: `/circuitBreakers/thresholds/${index}/${k}`, source: s });
  }
}

/** A detector with a consecutive count (total, local-origin, gateway failures): enforcing 100 and the count, else enforcing 0. */
function consecutiveDetector(od: Mut, detector: Json | undefined, enforcing: string, count: string, f: VersionFeatures): void {
  const consecutive = get(detector, "consecutive");
  // 2.5: only a missing detector enforces 0; a detector without `consecutive` dereferences nil in Kuma (left unset here).
  if (detector === undefined || (f.mcbDetectorDefaults && typeof consecutive !== "number")) {
    od[enforcing] = 0;
    return;
  }
  od[enforcing] = 100;
  if (typeof consecutive === "number") od[count] = consecutive;
}

/** configureDetectors: each detector, or the enforcing 0 its absence means. */
function configureDetectors(od: Mut, detectors: Json | undefined, f: VersionFeatures): void {
  if (!isJsonObject(detectors)) {
    // 2.6.0 on (36199f484a): no detectors block still disables the three consecutive detectors.
    if (f.mcbDetectorDefaults) {
      od["enforcingConsecutive5xx"] = 0;
      od["enforcingConsecutiveLocalOriginFailure"] = 0;
      od["enforcingConsecutiveGatewayFailure"] = 0;
    }
    return;
  }
  consecutiveDetector(od, detectors["totalFailures"], "enforcingConsecutive5xx", "consecutive5xx", f);
  consecutiveDetector(od, detectors["localOriginFailures"], "enforcingConsecutiveLocalOriginFailure", "consecutiveLocalOriginFailure", f);
  consecutiveDetector(od, detectors["gatewayFailures"], "enforcingConsecutiveGatewayFailure", "consecutiveGatewayFailure", f);
  const sr = detectors["successRate"];
  if (!isJsonObject(sr)) {
    od["enforcingSuccessRate"] = 0;
    od["enforcingLocalOriginSuccessRate"] = 0;
  } else {
    od["enforcingSuccessRate"] = 100;
    od["enforcingLocalOriginSuccessRate"] = 100;
    if (typeof sr["minimumHosts"] === "number") od["successRateMinimumHosts"] = sr["minimumHosts"];
    if (typeof sr["requestVolume"] === "number") od["successRateRequestVolume"] = sr["requestVolume"];
    const factor = sr["standardDeviationFactor"];
    const dec = typeof factor === "number" || typeof factor === "string" ? decimalOf(factor) : undefined;
    // successRateStdevFactor = factor × 1000, its integer part (decimal.Mul(1000).IntPart()).
    if (dec) od["successRateStdevFactor"] = Number(scaledIntPart(dec, 3));
  }
  const fp = detectors["failurePercentage"];
  if (!isJsonObject(fp)) {
    od["enforcingFailurePercentage"] = 0;
    od["enforcingFailurePercentageLocalOrigin"] = 0;
  } else {
    od["enforcingFailurePercentage"] = 100;
    od["enforcingFailurePercentageLocalOrigin"] = 100;
    if (typeof fp["minimumHosts"] === "number") od["failurePercentageMinimumHosts"] = fp["minimumHosts"];
    if (typeof fp["requestVolume"] === "number") od["failurePercentageRequestVolume"] = fp["requestVolume"];
    if (typeof fp["threshold"] === "number") od["failurePercentageThreshold"] = fp["threshold"];
  }
}

/** configureOutlierDetection: unless absent or disabled, a fresh OutlierDetection; the healthy panic threshold from 2.10.0. */
function configureOutlierDetection(cluster: Mut, merged: MergedConf, f: VersionFeatures, writes: FieldWrite[]): void {
  const conf = get(merged.conf, "outlierDetection");
  if (!isJsonObject(conf) || conf["disabled"] === true) return;
  const od: Mut = {};
  if (typeof conf["interval"] === "string") od["interval"] = protoDuration(conf["interval"]);
  if (typeof conf["baseEjectionTime"] === "string") od["baseEjectionTime"] = protoDuration(conf["baseEjectionTime"]);
  if (typeof conf["splitExternalAndLocalErrors"] === "boolean") od["splitExternalLocalOriginErrors"] = conf["splitExternalAndLocalErrors"];
  if (typeof conf["maxEjectionPercent"] === "number") od["maxEjectionPercent"] = conf["maxEjectionPercent"];
  configureDetectors(od, conf["detectors"], f);
  cluster["outlierDetection"] = od;
  const s = sourceOf(merged, "/outlierDetection/detectors") ?? [...merged.sources.entries()].find(([k]) => k.startsWith("/outlierDetection/"))?.[1];
  if (s) writes.push({ pointer: "/outlierDetection", source: s });
  const panic = conf["healthyPanicThreshold"];
  if (f.mcbTrackRemainingAndPanicThreshold && (typeof panic === "number" || typeof panic === "string")) {
    const dec = decimalOf(panic);
    if (dec) {
      const lb = isJsonObject(cluster["commonLbConfig"]) ? (cluster["commonLbConfig"] as Mut) : {};
      lb["healthyPanicThreshold"] = { value: decimalToFloat(dec) };
      cluster["commonLbConfig"] = lb;
      const ps = sourceOf(merged, "/outlierDetection/healthyPanicThreshold");
      if (ps) writes.push({ pointer: "/commonLbConfig/healthyPanicThreshold", source: ps });
    }
  }
}

/** Configurer.ConfigureCluster: circuit breakers, then outlier detection. */
export function configureCluster(cluster: JsonObject, merged: MergedConf, f: VersionFeatures): { value: JsonObject; writes: FieldWrite[] } {
  const value = cloneJson(cluster) as Mut;
  const writes: FieldWrite[] = [];
  configureCircuitBreakers(value, merged, f, writes);
  configureOutlierDetection(value, merged, f, writes);
  return { value, writes };
}
