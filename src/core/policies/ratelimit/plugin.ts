/**
 * What the legacy RateLimit does to a proxy (kuma `pkg/xds/generator/inbound_proxy_generator.go` FilterChainBuilder
 * and GenerateRoutes, `pkg/xds/envoy/listeners/v3/rate_limit_configurer.go`, `pkg/xds/envoy/routes/v3/ratelimit.go`
 * @ v2.14.3, the same at every supported tag): for each HTTP, HTTP2 or gRPC inbound selected by at least one
 * RateLimit (SelectInboundConnectionAllPolicies), one `envoy.filters.http.local_ratelimit` (statPrefix only) after
 * the fault filters and before the router; and, for each of those RateLimits with `conf.http`, in that order, a
 * route matching its sources on `x-kuma-tags` with the token bucket as the route's typed per-filter config, before
 * the catch-all route. Golden `inbound-proxy/7-envoy-config.golden.yaml` @ v2.14.3.
 *
 * Not modelled: RateLimit on outbound listeners (RateLimitsOutbound, OutboundProxyGenerator, which Kuma runs only
 * when the Mesh has TrafficRoutes, and only for ExternalServices without ZoneEgress) and on ZoneEgress.
 */
import { insertHttpFiltersBeforeRouter, insertRoutesBeforeCatchAll, kumaTagsHeaderMatcher } from "../../generate/legacy-http.js";
import { formatProtoDuration } from "../../go/jsonpb.js";
import { parseGoDuration } from "../../go/time.js";
import { isJsonObject, type JsonObject } from "../../json.js";
import { INBOUND_FILTER, INBOUND_TYPE_URL, ORIGIN } from "../../xds/names.js";
import type { Write } from "../../xds/provenance.js";
import { addResource, findResource, type ResourceSet } from "../../xds/resource-set.js";
import { connectionPolicy, legacyHttpInbounds } from "../legacy.js";
import type { PluginContext, PluginOutput, PolicyPlugin } from "../types.js";
import type { RateLimitHttp, RateLimitSpec } from "./api.js";

/** The provenance source of what a RateLimit wrote: `RateLimit/<name>`. */
export const rateLimitSource = (name: string) => `RateLimit/${name}`;

/** envoy `api/envoy/type/v3/http_status.proto` StatusCode names (protojson writes a name; other codes stay numbers). */
const ENVOY_STATUS: Readonly<Record<number, string>> = {
  100: "Continue", 200: "OK", 201: "Created", 202: "Accepted", 203: "NonAuthoritativeInformation", 204: "NoContent", 205: "ResetContent",
  206: "PartialContent", 207: "MultiStatus", 208: "AlreadyReported", 226: "IMUsed", 300: "MultipleChoices", 301: "MovedPermanently", 302: "Found",
  303: "SeeOther", 304: "NotModified", 305: "UseProxy", 307: "TemporaryRedirect", 308: "PermanentRedirect", 400: "BadRequest", 401: "Unauthorized",
  402: "PaymentRequired", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed", 406: "NotAcceptable", 407: "ProxyAuthenticationRequired",
  408: "RequestTimeout", 409: "Conflict", 410: "Gone", 411: "LengthRequired", 412: "PreconditionFailed", 413: "PayloadTooLarge", 414: "URITooLong",
  415: "UnsupportedMediaType", 416: "RangeNotSatisfiable", 417: "ExpectationFailed", 421: "MisdirectedRequest", 422: "UnprocessableEntity", 423: "Locked",
  424: "FailedDependency", 426: "UpgradeRequired", 428: "PreconditionRequired", 429: "TooManyRequests", 431: "RequestHeaderFieldsTooLarge",
  500: "InternalServerError", 501: "NotImplemented", 502: "BadGateway", 503: "ServiceUnavailable", 504: "GatewayTimeout", 505: "HTTPVersionNotSupported",
  506: "VariantAlsoNegotiates", 507: "InsufficientStorage", 508: "LoopDetected", 510: "NotExtended", 511: "NetworkAuthenticationRequired",
};

/** The status code as protojson writes Envoy's StatusCode enum. */
export function envoyStatusCode(code: number): string | number {
  return ENVOY_STATUS[code] ?? code;
}

/** The status code back from a config value (a name or a number). */
export function statusNumber(code: unknown): number | undefined {
  if (typeof code === "number") return code;
  const hit = Object.entries(ENVOY_STATUS).find(([, n]) => n === code);
  return hit ? Number(hit[0]) : undefined;
}

const RUNTIME_100 = (key: string): JsonObject => ({ defaultValue: { numerator: 100 }, runtimeKey: key });

