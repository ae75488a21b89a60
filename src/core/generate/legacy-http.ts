/**
 * What the legacy FaultInjection and RateLimit policies add to the HTTP connection manager of an inbound listener
 * (kuma `pkg/xds/generator/inbound_proxy_generator.go` FilterChainBuilder and GenerateRoutes @ v2.14.3, the same
 * at v2.7.20, v2.9.13, v2.10.9, v2.11.8, v2.12.4 and v2.13.0): HTTP filters in the order `grpc_stats` (gRPC only),
 * one `envoy.filters.http.fault` per FaultInjection, one `envoy.filters.http.local_ratelimit`, then the router
 * (golden `inbound-proxy/7-envoy-config.golden.yaml` @ v2.14.3); and one route per RateLimit with an `http` conf,
 * matching its sources on the `x-kuma-tags` header, before the catch-all route.
 *
 * Pure: no I/O, inputs never mutated.
 */
import { isJsonObject, type JsonObject } from "../json.js";
import type { TagSelector } from "../model/legacy-select.js";
import { FILTER, KUMA_TAGS_HEADER } from "../xds/names.js";

/** Go's sort.Strings order (bytewise). */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** kuma `pkg/xds/envoy/tags/match.go` MatchingRegex @ v2.14.3: one selector as a regex over the serialised tags. */
export function matchingRegex(sel: TagSelector): string {
  let re = "";
  for (const key of Object.keys(sel).sort(byteOrder)) {
    const value = sel[key] === "*" ? "" : `[^&]*${sel[key]}[,&]`;
    re += `&${key}=${value.replaceAll(".", "\\.")}.*`;
  }
  return `.*${re}`;
}

/** kuma `pkg/xds/envoy/tags/match.go` RegexOR @ v2.14.3. */
export function regexOr(res: readonly string[]): string {
  if (res.length === 0) return "";
  if (res.length === 1) return res[0]!;
  return `(${res.join("|")})`;
}

/** kuma `pkg/xds/envoy/tags/match.go` MatchSourceRegex / fault_injection_configurer.go createHeaders: every source selector, OR-ed. */
export function sourcesRegex(sources: readonly TagSelector[]): string {
  return regexOr(sources.map(matchingRegex));
}

/** The `x-kuma-tags` header matcher Kuma puts on a fault filter or a rate-limit route. */
export function kumaTagsHeaderMatcher(sources: readonly TagSelector[]): JsonObject {
  return { name: KUMA_TAGS_HEADER, safeRegexMatch: { regex: sourcesRegex(sources) } };
}

/**
 * kuma `pkg/xds/envoy/tags/serialize.go` Serialize @ v2.14.3: the `x-kuma-tags` value a client sidecar sends,
 * `&key=v1,v2&` per tag in key order.
 */
export function serializeKumaTags(tags: Readonly<Record<string, readonly string[]>>): string {
  return Object.keys(tags)
    .sort(byteOrder)
    .map((k) => `&${k}=${[...tags[k]!].sort(byteOrder).join(",")}&`)
    .join("");
}

/**
 * Envoy's header matcher for `safe_regex_match` (RE2, the whole value must match); the regexes Kuma writes here use
 * only `.*`, `[^&]*`, `[,&]`, `\.`, `|` and groups, which JavaScript reads the same way.
 */
export function regexFullMatch(regex: string, value: string): boolean {
  return new RegExp(`^(?:${regex})$`).test(value);
}

const objects = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

/** Applies `fn` to the HTTP connection manager config of every filter chain of `listener` (a copy). */
function mapHcms(listener: JsonObject, fn: (hcm: JsonObject) => JsonObject): JsonObject {
  const chains = objects(listener["filterChains"]).map((chain) => ({
    ...chain,
    filters: objects(chain["filters"]).map((f) =>
      f["name"] === FILTER.httpConnectionManager && isJsonObject(f["typedConfig"]) ? { ...f, typedConfig: fn(f["typedConfig"]) } : f,
    ),
  }));
  return { ...listener, filterChains: chains };
}

/** Inserts `filters` just before the router of every HTTP connection manager of `listener` (Kuma keeps the router last). */
export function insertHttpFiltersBeforeRouter(listener: JsonObject, filters: readonly JsonObject[]): JsonObject {
  return mapHcms(listener, (hcm) => {
    const existing = objects(hcm["httpFilters"]);
    const at = existing.findIndex((f) => f["name"] === FILTER.router);
    const i = at < 0 ? existing.length : at;
    return { ...hcm, httpFilters: [...existing.slice(0, i), ...filters, ...existing.slice(i)] };
  });
}

