/**
 * The requests the upgrade check simulates when the caller gives none: one per thing the snapshot says its traffic
 * goes to (each MeshPassthrough entry, each in-mesh destination, one external host nothing lists, one inbound port
 * per dataplane), each said in an assumption so the answer shows what was probed and how.
 */
import { defaultDataplane, type DataplaneModel } from "../model/dataplane.js";
import { DEFAULT_MESH_NAME } from "../model/mesh.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { MAX_BATCH_REQUESTS, type SimRequest } from "./schema.js";

/** An external address no snapshot lists: TEST-NET-3 (RFC 5737), so it is never a real destination. */
export const UNLISTED_HOST = { url: "http://unlisted.example.com", ip: "203.0.113.10" } as const;

/** The port a MeshPassthrough entry without `port` is probed on, and the URL scheme for its protocol. */
const BY_PROTOCOL: Readonly<Record<string, { scheme: string; port: number }>> = {
  tcp: { scheme: "tcp", port: 443 },
  tls: { scheme: "tls", port: 443 },
  http: { scheme: "http", port: 80 },
  http2: { scheme: "http", port: 80 },
  grpc: { scheme: "grpc", port: 80 },
  mysql: { scheme: "mysql", port: 3306 },
};

interface PassthroughMatch {
  readonly type?: string;
  readonly value?: string;
  readonly port?: number;
  readonly protocol?: string;
}

/** The probes of one snapshot, in dataplane order, and the assumptions that say how they were chosen. */
export interface Probes {
  readonly requests: readonly SimRequest[];
  readonly assumptions: readonly string[];
}

function hostOf(m: PassthroughMatch): { host: string; ip?: string } | undefined {
  const value = m.value ?? "";
  switch (m.type) {
    case "Domain":
      // A wildcard domain is probed with one name under it; a domain resolves to the unlisted address (only the
      // SNI / Host decides a domain match).
      return { host: value.startsWith("*.") ? `probe.${value.slice(2)}` : value, ip: UNLISTED_HOST.ip };
    case "IP":
      return { host: value.includes(":") ? `[${value}]` : value };
    case "CIDR": {
      const base = value.split("/")[0] ?? "";
      return base ? { host: base.includes(":") ? `[${base}]` : base } : undefined;
    }
    default:
      return undefined;
  }
}

function passthroughProbes(snap: Snapshot, dp: DataplaneModel, label: string, out: SimRequest[], notes: string[]): void {
  for (const p of snap.policies) {
    if (p.kind !== "MeshPassthrough" || p.envelope.mesh !== dp.mesh) continue;
    const matches = ((p.spec as { default?: { appendMatch?: readonly PassthroughMatch[] } }).default?.appendMatch ?? []) as readonly PassthroughMatch[];
    for (const m of matches) {
      const target = hostOf(m);
      const proto = BY_PROTOCOL[m.protocol ?? "tcp"] ?? BY_PROTOCOL.tcp!;
      if (!target) continue;
      const port = m.port && m.port > 0 && m.port <= 65535 ? m.port : proto.port;
      out.push({ from: label, to: `${proto.scheme}://${target.host}:${port}`, ...(target.ip ? { ip: target.ip } : {}) });
      if (m.port === undefined || m.type === "CIDR" || m.type === "Domain")
        notes.push(
          `probe ${proto.scheme}://${target.host}:${port} from ${label} for MeshPassthrough "${p.envelope.name}" ${m.type} ${m.value}${m.port === undefined ? ` (no port: probed on ${port})` : ""}${m.type === "CIDR" ? " (the CIDR's first address)" : ""}${m.type === "Domain" ? ` (resolving to ${UNLISTED_HOST.ip})` : ""}`,
        );
    }
  }
}

function destinationProbes(snap: Snapshot, dp: DataplaneModel, label: string, out: SimRequest[], notes: string[]): void {
  for (const d of snap.destinations) {
    if (d.mesh !== dp.mesh) continue;
    const port = d.ports[0];
    const host = d.hostnames[0] ?? d.externalHost ?? d.addresses[0];
    if (port === undefined || host === undefined) {
      notes.push(`no probe for ${d.kind} "${d.name}": it has no port or address in the snapshot`);
      continue;
    }
    out.push({ from: label, to: `tcp://${host}:${port}`, ...(d.addresses[0] && d.addresses[0] !== host ? { ip: d.addresses[0] } : {}) });
  }
  for (const o of dp.outbounds) out.push({ from: label, to: `tcp://${o.address}:${o.port}` });
}

/** A client that works with the inbound at `fromVersion` speaks its protocol there (HTTP/gRPC, else TCP). */
function inboundScheme(protocol: string | undefined): string {
  return protocol === "http" || protocol === "http2" ? "http" : protocol === "grpc" ? "grpc" : "tcp";
}

/**
 * Probes for `snap`: per dataplane (the assumed sidecar when there is none), its mesh's MeshPassthrough entries,
 * in-mesh destinations and networking.outbound entries, the unlisted host, and its first inbound port. At most
 * {@link MAX_BATCH_REQUESTS}, as a batch.
 */
export function probeRequests(snap: Snapshot, label: (dp: DataplaneModel) => string): Probes {
  const requests: SimRequest[] = [];
  const notes: string[] = [];
  const dps: readonly (DataplaneModel | undefined)[] = snap.dataplanes.length > 0 ? snap.dataplanes : [undefined];
  for (const dp of dps) {
    const meshNames = [...snap.meshes.keys()];
    const source = dp ?? defaultDataplane(meshNames.length === 1 ? meshNames[0]! : DEFAULT_MESH_NAME);
    const name = dp ? label(dp) : undefined;
    const from = name ?? source.name;
    const at = (r: SimRequest): SimRequest => (name === undefined ? (({ from: _f, ...rest }) => rest)(r) : r);
    const mine: SimRequest[] = [];
    passthroughProbes(snap, source, from, mine, notes);
    destinationProbes(snap, source, from, mine, notes);
    mine.push({ from, to: UNLISTED_HOST.url, ip: UNLISTED_HOST.ip });
    const inbound = source.inbounds[0];
    if (inbound) mine.push({ from, to: `${inboundScheme(inbound.protocol ?? inbound.tags["kuma.io/protocol"])}://${inbound.address}:${inbound.port}`, direction: "inbound" });
    requests.push(...mine.map(at));
  }
  const kept = requests.slice(0, MAX_BATCH_REQUESTS);
  return {
    requests: kept,
    assumptions: [
      `no requests given: probed each dataplane with each MeshPassthrough entry of its mesh, each in-mesh destination (first port), one external host no policy lists (${UNLISTED_HOST.url}, ${UNLISTED_HOST.ip}, RFC 5737) and its first inbound port (a client of the inbound's protocol at fromVersion)`,
      ...notes,
      ...(requests.length > kept.length ? [`${requests.length} probes: only the first ${kept.length} were simulated`] : []),
    ],
  };
}
