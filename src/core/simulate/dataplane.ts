/** Which dataplane a request comes from (or, inbound, reaches), and its generated proxy, built once per call. */
import type { Violation } from "../errors.js";
import { type DataplaneModel, defaultDataplane } from "../model/dataplane.js";
import { DEFAULT_MESH_NAME } from "../model/mesh.js";
import type { VersionFeatures } from "../model/versions.js";
import { meshModel } from "../snapshot/mesh.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { Prepared } from "./prepare.js";
import { type ProxyState, buildProxy } from "./proxy.js";

/** The forms `from` accepts for a dataplane: its name, `<name>.<namespace>` (Kubernetes) and `<mesh>/<name>`. */
/** Generated proxies of one call, keyed by the dataplane itself: two dataplanes may share a name. */
export type ProxyCache = Map<DataplaneModel, ProxyState>;

const NAMESPACE_LABEL = "k8s.kuma.io/namespace";

function namesOf(d: DataplaneModel): string[] {
  const ns = d.labels[NAMESPACE_LABEL];
  return [d.name, ...(ns !== undefined ? [`${d.name}.${ns}`] : []), `${d.mesh}/${d.name}`];
}

/**
 * How answers name a dataplane: its name, qualified only when another dataplane of the snapshot has the same
 * name (Kubernetes namespaces and Universal meshes both allow it): `<name>.<namespace>` when that is unique,
 * else `<mesh>/<name>` (a Dataplane's identity in Kuma is its mesh and name). Each label is a form `from` accepts.
 */
export function dataplaneLabel(dp: DataplaneModel, all: readonly DataplaneModel[]): string {
  const same = all.filter((d) => d.name === dp.name);
  if (same.length <= 1) return dp.name;
  const ns = dp.labels[NAMESPACE_LABEL];
  if (ns !== undefined && same.filter((d) => d.labels[NAMESPACE_LABEL] === ns).length === 1) return `${dp.name}.${ns}`;
  return `${dp.mesh}/${dp.name}`;
}

/** The dataplane of `dps` that `name` names in one of the forms `from` accepts, or a violation at `path` listing them. */
export function findDataplane(dps: readonly DataplaneModel[], name: string, path: string): { dp: DataplaneModel } | { error: Violation } {
  const found = dps.filter((d) => namesOf(d).includes(name));
  if (found.length === 1) return { dp: found[0]! };
  if (found.length > 1)
    return { error: { path, message: `"${name}" names ${found.length} dataplanes of the snapshot; write one of ${found.map((d) => `"${dataplaneLabel(d, dps)}"`).join(", ")}` } };
  return { error: { path, message: `no Dataplane named "${name}" in the snapshot${dps.length > 0 ? `; dataplanes: ${dps.map((d) => dataplaneLabel(d, dps)).join(", ")}` : ""}` } };
}

function pickDataplane(snap: Snapshot, f: VersionFeatures, from: string | undefined, path: string): { dp: DataplaneModel; assumption?: string } | { error: Violation } {
  const dps = snap.dataplanes;
  const labels = () => dps.map((d) => dataplaneLabel(d, dps)).join(", ");
  if (from !== undefined) return findDataplane(dps, from, path);
  if (dps.length === 1) return { dp: dps[0]! };
  if (dps.length > 1) return { error: { path, message: `required when the snapshot has several dataplanes (${labels()})` } };
  const meshNames = [...snap.meshes.keys()];
  const mesh = meshNames.length === 1 ? meshNames[0]! : DEFAULT_MESH_NAME;
  const dp = defaultDataplane(mesh, f.injectorSidecar);
  const tp = dp.transparentProxy!;
  const extra = [
    ...(tp.redirectPortInboundV6 !== 0 ? [`redirectPortInboundV6 ${tp.redirectPortInboundV6}`] : []),
    ...(tp.ipFamilyMode !== "UnSpecified" ? [`ipFamilyMode ${tp.ipFamilyMode}`] : []),
  ];
  return {
    dp,
    assumption: `no Dataplane in the snapshot: assumed a transparent-proxied sidecar "${dp.name}" in mesh "${mesh}" (address ${dp.address}, inbound 8080 kuma.io/service=app, redirectPortOutbound 15001, redirectPortInbound 15006${extra.map((e) => `, ${e}`).join("")}; Kuma ${f.release}'s injector defaults)`,
  };
}

/** The dataplane a request comes from (or, inbound, reaches), without generating its proxy. */
export function resolveDataplane(p: Prepared, from: string | undefined, path: string, receiverIp?: string): { dp: DataplaneModel; assumption?: string } | { error: Violation } {
  // Inbound: the dataplane listening on the destination address receives the connection.
  const receiver = receiverIp && from === undefined ? p.snapshot.dataplanes.find((d) => d.address === receiverIp || d.inbounds.some((i) => i.address === receiverIp)) : undefined;
  return receiver ? { dp: receiver } : pickDataplane(p.snapshot, p.features, from, path);
}

/** Builds (or reuses) the generated proxy of `dp`; `assumption` says how it was picked when the snapshot did not say. */
export function proxyOf(p: Prepared, dp: DataplaneModel, cache: ProxyCache, assumption?: string): ProxyState {
  const cached = cache.get(dp);
  if (cached) return cached;
  const known = p.snapshot.meshes.get(dp.mesh);
  const mesh = known ?? meshModel(dp.mesh, {});
  const proxy = buildProxy(p.snapshot, p.features, dp, mesh, p.zone);
  const extra = [
    ...(assumption ? [assumption] : []),
    ...(known ? [] : [`no Mesh "${dp.mesh}" in the snapshot: assumed Kuma's defaults (networking.outbound.passthrough true, mTLS off, meshServices Disabled)`]),
  ];
  const withAssumptions = { ...proxy, assumptions: [...extra, ...proxy.assumptions] };
  cache.set(dp, withAssumptions);
  return withAssumptions;
}

/** Builds (or reuses) the generated proxy of the request's source dataplane. */
export function proxyFor(p: Prepared, from: string | undefined, path: string, cache: ProxyCache, receiverIp?: string): { proxy: ProxyState } | { error: Violation } {
  const picked = resolveDataplane(p, from, path, receiverIp);
  if ("error" in picked) return picked;
  return { proxy: proxyOf(p, picked.dp, cache, picked.assumption) };
}
