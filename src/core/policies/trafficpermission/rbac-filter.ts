/**
 * The RBAC filters Kuma's permission policies write on inbound listeners, shared by TrafficPermission and
 * MeshTrafficPermission: the network filter (`envoy.filters.network.rbac`, first in the chain, statPrefix
 * `<sanitised listener name>.`) and, on chains with an HTTP connection manager from 2.6.0, the HTTP filter
 * (`envoy.filters.http.rbac`, first HTTP filter). Only chains protected by Kuma's TLS get them (kuma
 * `pkg/plugins/policies/meshtrafficpermission/plugin/v1alpha1/plugin.go` "we only want to configure RBAC on
 * listeners protected by Kuma's TLS" @ v2.14.3).
 */
import { isJsonObject, type JsonObject } from "../../json.js";
import { FILTER, INBOUND_FILTER, INBOUND_TYPE_URL, sanitizeStatName } from "../../xds/names.js";


/** `envoy.config.rbac.v3.Policy` as Kuma builds them: any permission, the given principals. */
export function anyPermissionPolicy(principals: readonly JsonObject[]): JsonObject {
  return { permissions: [{ any: true }], principals: [...principals] };
}

/** Principal on an exact URI SAN (tls.ServiceSpiffeIDMatcher / KumaIDMatcher). */
export function authenticated(exact: string): JsonObject {
  return { authenticated: { principalName: { exact } } };
}

/** One principal from several (`any` for none, AND for more than one), as both configurers combine a selector's tags. */
export function combinePrincipals(ps: readonly JsonObject[]): JsonObject {
  if (ps.length === 0) return { any: true };
  if (ps.length === 1) return ps[0]!;
  return { andIds: { ids: [...ps] } };
}

const arr = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

/** Indexes of the listener's chains that terminate Kuma's mTLS (transport socket `envoy.transport_sockets.tls`). */
export function mtlsChains(listener: JsonObject): number[] {
  return arr(listener["filterChains"]).flatMap((c, i) => (isJsonObject(c["transportSocket"]) && c["transportSocket"]["name"] === INBOUND_FILTER.tlsTransportSocket ? [i] : []));
}

/** The network RBAC filter Kuma's generator and configurers write (network_rbac_configurer.go createRbacFilter). */
export function networkRbacFilter(listenerName: string, rules: JsonObject, shadowRules?: JsonObject): JsonObject {
  return {
    name: INBOUND_FILTER.rbac,
    typedConfig: { "@type": INBOUND_TYPE_URL.rbac, rules, ...(shadowRules ? { shadowRules } : {}), statPrefix: `${sanitizeStatName(listenerName)}.` },
  };
}

/** Where a chain's RBAC now lives, for the provenance of the verdict. */
export interface RbacPlacement {
  readonly chain: number;
  /** JSON pointer of the RBAC filter's `typedConfig/rules` in the listener. */
  readonly rulesPointer: string;
}

/**
 * Replaces the RBAC of one chain: drops its network RBAC filter, then puts the new rules into the HTTP connection
 * manager's filters (first) when `http` and the chain has one, else a network RBAC filter first in the chain
 * (kuma `pkg/plugins/policies/meshtrafficpermission/xds/legacy_rbac_configurer.go` Configure @ v2.14.3). A copy.
 */
export function replaceChainRbac(listener: JsonObject, chainIndex: number, rules: JsonObject, shadowRules: JsonObject | undefined, http: boolean): { listener: JsonObject; placement: RbacPlacement } {
  const chains = arr(listener["filterChains"]).slice();
  const chain = chains[chainIndex]!;
  const filters = arr(chain["filters"]).filter((f, i, all) => !(f["name"] === INBOUND_FILTER.rbac && all.findIndex((x) => x["name"] === INBOUND_FILTER.rbac) === i));
  const hcm = http ? filters.findIndex((f) => f["name"] === FILTER.httpConnectionManager) : -1;
  let placement: RbacPlacement;
  let newFilters: JsonObject[];
  if (hcm >= 0) {
    const f = filters[hcm]!;
    const tc = isJsonObject(f["typedConfig"]) ? f["typedConfig"] : {};
    const httpFilter: JsonObject = { name: INBOUND_FILTER.httpRbac, typedConfig: { "@type": INBOUND_TYPE_URL.httpRbac, rules, ...(shadowRules ? { shadowRules } : {}) } };
    newFilters = filters.slice();
    newFilters[hcm] = { ...f, typedConfig: { ...tc, httpFilters: [httpFilter, ...arr(tc["httpFilters"])] } };
    placement = { chain: chainIndex, rulesPointer: `/filterChains/${chainIndex}/filters/${hcm}/typedConfig/httpFilters/0/typedConfig/rules` };
  } else {
    newFilters = [networkRbacFilter(String(listener["name"]), rules, shadowRules), ...filters];
    placement = { chain: chainIndex, rulesPointer: `/filterChains/${chainIndex}/filters/0/typedConfig/rules` };
  }
  chains[chainIndex] = { ...chain, filters: newFilters };
  return { listener: { ...listener, filterChains: chains }, placement };
}

/** Sets the rules of the chain's network RBAC filter, if it has one (the generator's NetworkRBAC); a copy. */
export function setNetworkRbacRules(listener: JsonObject, chainIndex: number, rules: JsonObject): { listener: JsonObject; placement: RbacPlacement } | undefined {
  const chains = arr(listener["filterChains"]).slice();
  const chain = chains[chainIndex]!;
  const filters = arr(chain["filters"]).slice();
  const i = filters.findIndex((f) => f["name"] === INBOUND_FILTER.rbac);
  if (i < 0) return undefined;
  const f = filters[i]!;
  filters[i] = { ...f, typedConfig: { ...(isJsonObject(f["typedConfig"]) ? f["typedConfig"] : {}), rules } };
  chains[chainIndex] = { ...chain, filters };
  return { listener: { ...listener, filterChains: chains }, placement: { chain: chainIndex, rulesPointer: `/filterChains/${chainIndex}/filters/${i}/typedConfig/rules` } };
}