/** kuma `pkg/xds/envoy/routes/v3/ratelimit.go` RateLimitConfigurationFromProto + NewRateLimitConfiguration @ v2.14.3. */
export function perRouteLocalRateLimit(http: RateLimitHttp): JsonObject {
  const d = parseGoDuration(http.interval ?? "0s");
  const requests = http.requests ?? 0;
  const on = http.onRateLimit;
  const headers = (on?.headers ?? []).map((h) => ({
    appendAction: h.append ? "APPEND_IF_EXISTS_OR_ADD" : "OVERWRITE_IF_EXISTS_OR_ADD",
    header: { key: h.key ?? "", value: h.value ?? "" },
  }));
  return {
    "@type": INBOUND_TYPE_URL.localRateLimit,
    filterEnabled: RUNTIME_100("local_rate_limit_enabled"),
    filterEnforced: RUNTIME_100("local_rate_limit_enforced"),
    ...(headers.length > 0 ? { responseHeadersToAdd: headers } : {}),
    statPrefix: "rate_limit",
    ...(on?.status ? { status: { code: envoyStatusCode(on.status) } } : {}),
    tokenBucket: { fillInterval: formatProtoDuration(d.ok ? d.nanos : 0n), ...(requests ? { maxTokens: requests, tokensPerFill: requests } : { tokensPerFill: 0 }) },
  } as JsonObject;
}

/** Pointers of the routes whose per-filter config carries the local rate limit (for provenance), in route order. */
function rateLimitRoutePointers(listener: JsonObject): string[] {
  const out: string[] = [];
  const arr = (v: unknown) => (Array.isArray(v) ? v : []);
  arr(listener["filterChains"]).forEach((c, ci) =>
    arr(isJsonObject(c) ? c["filters"] : undefined).forEach((f, fi) => {
      const tc = isJsonObject(f) && isJsonObject(f["typedConfig"]) ? f["typedConfig"] : undefined;
      const rc = tc && isJsonObject(tc["routeConfig"]) ? tc["routeConfig"] : undefined;
      arr(rc?.["virtualHosts"]).forEach((vh, vi) =>
        arr(isJsonObject(vh) ? vh["routes"] : undefined).forEach((r, ri) => {
          const pf = isJsonObject(r) && isJsonObject(r["typedPerFilterConfig"]) ? r["typedPerFilterConfig"] : undefined;
          if (pf && pf[INBOUND_FILTER.localRateLimit]) out.push(`/filterChains/${ci}/filters/${fi}/typedConfig/routeConfig/virtualHosts/${vi}/routes/${ri}`);
        }),
      );
    }),
  );
  return out;
}

export const rateLimitPlugin: PolicyPlugin = {
  apply(resources: ResourceSet, ctx: PluginContext): PluginOutput {
    const models = ctx.policies.map((p) => connectionPolicy(p.envelope, p.spec as RateLimitSpec));
    let rs = resources;
    const trace: string[] = [];
    const writes: Write[] = [];
    for (const { iface, matched } of legacyHttpInbounds(ctx.dataplane, models)) {
      const existing = findResource(rs, "listener", iface.listenerName);
      if (!existing || existing.origin !== ORIGIN.inbound) continue;
      const withHttp = matched.filter((m) => m.spec.conf?.http !== undefined);
      let value = insertHttpFiltersBeforeRouter(existing.value, [{ name: INBOUND_FILTER.localRateLimit, typedConfig: { "@type": INBOUND_TYPE_URL.localRateLimit, statPrefix: "rate_limit" } }]);
      value = insertRoutesBeforeCatchAll(value, (action) =>
        withHttp.map((m) => ({
          match: { headers: [kumaTagsHeaderMatcher(m.sources)], prefix: "/" },
          route: { ...action },
          typedPerFilterConfig: { [INBOUND_FILTER.localRateLimit]: perRouteLocalRateLimit(m.spec.conf!.http!) },
        })),
      );
      rs = addResource(rs, { ...existing, value });
      // Each virtual host got the routes in `withHttp` order; each names its policy.
      const ptrs = rateLimitRoutePointers(value);
      const perVhost = new Map<string, string[]>();
      for (const p of ptrs) {
        const vh = p.slice(0, p.lastIndexOf("/routes/"));
        (perVhost.get(vh) ?? perVhost.set(vh, []).get(vh)!).push(p);
      }
      for (const list of perVhost.values())
        withHttp.forEach((m, i) => {
          const ptr = list[list.length - withHttp.length + i];
          if (ptr) writes.push({ resource: `listener/${iface.listenerName}`, pointer: ptr, source: rateLimitSource(m.name), seq: 0 });
        });
      trace.push(
        `RateLimit (legacy, InboundProxyGenerator): ${iface.listenerName} gets envoy.filters.http.local_ratelimit before the router${withHttp.length > 0 ? ` and ${withHttp.length} rate-limited route(s) on x-kuma-tags before the catch-all: ${withHttp.map((m) => `"${m.name}"`).join(", ")}` : " (no RateLimit with conf.http: no route)"}`,
      );
    }
    if (trace.length === 0) trace.push(`RateLimit: no HTTP inbound of this dataplane is selected by ${models.map((m) => `"${m.name}"`).join(", ")}`);
    return { resources: rs, warnings: [], trace, writes };
  },
};
