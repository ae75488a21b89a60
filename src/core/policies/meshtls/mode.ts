/**
 * The TLS mode an inbound ends up with: the Mesh's enabled mTLS backend mode, overridden by the MeshTLS
 * policies that select the inbound (kuma `pkg/plugins/policies/meshtls/plugin/v1alpha1/plugin.go` configure /
 * getMeshTLSMode @ v2.14.3; goldens `pkg/xds/generator/testdata/inbound-proxy/{6,7}-envoy-config.golden.yaml`).
 * With mTLS off Kuma skips MeshTLS entirely ("skip applying MeshTLS, mTLS is disabled"), so the mode stays off.
 * MeshIdentity workload identities (Strict by default) are not modelled.
 */
import type { InboundTls } from "../../generate/inbound.js";
import type { InboundInterface } from "../../model/interfaces.js";
import type { MeshModel, MtlsMode } from "../../model/mesh.js";
import type { TargetRef } from "../../model/target-ref.js";
import type { PolicyResource } from "../../model/policy.js";
import type { MeshTlsConf, MeshTlsSpec } from "./api.js";

const MODE: Readonly<Record<string, Exclude<MtlsMode, "off">>> = { Strict: "STRICT", Permissive: "PERMISSIVE" };

function tagsMatch(selector: Readonly<Record<string, string>>, tags: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => v === "*" || tags[k] === v);
}

/**
 * Whether a policy's top-level targetRef covers this inbound (Kuma computes MeshTLS rules per inbound listener):
 * Mesh covers every inbound, MeshSubset the inbounds whose tags match, Dataplane every inbound or the one its
 * `sectionName` names (the inbound's `name`, or its port as a string).
 */
export function coversInbound(ref: TargetRef | undefined, iface: InboundInterface | undefined): boolean {
  if (!ref || !iface) return true;
  switch (ref.kind) {
    case "Mesh":
      return true;
    case "MeshSubset":
      return tagsMatch(ref.tags ?? {}, iface.tags);
    case "Dataplane":
      return ref.sectionName === undefined || ref.sectionName === iface.sectionName;
    default:
      return false;
  }
}

/** The `default`s that match all incoming traffic: `from[]` entries with targetRef Mesh, and every `rules[]` entry. */
function confsOf(spec: MeshTlsSpec): MeshTlsConf[] {
  return [...(spec.from ?? []).filter((f) => f.targetRef.kind === "Mesh").map((f) => f.default ?? {}), ...(spec.rules ?? []).map((r) => r.default ?? {})];
}

export interface MergedMeshTls {
  readonly conf: MeshTlsConf;
  /** Policies that contributed, least specific first. */
  readonly from: readonly string[];
  /** Policy that set the winning mode. */
  readonly modeFrom: string | undefined;
}

/**
 * Merges the selected MeshTLS policies (already sorted least specific first, as the pipeline selects them) for
 * one inbound: a later `mode` wins, `tlsVersion` merges field by field, `tlsCiphers` is replaced (RFC 7396 merge of
 * the confs, as Kuma's rules merge them).
 */
export function mergeMeshTls(policies: readonly PolicyResource[], iface?: InboundInterface): MergedMeshTls {
  let conf: MeshTlsConf = {};
  let modeFrom: string | undefined;
  const from: string[] = [];
  for (const p of policies) {
    const spec = p.spec as MeshTlsSpec;
    if (!coversInbound(spec.targetRef, iface)) continue;
    const confs = confsOf(spec);
    if (confs.length === 0) continue;
    from.push(p.envelope.name);
    for (const c of confs) {
      if (c.mode !== undefined) modeFrom = p.envelope.name;
      conf = {
        ...conf,
        ...(c.mode !== undefined ? { mode: c.mode } : {}),
        ...(c.tlsVersion !== undefined ? { tlsVersion: { ...conf.tlsVersion, ...c.tlsVersion } } : {}),
        ...(c.tlsCiphers !== undefined ? { tlsCiphers: c.tlsCiphers } : {}),
      };
    }
  }
  return { conf, from, modeFrom };
}

export interface TlsModeDecision extends InboundTls {
  readonly trace: readonly string[];
  /** Set when selected MeshTLS policies have no effect (mTLS off on the Mesh). */
  readonly ignored?: string;
}

/** The Mesh's own mode (getMeshTLSMode: PERMISSIVE, else STRICT when a backend is enabled). */
function meshSource(mesh: MeshModel): string {
  return `Mesh ${mesh.name}`;
}

/**
 * The effective inbound TLS mode for `iface` (or the dataplane as a whole when omitted) given the Mesh and the
 * MeshTLS policies that select the dataplane (least specific first).
 */
export function effectiveTlsMode(mesh: MeshModel, meshTlsPolicies: readonly PolicyResource[], iface?: InboundInterface): TlsModeDecision {
  const merged = mergeMeshTls(meshTlsPolicies, iface);
  const where = iface ? ` for ${iface.listenerName}` : "";
  if (mesh.mtls === "off") {
    if (merged.from.length === 0) return { mode: "off", source: meshSource(mesh), trace: [`Mesh ${mesh.name} has mTLS off${where}: inbound listeners accept plaintext`] };
    const ignored = `MeshTLS ${merged.from.join(", ")}: Mesh ${mesh.name} has mTLS off, and Kuma skips MeshTLS when mTLS is disabled ("skip applying MeshTLS, MTLS is disabled"); the inbound stays plaintext`;
    return { mode: "off", source: meshSource(mesh), trace: [ignored], ignored };
  }
  const policyMode = merged.conf.mode !== undefined ? MODE[merged.conf.mode] : undefined;
  const mode = policyMode ?? mesh.mtls;
  const source = policyMode ? `MeshTLS ${merged.modeFrom}` : meshSource(mesh);
  const trace = [
    policyMode
      ? `MeshTLS ${merged.modeFrom} sets mode ${merged.conf.mode}${where}, overriding Mesh ${mesh.name}'s ${mesh.mtls}`
      : `inbound mTLS mode ${mesh.mtls}${where} from Mesh ${mesh.name}${merged.from.length > 0 ? ` (MeshTLS ${merged.from.join(", ")} sets no mode)` : ""}`,
  ];
  return {
    mode,
    source,
    ...(merged.conf.tlsVersion ? { tlsVersion: merged.conf.tlsVersion } : {}),
    ...(merged.conf.tlsCiphers ? { tlsCiphers: merged.conf.tlsCiphers } : {}),
    trace,
  };
}
