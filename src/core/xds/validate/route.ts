/**
 * Checks on an inline route configuration (HTTP connection manager `routeConfig`) that make Envoy reject the
 * listener carrying it. One function per rule; each returns Envoy's message or undefined.
 */
import { isJsonObject, type JsonObject } from "../../json.js";
import { compileRe2, MAX_REGEX_PROGRAM_SIZE, re2ProgramSize } from "../regex.js";
import { PGV, pgvError, pgvRequiredOneof, type PgvStep } from "./pgv.js";
import type { RuleFailure } from "./types.js";

const list = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);
const has = (o: JsonObject, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The route actions of a route (`route`, `redirect`, `directResponse`, … : the `action` oneof, required). */
const ROUTE_ACTIONS = ["route", "redirect", "directResponse", "filterAction", "nonForwardingAction"] as const;

/**
 * PGV on the route configuration, as reached from the HTTP connection manager (envoyproxy/envoy@v1.38.2
 * api/envoy/config/route/v3/route.proto, route_components.proto): a virtual host has a name and at least one domain,
 * a route has a match and an action, and a route action names a cluster (`cluster` min_len 1 inside the required
 * `cluster_specifier` oneof).
 */
export function routeConfigPgv(rc: JsonObject, outer: readonly PgvStep[]): RuleFailure | undefined {
  const vhosts = list(rc["virtualHosts"]);
  for (const [i, vh] of vhosts.entries()) {
    const at: PgvStep[] = [...outer, { message: "RouteConfiguration", field: `VirtualHosts[${i}]` }];
    if (typeof vh["name"] !== "string" || vh["name"] === "") return { rule: "filter-required-field", message: pgvError([...at, { message: "VirtualHost", field: "Name" }], PGV.minLen1) };
    if (!Array.isArray(vh["domains"]) || vh["domains"].length === 0) return { rule: "filter-required-field", message: pgvError([...at, { message: "VirtualHost", field: "Domains" }], PGV.minItems1) };
    for (const [j, r] of list(vh["routes"]).entries()) {
      const rAt: PgvStep[] = [...at, { message: "VirtualHost", field: `Routes[${j}]` }];
      if (!isJsonObject(r["match"])) return { rule: "filter-required-field", message: pgvError([...rAt, { message: "Route", field: "Match" }], PGV.required) };
      if (!ROUTE_ACTIONS.some((a) => has(r, a))) return { rule: "filter-required-field", message: pgvRequiredOneof(rAt, "action") };
      const action = r["route"];
      if (!isJsonObject(action)) continue;
      const failure = routeClusterEmpty(action, [...rAt, { message: "Route", field: "Route" }]);
      if (failure) return failure;
    }
  }
  return undefined;
}

/** A route action whose cluster is the empty string, or that names no cluster at all (route_components.proto RouteAction). */
export function routeClusterEmpty(action: JsonObject, at: readonly PgvStep[]): RuleFailure | undefined {
  const specifiers = ["cluster", "clusterHeader", "weightedClusters", "clusterSpecifierPlugin", "inlineClusterSpecifierPlugin"];
  if (!specifiers.some((s) => has(action, s))) return { rule: "route-cluster-empty", message: pgvRequiredOneof(at, "cluster_specifier") };
  if (has(action, "cluster") && action["cluster"] === "") return { rule: "route-cluster-empty", message: pgvError([...at, { message: "RouteAction", field: "Cluster" }], PGV.minLen1) };
  return undefined;
}

/** The `safeRegex` patterns of one route's match: path, headers and query parameters, in that order. */
function routeRegexes(route: JsonObject): string[] {
  const m = isJsonObject(route["match"]) ? route["match"] : {};
  const out: string[] = [];
  const regexOf = (v: unknown) => {
    if (isJsonObject(v) && typeof v["regex"] === "string") out.push(v["regex"]);
  };
  regexOf(m["safeRegex"]);
  for (const h of list(m["headers"])) {
    regexOf(h["safeRegexMatch"]);
    if (isJsonObject(h["stringMatch"])) regexOf(h["stringMatch"]["safeRegex"]);
  }
  for (const q of list(m["queryParameters"])) if (isJsonObject(q["stringMatch"])) regexOf(q["stringMatch"]["safeRegex"]);
  return out;
}

/**
 * A route regex RE2 cannot compile: `CompiledGoogleReMatcher` fails with RE2's error text (envoyproxy/envoy@v1.38.2
 * source/common/common/regex.cc), which fails the route configuration and so the listener carrying it inline.
 * Envoy's program-size check (`re2.max_program_size.error_level`, default 100) does not reject anything under Kuma,
 * whose bootstrap raises that level to 4294967295 (kumahq/kuma@v2.14.3 pkg/xds/bootstrap/template_v3.go). A pattern
 * over meshsim's own size limit is not judged here (it is not compiled); the route walk reports it.
 */
function routeRegexInvalid(vh: JsonObject): RuleFailure | undefined {
  for (const r of list(vh["routes"]))
    for (const pattern of routeRegexes(r)) {
      if (re2ProgramSize(pattern) > MAX_REGEX_PROGRAM_SIZE) continue;
      const compiled = compileRe2(pattern);
      if (!compiled.ok) return { rule: "route-regex-invalid", message: compiled.message };
    }
  return undefined;
}

/**
 * Envoy's RouteMatcher (envoyproxy/envoy@v1.38.2 source/common/router/config_impl.cc): each virtual host is built
 * (its routes' regexes compiled, {@link routeRegexInvalid}) before its domains are registered; domains are lower-cased, one
 * `*` per route configuration ("Only a single wildcard domain is permitted in route <name>"), and every other domain
 * once ("Only unique values for domains are permitted. Duplicate entry of domain <domain> in route <name>").
 */
export function routeDomains(rc: JsonObject): RuleFailure | undefined {
  const name = typeof rc["name"] === "string" ? rc["name"] : "";
  let wildcard = false;
  const seen = new Set<string>();
  for (const vh of list(rc["virtualHosts"])) {
    const regex = routeRegexInvalid(vh);
    if (regex) return regex;
    for (const d of Array.isArray(vh["domains"]) ? vh["domains"] : []) {
      if (typeof d !== "string") continue;
      const domain = d.toLowerCase();
      if (domain === "*") {
        if (wildcard) return { rule: "route-multiple-wildcards", message: `Only a single wildcard domain is permitted in route ${name}` };
        wildcard = true;
        continue;
      }
      // Suffix (`*.x`), prefix (`x*`) and exact domains live in separate maps, but each map is keyed by the same
      // lower-cased text, so a duplicate is the same string in any of them.
      if (seen.has(domain)) return { rule: "route-duplicate-domain", message: `Only unique values for domains are permitted. Duplicate entry of domain ${domain} in route ${name}` };
      seen.add(domain);
    }
  }
  return undefined;
}
