/**
 * Defaults of kuma-cp itself (its configuration, not any resource) that change what it generates. A snapshot
 * cannot say how kuma-cp was configured, so meshsim assumes these defaults.
 */
import type { VersionFeatures } from "./versions.js";

/**
 * kuma-cp's default `ipam.knownInternalCIDRs` (kuma-cp.defaults.yaml), which become `proxy.InternalAddresses`
 * and the HCM `internalAddressConfig`. Kuma drops the IPv6 entries (fc00::/7, fd00::/8, ::1/128) unless the
 * data plane reports IPv6 support; meshsim assumes it does not.
 */
export const KNOWN_INTERNAL_CIDRS: readonly string[] = ["10.0.0.0/8", "192.168.0.0/16", "172.16.0.0/12", "127.0.0.1/32"];

/** kuma-cp's default `ipam.knownInternalCIDRs`, IPv6 entries included, in Kuma's order (kuma `pkg/config/app/kuma-cp/config.go` defaultKnownInternalCIDRs @ v2.14.3). */
export const KNOWN_INTERNAL_CIDRS_ALL: readonly string[] = ["10.0.0.0/8", "192.168.0.0/16", "172.16.0.0/12", "fc00::/7", "fd00::/8", "127.0.0.1/32", "::1/128"];

/**
 * The CIDRs Kuma writes in an HTTP connection manager's `internalAddressConfig` at a release: none before the
 * config existed (undefined: no `internalAddressConfig`), every default CIDR before the IPv6 filter (#14652), then
 * the IPv4 ones (meshsim assumes the data plane does not report IPv6 support).
 */
export function internalAddressesAt(f: Pick<VersionFeatures, "hcmInternalAddressConfig" | "internalAddressesIpv6Aware">): readonly string[] | undefined {
  if (!f.hcmInternalAddressConfig) return undefined;
  return f.internalAddressesIpv6Aware ? KNOWN_INTERNAL_CIDRS : KNOWN_INTERNAL_CIDRS_ALL;
}

/** Kuma DNS's VIP range (kuma-cp.defaults.yaml dnsServer.CIDR); MeshService & co. VIPs (241-243/8) lie inside it. */
export const MESH_VIP_RANGES: readonly (readonly [string, number])[] = [["240.0.0.0", 4]];

/**
 * kuma-cp's default IPAM CIDRs (kuma-cp.defaults.yaml `ipam.meshService.cidr`, `ipam.meshExternalService.cidr` from
 * 2.8.0, `ipam.meshMultiZoneService.cidr` from 2.9.0; unchanged to v2.14.3).
 */
export const IPAM_CIDRS: Readonly<Record<"MeshService" | "MeshExternalService" | "MeshMultiZoneService", string>> = {
  MeshService: "241.0.0.0/8",
  MeshExternalService: "242.0.0.0/8",
  MeshMultiZoneService: "243.0.0.0/8",
};

/** kuma-cp's default `multizone.zone.name` (kuma-cp.defaults.yaml @ v2.14.3): the zone a resource created on it gets. */
export const KUMA_CP_ZONE_NAME = "default";
