/**
 * Fields a Kuma release accepts and silently drops because its API no longer has them (protos are unmarshalled with
 * unknown fields allowed, the Kubernetes CRDs preserve unknown fields). Kuma says nothing; meshsim removes the field
 * before reading the resource, as Kuma does, and says so with a `field-ignored` warning naming the UPGRADE.md section.
 */
import { joinPath } from "../errors.js";
import type { JsonObject } from "../json.js";
import type { Envelope } from "../model/envelope.js";
import type { VersionFeatures } from "../model/versions.js";
import type { Warning } from "../warnings.js";

/** The UPGRADE.md of the 3.0 line, where every 3.0 removal below is described. */
const UPGRADE_3 = "kumahq/kuma@348b6528bc UPGRADE.md, Upgrade to 3.0.0";

/** One field a release drops: where it is, and what that means for traffic. */
interface DroppedField {
  readonly path: readonly (string | number)[];
  readonly why: string;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A copy of `o` without `key` (the input is never mutated). */
function without(o: JsonObject, key: string): JsonObject {
  const { [key]: _dropped, ...rest } = o;
  return rest;
}

function meshDrops(spec: JsonObject): { spec: JsonObject; dropped: DroppedField[] } {
  const dropped: DroppedField[] = [];
  let out = spec;
  const networking = isObject(out.networking) ? out.networking : undefined;
  const outbound = networking && isObject(networking.outbound) ? networking.outbound : undefined;
  if (outbound && "passthrough" in outbound) {
    const off = outbound.passthrough === false;
    dropped.push({
      path: ["networking", "outbound", "passthrough"],
      why: `${UPGRADE_3}, "Mesh.spec.networking.outbound.passthrough removed": the control plane behaves as if it were true${off ? ", so this mesh, which blocked external traffic, lets it out unless a MeshPassthrough with passthroughMode None or Matched selects the proxy" : ""}`,
    });
    out = { ...out, networking: { ...networking, outbound: without(outbound, "passthrough") } };
  }
  if ("mtls" in out) {
    dropped.push({
      path: ["mtls"],
      why: `${UPGRADE_3}, "Mesh.mtls no longer produces mTLS": only a MeshIdentity gives a proxy mTLS; without one the proxy serves and accepts plaintext and MeshTLS and MeshTrafficPermission no longer apply to it (meshsim does not model MeshIdentity)`,
    });
    out = without(out, "mtls");
  }
  if ("meshServices" in out) {
    dropped.push({ path: ["meshServices"], why: `${UPGRADE_3}, "meshServices removed from the Mesh schema": unified resource naming is always on` });
    out = without(out, "meshServices");
  }
  const routing = isObject(out.routing) ? out.routing : undefined;
  if (routing && "zoneEgress" in routing) {
    dropped.push({ path: ["routing", "zoneEgress"], why: `${UPGRADE_3}, "routing.zoneEgress removed from the Mesh schema"` });
    out = { ...out, routing: without(routing, "zoneEgress") };
  }
  if ("logging" in out) {
    dropped.push({ path: ["logging"], why: `${UPGRADE_3}, "Mesh.spec.logging removed" (its only reader, TrafficLog, no longer exists)` });
    out = without(out, "logging");
  }
  return { spec: out, dropped };
}

function dataplaneDrops(spec: JsonObject, universal: boolean): { spec: JsonObject; dropped: DroppedField[] } {
  const dropped: DroppedField[] = [];
  const networking = isObject(spec.networking) ? spec.networking : undefined;
  if (!networking) return { spec, dropped };
  let n = networking;
  if (universal && Array.isArray(n.inbound)) {
    const inbound = n.inbound.map((i, idx) => {
      if (!isObject(i) || !("tags" in i)) return i;
      dropped.push({
        path: ["networking", "inbound", idx, "tags"],
        why: `${UPGRADE_3}, "Inbound tags removed from Dataplane": policies matching these tags stop matching, and kuma.io/protocol no longer sets the inbound's protocol (an inbound without protocol is plain TCP); move the tags to the Dataplane's labels and set networking.inbound[].protocol`,
      });
      return without(i, "tags");
    });
    n = { ...n, inbound };
  }
  if (Array.isArray(n.outbound)) {
    const kept = n.outbound.filter((o, idx) => {
      if (!isObject(o) || "backendRef" in o) return true;
      dropped.push({
        path: ["networking", "outbound", idx],
        why: `${UPGRADE_3}, "Dataplane outbounds must use backendRef": a stored outbound with tags loses them and gets no outbound listener, so the workload loses this destination (creating one is rejected with "backendRef: must be defined")`,
      });
      return false;
    });
    n = { ...n, outbound: kept };
  }
  if ("advertisedAddress" in n) {
    dropped.push({ path: ["networking", "advertisedAddress"], why: `${UPGRADE_3}, "advertisedAddress removed from Dataplane networking": other proxies reach this one on networking.address` });
    n = without(n, "advertisedAddress");
  }
  return { spec: { ...spec, networking: n }, dropped };
}

/** Policies whose `from` 3.0 removed (kumahq/kuma@348b6528bc UPGRADE.md, "`from` removed from ..."). */
const FROM_REMOVED = new Set(["MeshTLS", "MeshTimeout", "MeshCircuitBreaker", "MeshTrafficPermission", "MeshAccessLog"]);

function policyDrops(kind: string, spec: JsonObject): { spec: JsonObject; dropped: DroppedField[] } {
  if (!FROM_REMOVED.has(kind) || !("from" in spec)) return { spec, dropped: [] };
  const rest = kind === "MeshTrafficPermission" ? "rules" : "rules or to";
  return {
    spec: without(spec, "from"),
    dropped: [{ path: ["from"], why: `${UPGRADE_3}, "\`from\` removed from ${kind}": its entries are discarded on deserialization and have no effect; migrate them to ${rest}` }],
  };
}

/**
 * The spec as `f`'s release reads it, and a warning per field it drops. Releases that keep every field return the
 * spec unchanged (the same object).
 */
export function dropRemovedFields(e: Envelope, f: VersionFeatures): { readonly spec: unknown; readonly warnings: readonly Warning[] } {
  if (!isObject(e.spec)) return { spec: e.spec, warnings: [] };
  let r: { spec: JsonObject; dropped: DroppedField[] } = { spec: e.spec, dropped: [] };
  if (e.kind === "Mesh" && !f.meshPassthroughField) r = meshDrops(e.spec);
  else if (e.kind === "Dataplane" && !f.outboundTagsField) r = dataplaneDrops(e.spec, e.form === "universal" && !f.inboundTagsField);
  else if (!f.policyFromField) r = policyDrops(e.kind, e.spec);
  if (r.dropped.length === 0) return { spec: e.spec, warnings: [] };
  return {
    spec: r.spec,
    warnings: r.dropped.map((d) => ({ code: "field-ignored" as const, message: `${e.kind} "${e.name}": ${joinPath(e.specPath, ...d.path)} is accepted and ignored by Kuma ${f.minor} (${d.why})` })),
  };
}
