/**
 * `GET /v1/versions`: each supported minor's row of the version table, at its newest patch, with the policy facts
 * that depend on the release (which policy kinds exist, the targetRef kinds their validators admit) read from the
 * registry's definitions.
 */
import { kindExistsAt, type PolicyRole } from "../model/policy.js";
import { allVersions, LINE_COMMITS, releaseLabel, type VersionFeatures } from "../model/versions.js";
import { POLICIES } from "../policies/registry.js";

/** One row as the API serves it (field order is the contract). */
export type VersionRow = Readonly<Record<string, unknown>>;

function exists(kind: string, f: VersionFeatures): boolean {
  const def = POLICIES.find((p) => p.kind === kind);
  return def !== undefined && kindExistsAt(def, f.release);
}

/** The targetRef kinds a workload owner may use for `kind` at this release (empty when the kind does not exist yet). */
function targetKinds(kind: string, f: VersionFeatures, role: PolicyRole = "workload-owner"): readonly string[] {
  const def = POLICIES.find((p) => p.kind === kind);
  if (!def?.api) return [];
  // Before the kind exists, report the kinds of its first release: the row says the kind is absent anyway.
  return def.api.targetKinds(exists(kind, f) ? f : { ...f, release: def.since }, role);
}

/** The rows of `GET /v1/versions`, oldest first. */
export function versionRows(): readonly VersionRow[] {
  return allVersions().map((f) => ({
    minor: f.minor,
    passthroughConnectTimeout: f.passthroughConnectTimeout,
    ipv6Rule: f.ipv6Rule,
    meshPassthrough: exists("MeshPassthrough", f),
    meshPassthroughCrdDefaultNone: f.meshPassthroughCrdDefaultNone,
    tpInMetadata: f.tpInMetadata,
    bindOutbounds: f.bindOutbounds,
    unifiedNaming: f.unifiedNaming,
    noDestinationInboundCluster: f.noDestinationInboundCluster,
    strictInboundPorts: f.strictInboundPorts,
    strictInboundPortsFixes: f.strictInboundPortsFixes,
    unifiedListenerStatPrefix: f.unifiedListenerStatPrefix,
    inboundTimeoutDefaults: f.inboundTimeoutDefaults,
    trackRemainingOnEveryCluster: f.trackRemainingOnEveryCluster,
    reusePortFeature: f.reusePortFeature,
    addedClusterOrigin: f.addedClusterOrigin,
    listenerNameEquivalence: f.listenerNameEquivalence,
    meshProxyPatchTargetKinds: targetKinds("MeshProxyPatch", f),
    meshPassthroughTargetKinds: targetKinds("MeshPassthrough", f),
    meshTlsTargetKinds: targetKinds("MeshTLS", f),
    // How answers name the row's release, and the commit a line follows instead of a tag (null for tagged releases).
    release: releaseLabel(f.release),
    commit: LINE_COMMITS[f.minor] ? { sha: LINE_COMMITS[f.minor]!.commit, date: LINE_COMMITS[f.minor]!.date } : null,
  }));
}
