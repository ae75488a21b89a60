/**
 * internalCidrRanges: the HCM `internalAddressConfig.cidrRanges` Kuma writes (kumahq/kuma@v2.14.3
 * `pkg/xds/envoy/listeners/v3/http_connection_manager_configurer.go` — LocalHostAddresses when the list is empty —
 * and `pkg/core/xds/types.go` InternalAddressesFromCIDRs / InternalAddressToEnvoyCIDRs), retyped by hand.
 */
import { describe, expect, it } from "vitest";
import { LOCALHOST_INTERNAL_ADDRESSES, internalCidrRanges } from "./internal-addresses.js";
import { KNOWN_INTERNAL_CIDRS } from "../model/kuma-defaults.js";

describe("internalCidrRanges", () => {
  it("an empty list means localhost: 127.0.0.1/32, and ::1/128 where IPv6 prefixes are kept", () => {
    // http_connection_manager_configurer.go: `if len(c.InternalAddresses) == 0 { c.InternalAddresses = LocalHostAddresses }`
    // (types.go: 127.0.0.1/32 and ::1/128); InternalAddressToEnvoyCIDRs skips IPv6 prefixes when ipv6Enabled is false
    // (from #14652); the MeshPassthrough goldens @ 2.10.0 keep ::1/128.
    expect(LOCALHOST_INTERNAL_ADDRESSES).toEqual(["127.0.0.1/32", "::1/128"]);
    expect(internalCidrRanges([], false)).toEqual([{ addressPrefix: "127.0.0.1", prefixLen: 32 }]);
    expect(internalCidrRanges([], true)).toEqual([
      { addressPrefix: "127.0.0.1", prefixLen: 32 },
      { addressPrefix: "::1", prefixLen: 128 },
    ]);
  });
  it("kuma-cp's knownInternalCIDRs become one range each, in the configured order", () => {
    // kuma-cp.defaults.yaml ipam.knownInternalCIDRs → InternalAddressesFromCIDRs keeps the order, splitting at the slash.
    expect(internalCidrRanges(KNOWN_INTERNAL_CIDRS, false)).toEqual([
      { addressPrefix: "10.0.0.0", prefixLen: 8 },
      { addressPrefix: "192.168.0.0", prefixLen: 16 },
      { addressPrefix: "172.16.0.0", prefixLen: 12 },
      { addressPrefix: "127.0.0.1", prefixLen: 32 },
    ]);
  });
  it("the prefix is the address as written, host bits kept, not the network address", () => {
    // InternalAddressesFromCIDRs: AddressPrefix is the first result of net.ParseCIDR (the IP), `.String()`.
    expect(internalCidrRanges(["10.1.2.3/8", "fd00::1/8", "::ffff:10.0.0.1/104"], true)).toEqual([
      { addressPrefix: "10.1.2.3", prefixLen: 8 },
      { addressPrefix: "fd00::1", prefixLen: 8 },
      { addressPrefix: "10.0.0.1", prefixLen: 104 },
    ]);
  });
  it("an IPv6 prefix is written in Go's canonical text form", () => {
    // InternalAddressesFromCIDRs: AddressPrefix is net.IP.String() (compressed, lower-case IPv6).
    expect(internalCidrRanges(["FD00:0:0:0::/8"], true)).toEqual([{ addressPrefix: "fd00::", prefixLen: 8 }]);
  });
  it("prefixLen is a number, as protojson writes UInt32Value", () => {
    // types.go: PrefixLen is a wrapperspb.UInt32Value, rendered by protojson as a JSON number.
    const [r] = internalCidrRanges(["10.0.0.0/8"], false);
    expect(typeof r!["prefixLen"]).toBe("number");
  });
});
