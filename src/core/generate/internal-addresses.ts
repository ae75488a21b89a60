/**
 * The HCM `internalAddressConfig` Kuma writes on HTTP connection managers it generates (inbound listeners and
 * MeshPassthrough's HTTP chains): which source addresses Envoy treats as internal.
 */
import { goIpString, goParseCIDR } from "../go/net.js";
import type { JsonObject } from "../json.js";

/** `HttpConnectionManager.internalAddressConfig.cidrRanges` when the proxy has no internal addresses (kuma `pkg/core/xds/types.go` LocalHostAddresses). */
export const LOCALHOST_INTERNAL_ADDRESSES: readonly string[] = ["127.0.0.1/32", "::1/128"];

/**
 * CIDR strings (`10.0.0.0/8`) as Envoy CidrRanges; an empty list means localhost (http_connection_manager_configurer.go).
 * The prefix is the address as written, not its network (kumahq/kuma@v2.14.3 pkg/core/xds/types.go
 * InternalAddressesFromCIDRs: `ip, ipNet, _ := net.ParseCIDR(cidr)` then `ip.String()`), so `10.1.2.3/8` stays `10.1.2.3`;
 * Envoy masks it when matching. `keepIpv6`: whether IPv6 prefixes stay (Kuma before #14652 kept them; after it, only
 * for a data plane that reports IPv6 support, which meshsim assumes it does not).
 */
export function internalCidrRanges(internalAddresses: readonly string[], keepIpv6: boolean): JsonObject[] {
  const list = internalAddresses.length > 0 ? internalAddresses : LOCALHOST_INTERNAL_ADDRESSES;
  return list.flatMap((cidr) => {
    const c = goParseCIDR(cidr);
    // InternalAddressToEnvoyCIDRs skips IPv6 prefixes unless IPv6 is enabled (from #14652; before it, every prefix).
    if (!c || (!keepIpv6 && c.ip.family === "ipv6")) return [];
    return [{ addressPrefix: goIpString(c.ip), prefixLen: c.prefixLen }];
  });
}
