/**
 * Every behaviour that differs by Kuma minor lives in this one table. Code elsewhere asks
 * `features(version).x`; there is no `if (version >= …)` anywhere else.
 *
 * Facts and their Kuma sources: shared/reference/kuma-passthrough-core.md §6 (version history of the
 * transparent-proxy generator), kuma-meshproxypatch.md §1.3 and §2.1, kuma-meshpassthrough.md §1.
 */
import type { Violation } from "../errors.js";

/** The Kuma minors meshsim models, oldest first. */
export const SUPPORTED_MINORS = ["2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14"] as const;
export type KumaMinor = (typeof SUPPORTED_MINORS)[number];
export const NEWEST_MINOR: KumaMinor = "2.14";

/** How the generator decides whether an IPv6 passthrough set exists and which inbound port it uses. */
export type Ipv6Rule =
  /** ≤2.6: IPv6 only when `redirectPortInboundV6` ≠ 0; the inbound v6 listener uses that port (default 15010). */
  | "inbound-v6-port"
  /** 2.7–2.8: `ipFamilyMode` exists; IPv4 → none; UnSpecified with v6 port 0 → none; custom v6 port kept. */
  | "family-mode-with-v6-port"
  /** ≥2.9: IPv6 iff `ipFamilyMode` ≠ IPv4; both families share the ports. */
  | "family-mode";

export interface VersionFeatures {
  readonly minor: KumaMinor;
  /** Connect timeout Kuma writes on passthrough clusters. 10s ≤2.5 (timeout_configurer.go), 5s from 2.6.0 (commit 19b90f2a9c). */
  readonly passthroughConnectTimeout: string;
  readonly ipv6Rule: Ipv6Rule;
  /** MeshPassthrough policy exists (2.8.0+). */
  readonly meshPassthrough: boolean;
  /** Unset passthroughMode: Matched (≥2.10, and Universal before); the ≤2.9 k8s CRD defaulted to None. */
  readonly meshPassthroughCrdDefaultNone: boolean;
  /** Transparent-proxy config carried in DP metadata, and the bind-outbounds feature (2.11.0). */
  readonly tpInMetadata: boolean;
  readonly bindOutbounds: boolean;
  /** Unified resource naming is available (opt-in: DP feature + Mesh meshServices.mode Exclusive), 2.12.0. */
  readonly unifiedNaming: boolean;
  /** `self_transparentproxy_no_destination_inbound` cluster and strict inbound ports (2.13.0, commit f98b6c456b). */
  readonly noDestinationInboundCluster: boolean;
  readonly strictInboundPorts: boolean;
  /**
   * Strict inbound ports dedupe repeated inbound ports into one chain and keep the catch-all chain for a proxy
   * without inbounds (2.14.0, commits d755470133 and 8466a74713; goldens 09 and 10 @ v2.14.3).
   */
  readonly strictInboundPortsFixes: boolean;
  /** Listener-level statPrefix on unified-named listeners (2.14.0, commit f54e9a1678). */
  readonly unifiedListenerStatPrefix: boolean;
  /**
   * MeshTimeout applies inbound defaults without a policy (connect 5s, tcp idle 1h) from 2.6.0 ("unify timeouts
   * between policies", commit 19b90f2a9c; hook-before-pt golden @ 2.5.0 vs @ v2.13.10).
   */
  readonly inboundTimeoutDefaults: boolean;
  /** MeshCircuitBreaker adds `thresholds: [{trackRemaining: true}]` to every cluster (2.14.0, commit a09ff66614). */
  readonly trackRemainingOnEveryCluster: boolean;
  /** enableReusePort on the inbound passthrough listener follows `feature-reuse-port` (2.14.0); before: always false. */
  readonly reusePortFeature: boolean;
  /** Origin MeshProxyPatch gives to clusters it Adds: `mesh-proxy-patch` ≤2.11, `proxy-template-modifications` ≥2.12 (commit e1c288af50). */
  readonly addedClusterOrigin: "mesh-proxy-patch" | "proxy-template-modifications";
  /**
   * MeshProxyPatch listener-name matching treats legacy and unified passthrough listener names as equal
   * (network_filter_mod.go `systemListenerNameEquivalents`): present at v2.14.3, absent at v2.9.13. The first
   * minor is not pinned in the reference; meshsim assumes it arrived with unified naming (2.12).
   */
  readonly listenerNameEquivalence: boolean;
  /** targetRef kinds the MeshProxyPatch validator accepts (validator.go `validateTop`); MeshGateway only for system policies. */
  readonly meshProxyPatchTargetKinds: readonly string[];
  /** targetRef kinds the MeshPassthrough validator accepts. */
  readonly meshPassthroughTargetKinds: readonly string[];
  /** targetRef kinds the MeshTLS validator accepts (validator.go validateTop; Dataplane refs from 2.10). */
  readonly meshTlsTargetKinds: readonly string[];
}

