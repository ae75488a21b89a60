/**
 * Checks on the network filters of a filter chain and the HTTP filters of an HTTP connection manager, in the order
 * Envoy builds them (envoyproxy/envoy@v1.38.2 source/common/listener_manager/listener_manager_impl.cc
 * `createNetworkFilterFactoryListImpl`; source/extensions/filters/network/http_connection_manager/config.cc
 * `processFilter`): the factory by type URL, the typed config's proto constraints, terminal placement, then what
 * the filter's own constructor checks (the HTTP connection manager's route configuration and HTTP filters).
 */
import { isJsonObject, type JsonObject } from "../../json.js";
import { resolveFilterType, type FilterKind } from "./filter-types.js";
import { PGV, pgvError, pgvRequiredOneof } from "./pgv.js";
import { routeConfigPgv, routeDomains } from "./route.js";
import type { RuleFailure } from "./types.js";

const list = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);
const has = (o: JsonObject, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const nameOf = (f: JsonObject) => (typeof f["name"] === "string" ? f["name"] : "");

/** The typed_config's type name as Envoy prints it (`Config::Utility::getFactoryType`: the type URL after its last `/`). */
function typeUrlOf(f: JsonObject): string {
  const tc = f["typedConfig"];
  return isJsonObject(tc) && typeof tc["@type"] === "string" ? tc["@type"] : "";
}
const printedType = (url: string) => url.slice(url.lastIndexOf("/") + 1);

/** No filter of `kind` is registered for the typed config's type URL (envoyproxy/envoy@v1.38.2 source/common/config/utility.h getAndCheckFactory). */
export function filterTypeNotFound(f: JsonObject, kind: FilterKind): RuleFailure | undefined {
  const url = typeUrlOf(f);
  if (resolveFilterType(kind, url) !== "none") return undefined;
  return { rule: "filter-type-not-found", message: `Didn't find a registered implementation for '${nameOf(f)}' with type URL: '${printedType(url)}'` };
}

/**
 * Terminal placement (envoyproxy/envoy@v1.38.2 source/common/config/utility.cc validateTerminalFilters): a terminal
 * filter must be last, and the last filter must be terminal. `chain` is Envoy's word for the chain type: `network` or `http`.
 */
export function terminalPlacement(f: JsonObject, kind: "network" | "http", last: boolean): RuleFailure | undefined {
  const t = resolveFilterType(kind, typeUrlOf(f));
  if (typeof t === "string") return undefined;
  const { factory, terminal } = t.found;
  if (terminal && !last) return { rule: "filter-terminal-not-last", message: `Error: terminal filter named ${nameOf(f)} of type ${factory} must be the last filter in a ${kind} filter chain.` };
  if (!terminal && last) return { rule: "filter-last-not-terminal", message: `Error: non-terminal filter named ${nameOf(f)} of type ${factory} is the last filter in a ${kind} filter chain.` };
  return undefined;
}

/**
 * Proto constraints of the typed configs meshsim models (envoyproxy/envoy@v1.38.2
 * api/envoy/extensions/filters/network/tcp_proxy/v3/tcp_proxy.proto: stat_prefix min_len 1, cluster_specifier
 * required; .../http_connection_manager/v3/http_connection_manager.proto: stat_prefix min_len 1, route_specifier
 * required, and the inline route configuration's own rules).
 */
export function typedConfigPgv(f: JsonObject): RuleFailure | undefined {
  const tc = f["typedConfig"];
  if (!isJsonObject(tc)) return undefined;
  const type = printedType(typeUrlOf(f));
  if (type === "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy") {
    if (typeof tc["statPrefix"] !== "string" || tc["statPrefix"] === "") return { rule: "filter-required-field", message: pgvError([{ message: "TcpProxy", field: "StatPrefix" }], PGV.minLen1) };
    if (!has(tc, "cluster") && !has(tc, "weightedClusters")) return { rule: "filter-required-field", message: pgvRequiredOneof([], "cluster_specifier") };
  }
  if (type === "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager") {
    if (typeof tc["statPrefix"] !== "string" || tc["statPrefix"] === "") return { rule: "filter-required-field", message: pgvError([{ message: "HttpConnectionManager", field: "StatPrefix" }], PGV.minLen1) };
    if (!has(tc, "rds") && !has(tc, "routeConfig") && !has(tc, "scopedRoutes")) return { rule: "filter-required-field", message: pgvRequiredOneof([], "route_specifier") };
    if (isJsonObject(tc["routeConfig"])) return routeConfigPgv(tc["routeConfig"], [{ message: "HttpConnectionManager", field: "RouteConfig" }]);
  }
  return undefined;
}

/** The HTTP connection manager's constructor: its inline route configuration, then its HTTP filters in order. */
function httpConnectionManager(tc: JsonObject): RuleFailure | undefined {
  if (isJsonObject(tc["routeConfig"])) {
    const domains = routeDomains(tc["routeConfig"]);
    if (domains) return domains;
  }
  const filters = list(tc["httpFilters"]);
  for (const [i, hf] of filters.entries()) {
    // An optional filter whose type no factory serves is skipped (HttpFilter.is_optional).
    if (hf["isOptional"] === true && resolveFilterType("http", typeUrlOf(hf)) === "none") continue;
    const failure = filterTypeNotFound(hf, "http") ?? terminalPlacement(hf, "http", i === filters.length - 1);
    if (failure) return failure;
  }
  return undefined;
}

/** The first failure among one filter chain's network filters, in Envoy's order. */
export function networkFilters(chain: JsonObject): RuleFailure | undefined {
  const filters = list(chain["filters"]);
  for (const [i, f] of filters.entries()) {
    const failure = filterTypeNotFound(f, "network") ?? typedConfigPgv(f) ?? terminalPlacement(f, "network", i === filters.length - 1);
    if (failure) return failure;
    const tc = f["typedConfig"];
    if (isJsonObject(tc) && printedType(typeUrlOf(f)) === "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager") {
      const hcm = httpConnectionManager(tc);
      if (hcm) return hcm;
    }
  }
  return undefined;
}
