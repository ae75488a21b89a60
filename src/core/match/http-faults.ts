/**
 * What the HTTP fault and local rate-limit filters of an HTTP connection manager do to one request (Kuma's legacy
 * FaultInjection and RateLimit write them): each `envoy.filters.http.fault` whose `headers` all hold delays and/or
 * aborts a percentage of requests (envoy `source/extensions/filters/http/fault/fault_filter.cc` @ v1.38.2: the
 * delay first, then the abort, each drawn independently per request); the chosen route's per-filter
 * `envoy.filters.http.local_ratelimit` token bucket rejects requests once it is empty (envoy
 * `source/extensions/filters/http/local_ratelimit/local_ratelimit.cc` @ v1.38.2, status 429 unless `status` is set).
 * The per-filter config replaces the filter's own, which Kuma leaves without a bucket (no limit on other routes).
 */
import { percentOf } from "../generate/legacy-http.js";
import { isJsonObject, type JsonObject } from "../json.js";
import { INBOUND_FILTER } from "../xds/names.js";
import { writerOf, type WriteIndex } from "../xds/provenance.js";
import type { FaultLimit, Limit, Limits, RateLimitLimit } from "./limits.js";
import { selectRoute } from "./http-route.js";
import { statusNumber } from "../policies/ratelimit/plugin.js";

const objects = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

/** Whether every header matcher of a fault filter holds (Envoy matches them like a route's). */
function faultHeadersHold(cfg: JsonObject, headers: Readonly<Record<string, string>>): boolean {
  const probe = { routes: [{ match: { prefix: "/", headers: cfg["headers"] ?? [] } }] } as unknown as JsonObject;
  const r = selectRoute(probe, "/", headers);
  return r !== undefined && !("error" in r);
}

function faultOf(cfg: JsonObject): FaultLimit {
  const delay = isJsonObject(cfg["delay"]) ? cfg["delay"] : undefined;
  const abort = isJsonObject(cfg["abort"]) ? cfg["abort"] : undefined;
  const rrl = isJsonObject(cfg["responseRateLimit"]) ? cfg["responseRateLimit"] : undefined;
  const fixed = rrl && isJsonObject(rrl["fixedLimit"]) ? rrl["fixedLimit"] : undefined;
  return {
    ...(delay && typeof delay["fixedDelay"] === "string" ? { delay: { fixedDelay: delay["fixedDelay"], percent: percentOf(delay["percentage"]) } } : {}),
    ...(abort && typeof abort["httpStatus"] === "number" ? { abort: { httpStatus: abort["httpStatus"], percent: percentOf(abort["percentage"]) } } : {}),
    ...(fixed ? { responseBandwidth: { kbps: Number(fixed["limitKbps"] ?? 0), percent: percentOf(rrl!["percentage"]) } } : {}),
  };
}

/**
 * The faults and the rate limit one request gets from the HTTP connection manager at `hcmPointer` of listener
 * `listenerName` and the route it chose (at `routePointer`), with their sources from the write index.
 */
export function legacyHttpLimits(
  listenerName: string,
  hcm: JsonObject,
  hcmPointer: string,
  route: JsonObject,
  routePointer: string,
  headers: Readonly<Record<string, string>>,
  writes: WriteIndex,
): Pick<Limits, "faults" | "rateLimit"> {
  const key = `listener/${listenerName}`;
  const faults: Limit<FaultLimit>[] = [];
  objects(hcm["httpFilters"]).forEach((f, i) => {
    if (f["name"] !== INBOUND_FILTER.fault || !isJsonObject(f["typedConfig"])) return;
    if (!faultHeadersHold(f["typedConfig"], headers)) return;
    faults.push({ value: faultOf(f["typedConfig"]), source: writerOf(writes, key, `${hcmPointer}/typedConfig/httpFilters/${i}`) ?? "kuma" });
  });
  const hasRlFilter = objects(hcm["httpFilters"]).some((f) => f["name"] === INBOUND_FILTER.localRateLimit);
  const pf = isJsonObject(route["typedPerFilterConfig"]) ? route["typedPerFilterConfig"] : undefined;
  const perRoute = pf?.[INBOUND_FILTER.localRateLimit];
  const rl = hasRlFilter && isJsonObject(perRoute) ? perRoute : undefined;
  const bucket = rl && isJsonObject(rl["tokenBucket"]) ? rl["tokenBucket"] : undefined;
  let rateLimit: Limit<RateLimitLimit> | undefined;
  if (rl && bucket) {
    const code = isJsonObject(rl["status"]) ? rl["status"]["code"] : undefined;
    const status = code === undefined ? 429 : (statusNumber(code) ?? 0);
    rateLimit = {
      value: { requests: Number(bucket["maxTokens"] ?? 0), interval: String(bucket["fillInterval"] ?? ""), status },
      source: writerOf(writes, key, routePointer) ?? "kuma",
    };
  }
  return { ...(faults.length > 0 ? { faults } : {}), ...(rateLimit ? { rateLimit } : {}) };
}
