/**
 * Envoy's RBAC network filter, for the subset of `envoy.config.rbac.v3.RBAC` Kuma generates on inbound listeners
 * (Envoy v1.38.2, the version Kuma v2.14.3 ships: kumahq/kuma@v2.14.3 mk/dev.mk ENVOY_VERSION):
 * - the action: ALLOW allows a connection iff some policy matches, DENY iff none does; policies are tried in
 *   lexicographic order of their names (envoyproxy/envoy@v1.38.2 api/envoy/config/rbac/v3/rbac.proto RBAC,
 *   source/extensions/filters/common/rbac/engine_impl.cc RoleBasedAccessControlEngineImpl::handleAction);
 * - a filter without `rules` has no engine and lets every connection through
 *   (envoyproxy/envoy@v1.38.2 source/extensions/filters/network/rbac/rbac_filter.cc onData);
 * - a policy matches iff one of its permissions and one of its principals match; `and_*`, `or_*` and `not_*` sets
 *   combine as their names say; `authenticated` needs a TLS connection and, with a `principal_name`, one URI SAN
 *   of the peer certificate that matches it (envoyproxy/envoy@v1.38.2
 *   source/extensions/filters/common/rbac/matchers.cc AndMatcher, OrMatcher, NotMatcher, AuthenticatedMatcher,
 *   PortMatcher, PolicyMatcher).
 * The JSON is protojson (camelCase), as Kuma's goldens and the generated resources carry it.
 */
import { isJsonObject } from "../json.js";

/** What RBAC sees of a connection: whether TLS authenticated the peer, its URI SANs, the destination port. */
export interface RbacSubject {
  readonly authenticated: boolean;
  readonly sans: readonly string[];
  readonly port: number;
}

/**
 * `envoy.type.matcher.v3.StringMatcher` on `value`: exact, prefix, suffix or contains
 * (envoyproxy/envoy@v1.38.2 source/common/common/matchers.h StringMatcherImpl). `ignoreCase` and `safeRegex`
 * are not modelled: a matcher with only a regex matches nothing.
 */
export function stringMatches(m: unknown, value: string): boolean {
  if (!isJsonObject(m)) return false;
  if (typeof m["exact"] === "string") return value === m["exact"];
  if (typeof m["prefix"] === "string") return value.startsWith(m["prefix"]);
  if (typeof m["suffix"] === "string") return value.endsWith(m["suffix"]);
  if (typeof m["contains"] === "string") return value.includes(m["contains"]);
  return false; // safe_regex and others are not modelled
}

/** `envoy.config.rbac.v3.Permission` on a connection: any, destinationPort, andRules, orRules, notRule. */
export function permissionMatches(p: unknown, s: RbacSubject): boolean {
  if (!isJsonObject(p)) return false;
  if (p["any"] === true) return true;
  if (typeof p["destinationPort"] === "number") return p["destinationPort"] === s.port;
  const rules = (k: string) => (isJsonObject(p[k]) && Array.isArray(p[k]["rules"]) ? (p[k]["rules"] as unknown[]) : undefined);
  const and = rules("andRules");
  if (and) return and.every((r) => permissionMatches(r, s));
  const or = rules("orRules");
  if (or) return or.some((r) => permissionMatches(r, s));
  if (p["notRule"] !== undefined) return !permissionMatches(p["notRule"], s);
  return false;
}

/** `envoy.config.rbac.v3.Principal` on a connection: any, authenticated, andIds, orIds, notId. */
export function principalMatches(p: unknown, s: RbacSubject): boolean {
  if (!isJsonObject(p)) return false;
  if (p["any"] === true) return true;
  if (isJsonObject(p["authenticated"])) {
    if (!s.authenticated) return false;
    const name = p["authenticated"]["principalName"];
    // Envoy checks every URI SAN of the peer certificate (Kuma's tag SANs rely on it).
    return name === undefined || s.sans.some((san) => stringMatches(name, san));
  }
  const ids = (k: string) => (isJsonObject(p[k]) && Array.isArray(p[k]["ids"]) ? (p[k]["ids"] as unknown[]) : undefined);
  const and = ids("andIds");
  if (and) return and.every((x) => principalMatches(x, s));
  const or = ids("orIds");
  if (or) return or.some((x) => principalMatches(x, s));
  if (p["notId"] !== undefined) return !principalMatches(p["notId"], s);
  return false;
}

/**
 * Network RBAC decision: ALLOW (default action) needs a matching policy, so present-but-empty rules deny all.
 * Any action other than DENY is read as ALLOW; Envoy's LOG (allow all, only mark the log) is not modelled, since
 * Kuma's inbound RBAC never sets it.
 */
export function evaluateRbac(rules: unknown, s: RbacSubject): { readonly allowed: boolean; readonly why: string; readonly matched?: { readonly policy: string; readonly principal: number } } {
  if (!isJsonObject(rules)) return { allowed: true, why: "the RBAC filter has no rules: nothing is enforced" };
  const action = typeof rules["action"] === "string" ? rules["action"] : "ALLOW";
  const policies = isJsonObject(rules["policies"]) ? rules["policies"] : {};
  const names = Object.keys(policies).sort();
  let matched: { policy: string; principal: number } | undefined;
  for (const n of names) {
    const pol = policies[n];
    if (!isJsonObject(pol)) continue;
    const perms = Array.isArray(pol["permissions"]) ? (pol["permissions"] as unknown[]) : [];
    const princ = Array.isArray(pol["principals"]) ? (pol["principals"] as unknown[]) : [];
    const k = perms.some((x) => permissionMatches(x, s)) ? princ.findIndex((x) => principalMatches(x, s)) : -1;
    if (k >= 0) {
      matched = { policy: n, principal: k };
      break;
    }
  }
  const hit = matched?.policy;
  const m = matched ? { matched } : {};
  if (action === "DENY") return hit ? { allowed: false, why: `DENY policy ${hit} matches`, ...m } : { allowed: true, why: "no DENY policy matches" };
  if (names.length === 0) return { allowed: false, why: "RBAC rules with no policy: Envoy denies every connection (no TrafficPermission or MeshTrafficPermission allows this inbound)" };
  return hit
    ? { allowed: true, why: `policy ${hit} allows ${s.authenticated ? s.sans[0] : "the unauthenticated client"}`, ...m }
    : { allowed: false, why: `no RBAC policy (${names.join(", ")}) allows ${s.authenticated ? s.sans[0] : "an unauthenticated client"}` };
}
