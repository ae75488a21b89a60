/**
 * The Go address and name checks Kuma's MeshPassthrough code relies on, with Go's exact acceptance rules:
 * `net.ParseIP` / `net.ParseCIDR` (Go ≥ 1.17: no leading zeros in IPv4 octets, no zones, no brackets)
 * and govalidator's `IsIPv6` / `IsDNSName` (github.com/asaskevich/govalidator v0.0.0-20230301143203-a9d515a09cc2,
 * the version pinned in kuma `go.mod` @ v2.14.3; govalidator's `IsIP` / `IsCIDR` are `net.ParseIP` /
 * `net.ParseCIDR`). Kuma calls them from `api/v1alpha1/validator.go` validateDefault and
 * `plugin/xds/order.go` getMatchType @ v2.14.3.
 */
import { bits, parseIp, type Ip } from "../net/ip.js";

/** Go `net.ParseIP` (net/ip.go): undefined where Go returns nil. */
export function goParseIP(s: string): Ip | undefined {
  // meshsim's parser also takes `[v6]`; Go does not.
  if (s.includes("[") || s.includes("]")) return undefined;
  return parseIp(s);
}

export interface GoCidr {
  readonly ip: Ip;
  readonly prefixLen: number;
  /** `ipNet.IP.String()`: the network address (host bits cleared) in Go's text form. */
  readonly network: string;
}

function ipv4Text(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join(".");
}

/** Go `net.ParseCIDR` (net/ip.go): `addr/len`, len in decimal digits (leading zeros allowed), ≤ 32 or 128. */
export function goParseCIDR(s: string): GoCidr | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const ip = goParseIP(s.slice(0, slash));
  const mask = s.slice(slash + 1);
  if (!ip || !/^[0-9]+$/.test(mask)) return undefined;
  const prefixLen = Number(mask.length > 8 ? "999" : mask); // dtoi stops at 0xFFFFFF: anything that long is out of range
  const width = bits(ip.family);
  if (prefixLen > width) return undefined;
  const shift = BigInt(width - prefixLen);
  const net = (ip.value >> shift) << shift;
  return { ip, prefixLen, network: goIpText(ip.family, net) };
}

/** Go `net.IP.String()` of an address value: IPv4 dotted, an IPv4-mapped IPv6 address also dotted, else RFC 5952. */
function goIpText(family: Ip["family"], v: bigint): string {
  if (family === "ipv4") return ipv4Text(v);
  return v >> 32n === 0xffffn ? ipv4Text(v & 0xffffffffn) : (parseIp(v6Hex(v))?.text ?? "");
}

/** Go `net.IP.String()` of a parsed address (as `ip.String()` prints what `net.ParseCIDR` returns first). */
export function goIpString(ip: Ip): string {
  return goIpText(ip.family, ip.value);
}

function v6Hex(v: bigint): string {
  return Array.from({ length: 8 }, (_, i) => ((v >> BigInt(16 * (7 - i))) & 0xffffn).toString(16)).join(":");
}

/** govalidator `IsIPv6`: `net.ParseIP(s) != nil && strings.Contains(s, ":")`. */
export function isIPv6(s: string): boolean {
  return s.includes(":") && goParseIP(s) !== undefined;
}

// govalidator patterns.go `DNSName`.
const DNS_NAME = /^([a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62}){1}(\.[a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62})*[._]?$/;

/** govalidator `IsDNSName` (validator.go): non-empty, ≤ 255 characters besides dots, not an IP, DNSName pattern. */
export function isDNSName(s: string): boolean {
  if (s === "" || s.replaceAll(".", "").length > 255) return false;
  return goParseIP(s) === undefined && DNS_NAME.test(s);
}
