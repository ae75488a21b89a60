/**
 * Shapes Kuma generates without complaint but Envoy rejects (NACK), so Envoy keeps the listener it had
 * before. Kuma's `plugin/xds/*.go` @ v2.14.3 never compares two chains' matches. Envoy checks (envoy
 * `source/common/listener_manager/filter_chain_manager_impl.cc`: "multiple filter chains with the same matching
 * rules are defined"; `source/common/router/config_impl.cc`: "Only unique values for domains are permitted"):
 * two filter chains may not have the same matching rules, and one route configuration may not list a
 * virtual-host domain twice.
 */
import { parseIp } from "../../net/ip.js";
import type { Warning } from "../../warnings.js";
import { isJsonObject, type JsonObject } from "../../json.js";
import type { ResourceSet } from "../../xds/resource-set.js";

const NACK_TAIL =
  "Envoy rejects the whole listener update (NACK) and keeps the listener it had before, which meshsim cannot know; Kuma keeps sending the rejected config. meshsim matches the connection against the config as generated.";

/** Envoy compares prefix ranges as networks: `1.2.3.4` (IP) and `1.2.3.4/32`, or `10.0.0.1/24` and `10.0.0.2/24`, are the same. */
function rangeKey(r: JsonObject): string {
  const ip = typeof r["addressPrefix"] === "string" ? parseIp(r["addressPrefix"]) : undefined;
  const len = typeof r["prefixLen"] === "number" ? r["prefixLen"] : 0;
  if (!ip) return `?${String(r["addressPrefix"])}/${len}`;
  const width = ip.family === "ipv4" ? 32 : 128;
  const shift = BigInt(width - Math.min(len, width));
  return `${ip.family}:${((ip.value >> shift) << shift).toString(16)}/${len}`;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** The matching rules of a chain as Envoy compares them. */
function matchKey(chain: JsonObject): string {
  const m = isJsonObject(chain["filterChainMatch"]) ? chain["filterChainMatch"] : {};
  const ranges = Array.isArray(m["prefixRanges"]) ? (m["prefixRanges"] as JsonObject[]).map(rangeKey).sort() : [];
  return JSON.stringify([
    m["destinationPort"] ?? 0,
    ranges,
    strings(m["serverNames"]).sort(),
    m["transportProtocol"] ?? "",
    strings(m["applicationProtocols"]).sort(),
  ]);
}

const chainName = (c: JsonObject, i: number) => (typeof c["name"] === "string" ? c["name"] : `#${i}`);

/** Duplicate filter-chain matches and duplicate virtual-host domains on the given listeners. */
export function nackWarnings(resources: ResourceSet, listenerNames: readonly string[]): Warning[] {
  const out: Warning[] = [];
  for (const name of listenerNames) {
    const listener = resources.find((r) => r.type === "listener" && r.name === name);
    if (!listener) continue;
    const chains = Array.isArray(listener.value["filterChains"]) ? (listener.value["filterChains"] as JsonObject[]) : [];
    const byKey = new Map<string, string[]>();
    chains.forEach((c, i) => {
      const k = matchKey(c);
      byKey.set(k, [...(byKey.get(k) ?? []), chainName(c, i)]);
    });
    for (const dup of byKey.values()) {
      if (dup.length < 2) continue;
      out.push({
        code: "envoy-nack",
        message: `listener ${name}: filter chains ${dup.join(", ")} have the same filterChainMatch (Envoy: "multiple filter chains with the same matching rules are defined"). ${NACK_TAIL}`,
      });
    }
    chains.forEach((c) => {
      const filters = Array.isArray(c["filters"]) ? (c["filters"] as JsonObject[]) : [];
      for (const f of filters) {
        const rc = isJsonObject(f["typedConfig"]) && isJsonObject(f["typedConfig"]["routeConfig"]) ? f["typedConfig"]["routeConfig"] : undefined;
        if (!rc) continue;
        const owner = new Map<string, string>();
        const vhosts = Array.isArray(rc["virtualHosts"]) ? (rc["virtualHosts"] as JsonObject[]) : [];
        for (const vh of vhosts) {
          for (const d of strings(vh["domains"])) {
            const prev = owner.get(d);
            const vhName = String(vh["name"]);
            if (prev !== undefined)
              out.push({
                code: "envoy-nack",
                message: `listener ${name}: route configuration ${String(rc["name"])} lists the domain "${d}" in virtual hosts ${prev} and ${vhName}; Envoy permits each domain once per route configuration. ${NACK_TAIL}`,
              });
            else owner.set(d, vhName);
          }
        }
      }
    });
  }
  return out;
}
