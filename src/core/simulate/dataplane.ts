/** Which dataplane a request comes from (or, inbound, reaches), and its generated proxy, built once per call. */
import type { Violation } from "../errors.js";
import { type DataplaneModel, defaultDataplane } from "../model/dataplane.js";
import { DEFAULT_MESH_NAME } from "../model/mesh.js";
import { meshModel } from "../snapshot/mesh.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { Prepared } from "./prepare.js";
import { type ProxyState, buildProxy } from "./proxy.js";

function pickDataplane(snap: Snapshot, from: string | undefined, path: string): { dp: DataplaneModel; assumption?: string } | { error: Violation } {
  const dps = snap.dataplanes;
  if (from !== undefined) {
    const dp = dps.find((d) => d.name === from || `${d.name}.${d.labels["k8s.kuma.io/namespace"]}` === from);
    if (dp) return { dp };
    return { error: { path, message: `no Dataplane named "${from}" in the snapshot${dps.length > 0 ? `; dataplanes: ${dps.map((d) => d.name).join(", ")}` : ""}` } };
  }
  if (dps.length === 1) return { dp: dps[0]! };
  if (dps.length > 1) return { error: { path, message: `required when the snapshot has several dataplanes (${dps.map((d) => d.name).join(", ")})` } };
  const meshNames = [...snap.meshes.keys()];
  const mesh = meshNames.length === 1 ? meshNames[0]! : DEFAULT_MESH_NAME;
  const dp = defaultDataplane(mesh);
  return {
    dp,
    assumption: `no Dataplane in the snapshot: assumed a transparent-proxied sidecar "${dp.name}" in mesh "${mesh}" (address ${dp.address}, inbound 8080 kuma.io/service=app, redirectPortOutbound 15001, redirectPortInbound 15006, ipFamilyMode DualStack)`,
  };
}

/** Builds (or reuses) the generated proxy of the request's source dataplane. */
export function proxyFor(p: Prepared, from: string | undefined, path: string, cache: Map<string, ProxyState>, receiverIp?: string): { proxy: ProxyState } | { error: Violation } {
  // Inbound: the dataplane listening on the destination address receives the connection.
  const receiver = receiverIp && from === undefined ? p.snapshot.dataplanes.find((d) => d.address === receiverIp || d.inbounds.some((i) => i.address === receiverIp)) : undefined;
  const picked = receiver ? { dp: receiver } : pickDataplane(p.snapshot, from, path);
  if ("error" in picked) return picked;
  const cached = cache.get(picked.dp.name);
  if (cached) return { proxy: cached };
  const dp = picked.dp;
  const known = p.snapshot.meshes.get(dp.mesh);
  const mesh = known ?? meshModel(dp.mesh, {});
  const proxy = buildProxy(p.snapshot, p.features, dp, mesh, p.zone);
  const extra = [
    ...(picked.assumption ? [picked.assumption] : []),
    ...(known ? [] : [`no Mesh "${dp.mesh}" in the snapshot: assumed Kuma's defaults (networking.outbound.passthrough true, mTLS off, meshServices Disabled)`]),
  ];
  const withAssumptions = { ...proxy, assumptions: [...extra, ...proxy.assumptions] };
  cache.set(dp.name, withAssumptions);
  return { proxy: withAssumptions };
}
