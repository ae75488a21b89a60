/**
 * Hand-written fixtures for the MeshPassthrough tests. The listener fixture is the one Kuma's plugin test
 * uses (`plugin/v1alpha1/plugin_test.go` @ v2.14.3): both outbound passthrough listeners with one catch-all tcp_proxy
 * chain and no useOriginalDst, plus the two default ORIGINAL_DST clusters.
 */
import { applyMeshPassthrough } from "./plugin.js";
import type { MeshPassthroughConf } from "./api.js";
import { features, type KumaMinor } from "../../model/versions.js";
import type { JsonObject } from "../../json.js";
import type { ResourceSet, XdsResource } from "../../xds/resource-set.js";

export const V4 = "outbound:passthrough:ipv4";
export const V6 = "outbound:passthrough:ipv6";

function catchAllListener(name: string, address: string): XdsResource {
  return {
    type: "listener",
    name,
    origin: "transparent",
    value: {
      name,
      address: { socketAddress: { address, portValue: 15001 } },
      trafficDirection: "OUTBOUND",
      filterChains: [
        {
          filters: [
            {
              name: "envoy.filters.network.tcp_proxy",
              typedConfig: {
                "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
                cluster: name,
                statPrefix: name.replaceAll(":", "_"),
              },
            },
          ],
        },
      ],
    },
  };
}

function defaultCluster(name: string): XdsResource {
  return {
    type: "cluster",
    name,
    origin: "transparent",
    value: { name, type: "ORIGINAL_DST", lbPolicy: "CLUSTER_PROVIDED", connectTimeout: "5s", altStatName: name.replaceAll(":", "_") },
  };
}

/** Both listeners and (unless `clusters: false`, i.e. Mesh passthrough false) both default clusters. */
export function fixture(opts: { clusters?: boolean; ipv6?: boolean } = {}): ResourceSet {
  const ipv6 = opts.ipv6 ?? true;
  const out: XdsResource[] = [catchAllListener(V4, "0.0.0.0")];
  if (ipv6) out.push(catchAllListener(V6, "::"));
  if (opts.clusters ?? true) {
    out.push(defaultCluster(V4));
    if (ipv6) out.push(defaultCluster(V6));
  }
  return out;
}

export function run(conf: MeshPassthroughConf, opts: { meshPassthrough?: boolean; ipv6?: boolean; minor?: KumaMinor; internalAddresses?: string[] } = {}) {
  const meshPassthrough = opts.meshPassthrough ?? true;
  return applyMeshPassthrough(fixture({ clusters: meshPassthrough, ipv6: opts.ipv6 ?? true }), conf, {
    features: features(opts.minor ?? "2.14"),
    meshPassthrough,
    scheme: "legacy",
    internalAddresses: opts.internalAddresses ?? [],
  });
}

export function listener(rs: ResourceSet, name: string): JsonObject {
  const l = rs.find((r) => r.type === "listener" && r.name === name);
  if (!l) throw new Error(`no listener ${name}`);
  return l.value;
}

export function chains(rs: ResourceSet, name: string): JsonObject[] {
  return listener(rs, name)["filterChains"] as JsonObject[];
}

/** Chain names in order; the unnamed catch-all chain reads "(catch-all)". */
export function chainNames(rs: ResourceSet, name: string): string[] {
  return chains(rs, name).map((c) => (typeof c["name"] === "string" ? c["name"] : "(catch-all)"));
}

export function chain(rs: ResourceSet, listenerName: string, chainName: string): JsonObject {
  const c = chains(rs, listenerName).find((x) => x["name"] === chainName);
  if (!c) throw new Error(`no chain ${chainName} on ${listenerName}`);
  return c;
}

export function clusterNames(rs: ResourceSet): string[] {
  return rs
    .filter((r) => r.type === "cluster")
    .map((r) => r.name)
    .sort();
}

export function cluster(rs: ResourceSet, name: string): XdsResource {
  const c = rs.find((r) => r.type === "cluster" && r.name === name);
  if (!c) throw new Error(`no cluster ${name}`);
  return c;
}

/** The HCM typedConfig of an HTTP chain. */
export function hcm(c: JsonObject): JsonObject {
  return ((c["filters"] as JsonObject[])[0]!["typedConfig"] as JsonObject);
}

/** [vhost name, domains, cluster or "503"] of an HTTP chain. */
export function vhosts(c: JsonObject): [string, string[], string][] {
  const rc = hcm(c)["routeConfig"] as JsonObject;
  return (rc["virtualHosts"] as JsonObject[]).map((vh) => {
    const route = (vh["routes"] as JsonObject[])[0]!;
    const target = route["route"] ? String((route["route"] as JsonObject)["cluster"]) : String((route["directResponse"] as JsonObject)["status"]);
    return [String(vh["name"]), vh["domains"] as string[], target];
  });
}

/** The tcp_proxy cluster of a tcp/tls chain. */
export function tcpCluster(c: JsonObject): string {
  return String(((c["filters"] as JsonObject[])[0]!["typedConfig"] as JsonObject)["cluster"]);
}

export function listenerFilterNames(rs: ResourceSet, name: string): string[] {
  const lf = listener(rs, name)["listenerFilters"];
  return Array.isArray(lf) ? (lf as JsonObject[]).map((f) => String(f["name"])) : [];
}