const MPP_KINDS_NO_DP = ["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"] as const;
const MPP_KINDS_WITH_DP = ["Mesh", "MeshSubset", "Dataplane", "MeshService", "MeshServiceSubset"] as const;

function row(minor: KumaMinor): VersionFeatures {
  const n = Number(minor.split(".")[1]);
  return {
    minor,
    passthroughConnectTimeout: n <= 5 ? "10s" : "5s",
    ipv6Rule: n <= 6 ? "inbound-v6-port" : n <= 8 ? "family-mode-with-v6-port" : "family-mode",
    meshPassthrough: n >= 8,
    meshPassthroughCrdDefaultNone: n <= 9,
    tpInMetadata: n >= 11,
    bindOutbounds: n >= 11,
    unifiedNaming: n >= 12,
    noDestinationInboundCluster: n >= 13,
    strictInboundPorts: n >= 13,
    strictInboundPortsFixes: n >= 14,
    unifiedListenerStatPrefix: n >= 14,
    inboundTimeoutDefaults: n >= 6,
    trackRemainingOnEveryCluster: n >= 14,
    reusePortFeature: n >= 14,
    addedClusterOrigin: n <= 11 ? "mesh-proxy-patch" : "proxy-template-modifications",
    listenerNameEquivalence: n >= 12,
    // `Dataplane` targetRefs arrived in 2.10 (absent from the v2.9.13 validator, present at v2.13.x).
    meshProxyPatchTargetKinds: n >= 10 ? MPP_KINDS_WITH_DP : MPP_KINDS_NO_DP,
    meshPassthroughTargetKinds: n >= 10 ? ["Mesh", "MeshSubset", "Dataplane"] : ["Mesh", "MeshSubset"],
    meshTlsTargetKinds: n >= 10 ? ["Mesh", "MeshSubset", "Dataplane"] : ["Mesh", "MeshSubset"],
  };
}

const TABLE: ReadonlyMap<KumaMinor, VersionFeatures> = new Map(SUPPORTED_MINORS.map((m) => [m, row(m)]));

/** The feature row of a supported minor. */
export function features(minor: KumaMinor): VersionFeatures {
  const f = TABLE.get(minor);
  if (!f) throw new Error(`no version row for ${minor}`);
  return f;
}

/** All rows, oldest first (served by `GET /v1/versions`). */
export function allVersions(): readonly VersionFeatures[] {
  return SUPPORTED_MINORS.map(features);
}


/**
 * Resolves `"2.13.4"`, `"2.13"` or `"v2.13.4"` to a supported minor. An unsupported version is a
 * violation at `path` that lists what is supported.
 */
export function resolveVersion(input: string | undefined, path: string): { minor: KumaMinor } | { error: Violation } {
  if (input === undefined) return { minor: NEWEST_MINOR };
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(input.trim());
  const minor = m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
  if (minor && (SUPPORTED_MINORS as readonly string[]).includes(minor)) return { minor: minor as KumaMinor };
  return {
    error: { path, message: `unsupported Kuma version "${input}"; supported: ${SUPPORTED_MINORS.join(", ")} (patch versions like 2.13.4 select their minor)` },
  };
}