/**
 * Inserts routes before the catch-all (last) route of every virtual host of the inline route configuration; each is
 * built from the catch-all route's action (the same cluster and timeout, as GenerateRoutes gives every route).
 */
export function insertRoutesBeforeCatchAll(listener: JsonObject, build: (catchAllAction: JsonObject) => readonly JsonObject[]): JsonObject {
  return mapHcms(listener, (hcm) => {
    const rc = hcm["routeConfig"];
    if (!isJsonObject(rc)) return hcm;
    const vhosts = objects(rc["virtualHosts"]).map((vh) => {
      const routes = objects(vh["routes"]);
      const last = routes[routes.length - 1];
      if (!last || !isJsonObject(last["route"])) return vh;
      return { ...vh, routes: [...routes.slice(0, -1), ...build(last["route"]), last] };
    });
    return { ...hcm, routeConfig: { ...rc, virtualHosts: vhosts } };
  });
}

/** The HTTP filters (router excluded) and routes of the first HTTP connection manager of `listener`, if any. */
export function legacyHttpOf(listener: JsonObject): { readonly httpFilters: readonly JsonObject[]; readonly routes: readonly JsonObject[] } | undefined {
  for (const chain of objects(listener["filterChains"]))
    for (const f of objects(chain["filters"])) {
      if (f["name"] !== FILTER.httpConnectionManager || !isJsonObject(f["typedConfig"])) continue;
      const hcm = f["typedConfig"];
      const rc = isJsonObject(hcm["routeConfig"]) ? hcm["routeConfig"] : {};
      return { httpFilters: objects(hcm["httpFilters"]), routes: objects(objects(rc["virtualHosts"])[0]?.["routes"]) };
    }
  return undefined;
}

/**
 * Gives a rebuilt inbound listener the HTTP filters and routes the generator's listener carried (MeshTLS rebuilds
 * inbound listeners with Kuma's FilterChainBuilder, which adds the legacy FaultInjection and RateLimit filters and
 * routes again; meshsim rebuilds without them, so it carries them over).
 */
export function keepLegacyHttp(rebuilt: JsonObject, previous: JsonObject): JsonObject {
  const old = legacyHttpOf(previous);
  if (!old) return rebuilt;
  return mapHcms(rebuilt, (hcm) => {
    const rc = isJsonObject(hcm["routeConfig"]) ? hcm["routeConfig"] : undefined;
    const vhosts = rc ? objects(rc["virtualHosts"]) : [];
    return {
      ...hcm,
      httpFilters: [...old.httpFilters],
      ...(rc && vhosts.length > 0 && old.routes.length > 0 ? { routeConfig: { ...rc, virtualHosts: [{ ...vhosts[0]!, routes: [...old.routes] }, ...vhosts.slice(1)] } } : {}),
    };
  });
}

/** An Envoy FractionalPercent as Kuma writes it; `denominator` absent means HUNDRED (the enum zero protojson omits). */
export interface FractionalPercent {
  readonly numerator?: number;
  readonly denominator?: "TEN_THOUSAND" | "MILLION";
}

/** kuma `pkg/xds/envoy/listeners/v3/util.go` ConvertPercentage @ v2.14.3 (the same at v2.7.20). */
export function convertPercentage(value: number): FractionalPercent {
  const num = (n: number): FractionalPercent => (n === 0 ? {} : { numerator: n });
  // uint32(f) truncates toward zero, as Math.trunc does for the values the validator admits ([0, 100]).
  if (Number.isInteger(value)) return num(Math.trunc(value));
  const hundredTimes = 100 * value;
  if (Number.isInteger(hundredTimes)) return { ...num(Math.trunc(hundredTimes)), denominator: "TEN_THOUSAND" };
  // math.Round rounds half away from zero; the values here are non-negative, where Math.round agrees.
  return { ...num(Math.round(10_000 * value)), denominator: "MILLION" };
}

/** The fraction a FractionalPercent stands for, in percent (for the answer). */
export function percentOf(p: unknown): number {
  const o = isJsonObject(p) ? p : {};
  const n = typeof o["numerator"] === "number" ? o["numerator"] : 0;
  const d = o["denominator"] === "TEN_THOUSAND" ? 10_000 : o["denominator"] === "MILLION" ? 1_000_000 : 100;
  return (n / d) * 100;
}
