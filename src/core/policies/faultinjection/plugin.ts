/**
 * What the legacy FaultInjection does to a proxy (kuma `pkg/xds/generator/inbound_proxy_generator.go`
 * FilterChainBuilder and `pkg/xds/envoy/listeners/v3/fault_injection_configurer.go` @ v2.14.3, the same at every
 * supported tag): for each HTTP, HTTP2 or gRPC inbound, every FaultInjection whose destination selects the inbound's
 * tags (SelectInboundConnectionAllPolicies: most specific first source first) becomes one `envoy.filters.http.fault`
 * before the router, in every filter chain; its sources become a regex on the `x-kuma-tags` header the client's
 * sidecar sends. Kuma applies it inside InboundProxyGenerator, so meshsim runs it before every plugin.
 */
import { convertPercentage, insertHttpFiltersBeforeRouter, kumaTagsHeaderMatcher } from "../../generate/legacy-http.js";
import { formatProtoDuration } from "../../go/jsonpb.js";
import { parseGoDuration } from "../../go/time.js";
import { isJsonObject, type JsonObject } from "../../json.js";
import { INBOUND_FILTER, INBOUND_TYPE_URL, ORIGIN } from "../../xds/names.js";
import type { Write } from "../../xds/provenance.js";
import { addResource, findResource, type ResourceSet } from "../../xds/resource-set.js";
import { connectionPolicy, legacyHttpInbounds } from "../legacy.js";
import type { PluginContext, PluginOutput, PolicyPlugin } from "../types.js";
import { hasFault, type FaultInjectionSpec } from "./api.js";

/** The provenance source of what a legacy policy wrote: `<Kind>/<name>`. */
export const faultSource = (name: string) => `FaultInjection/${name}`;

/** kuma `pkg/xds/envoy/listeners/v3/util.go` ConvertBandwidthToKbps @ v2.14.3; an error text where Kuma fails. */
export function bandwidthToKbps(limit: string): { kbps: number } | { error: string } {
  const m = /^(\d*)\s?([GMk]+bps)$/.exec(limit);
  // FindStringSubmatch returns nil and Kuma indexes it: the generator panics.
  if (!m) return { error: `ConvertBandwidthToKbps("${limit}") indexes a nil regexp match (BandwidthRegex ^(\\d*)\\s?([GMk]+bps)$ does not match; the validator admits lowercase mbps/gbps): the generator panics` };
  if (m[1] === "") return { error: `strconv.Atoi: parsing "": invalid syntax` };
  const factor = m[2] === "kbps" ? 1 : m[2] === "Mbps" ? 1000 : m[2] === "Gbps" ? 1_000_000 : undefined;
  if (factor === undefined) return { error: "unsupported unit type" };
  return { kbps: factor * Number(m[1]) };
}

/** The HTTPFault config of one FaultInjection (FaultInjectionConfigurer.Configure). */
export function faultFilter(spec: FaultInjectionSpec, sources: readonly Readonly<Record<string, string>>[]): { filter: JsonObject } | { error: string } {
  const conf = spec.conf ?? {};
  const cfg: Record<string, unknown> = { "@type": INBOUND_TYPE_URL.fault };
  // convertDelay / convertAbort: set whenever the message is present (an empty one is rejected by the validator
  // unless another fault is set; meshsim then leaves it out).
  if (conf.delay && hasFault(conf.delay)) {
    const d = parseGoDuration(conf.delay.value ?? "");
    cfg["delay"] = { ...(d.ok ? { fixedDelay: formatProtoDuration(d.nanos) } : {}), percentage: convertPercentage(conf.delay.percentage ?? 0) };
  }
  if (conf.abort && hasFault(conf.abort)) cfg["abort"] = { ...(conf.abort.httpStatus ? { httpStatus: conf.abort.httpStatus } : {}), percentage: convertPercentage(conf.abort.percentage ?? 0) };
  cfg["headers"] = [kumaTagsHeaderMatcher(sources)];
  if (conf.responseBandwidth && hasFault(conf.responseBandwidth)) {
    const k = bandwidthToKbps(conf.responseBandwidth.limit ?? "");
    if ("error" in k) return k;
    // uint64 is a JSON string in protojson.
    cfg["responseRateLimit"] = { fixedLimit: { limitKbps: String(k.kbps) }, percentage: convertPercentage(conf.responseBandwidth.percentage ?? 0) };
  }
  return { filter: { name: INBOUND_FILTER.fault, typedConfig: cfg as JsonObject } };
}

/** Pointers of every HTTP filter named `name` in the listener (for provenance). */
function filterPointers(listener: JsonObject, name: string): string[] {
  const out: string[] = [];
  const chains = Array.isArray(listener["filterChains"]) ? listener["filterChains"] : [];
  chains.forEach((c, ci) => {
    const filters = isJsonObject(c) && Array.isArray(c["filters"]) ? c["filters"] : [];
    filters.forEach((f, fi) => {
      const tc = isJsonObject(f) && isJsonObject(f["typedConfig"]) ? f["typedConfig"] : undefined;
      const hf = tc && Array.isArray(tc["httpFilters"]) ? tc["httpFilters"] : [];
      hf.forEach((h, hi) => {
        if (isJsonObject(h) && h["name"] === name) out.push(`/filterChains/${ci}/filters/${fi}/typedConfig/httpFilters/${hi}`);
      });
    });
  });
  return out;
}

export const faultInjectionPlugin: PolicyPlugin = {
  apply(resources: ResourceSet, ctx: PluginContext): PluginOutput {
    const models = ctx.policies.map((p) => connectionPolicy(p.envelope, p.spec as FaultInjectionSpec));
    let rs = resources;
    const trace: string[] = [];
    const writes: Write[] = [];
    for (const { iface, matched } of legacyHttpInbounds(ctx.dataplane, models)) {
      const existing = findResource(rs, "listener", iface.listenerName);
      if (!existing || existing.origin !== ORIGIN.inbound) continue;
      const filters: JsonObject[] = [];
      for (const m of matched) {
        const f = faultFilter(m.spec, m.sources);
        if ("error" in f) {
          return { resources: rs, warnings: [], trace: [...trace, `FaultInjection "${m.name}": ${f.error}`], configError: { plugin: "FaultInjection", policy: m.name, message: `FaultInjection "${m.name}" on ${iface.listenerName}: ${f.error}` } };
        }
        filters.push(f.filter);
      }
      const value = insertHttpFiltersBeforeRouter(existing.value, filters);
      rs = addResource(rs, { ...existing, value });
      // Each chain holds the filters in the matched order, after any fault filter already there.
      const pointers = filterPointers(value, INBOUND_FILTER.fault);
      const chains = Array.isArray(value["filterChains"]) ? value["filterChains"].length : 0;
      for (let c = 0; c < chains; c++) {
        const inChain = pointers.filter((p) => p.startsWith(`/filterChains/${c}/`));
        matched.forEach((m, i) => {
          const ptr = inChain[inChain.length - matched.length + i];
          if (ptr) writes.push({ resource: `listener/${iface.listenerName}`, pointer: ptr, source: faultSource(m.name), seq: 0 });
        });
      }
      trace.push(`FaultInjection (legacy, InboundProxyGenerator): ${iface.listenerName} gets ${matched.length} envoy.filters.http.fault before the router: ${matched.map((m) => `"${m.name}"`).join(", ")}`);
    }
    if (trace.length === 0) trace.push(`FaultInjection: no HTTP inbound of this dataplane is selected by ${models.map((m) => `"${m.name}"`).join(", ")}`);
    return { resources: rs, warnings: [], trace, writes };
  },
};
