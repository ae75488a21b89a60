/** IP address helpers: parsing (Go net.ParseIP rules: no leading zeros in IPv4), families, prefixes. */

export type Family = "ipv4" | "ipv6";

export interface Ip {
  readonly family: Family;
  /** Address as an unsigned integer (32 or 128 bits). */
  readonly value: bigint;
  /** Canonical text form. */
  readonly text: string;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function parseV6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.length > 45) return undefined;
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const words = (h: string): number[] | undefined => {
    if (h === "") return [];
    const out: number[] = [];
    const groups = h.split(":");
    for (const [i, g] of groups.entries()) {
      if (i === groups.length - 1 && g.includes(".")) {
        const v4 = parseV4(g);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return undefined;
    }
    return out;
  };
  const head = words(halves[0]!);
  const tail = halves.length === 2 ? words(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || (halves.length === 2 && fill < 1)) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  return all.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

function v6Text(v: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(16 * (7 - i))) & 0xffffn));
  // Longest run of zero words (≥2) becomes "::" (RFC 5952).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

/** Parses an IPv4 or IPv6 literal (IPv6 may be bracketed). */
export function parseIp(input: string): Ip | undefined {
  const s = input.startsWith("[") && input.endsWith("]") ? input.slice(1, -1) : input;
  const v4 = parseV4(s);
  if (v4 !== undefined) return { family: "ipv4", value: v4, text: s };
  if (!s.includes(":")) return undefined;
  const v6 = parseV6(s);
  return v6 === undefined ? undefined : { family: "ipv6", value: v6, text: v6Text(v6) };
}

export const bits = (f: Family): number => (f === "ipv4" ? 32 : 128);

/** Whether `ip` lies in `prefix/len` (same family only). */
export function inPrefix(ip: Ip, prefix: Ip, len: number): boolean {
  if (ip.family !== prefix.family || len < 0 || len > bits(ip.family)) return false;
  const shift = BigInt(bits(ip.family) - len);
  return ip.value >> shift === prefix.value >> shift;
}

export function isLoopback(ip: Ip): boolean {
  return ip.family === "ipv4" ? ip.value >> 24n === 127n : ip.value === 1n;
}

/** The any-address Envoy binds for a family. */
export const ANY_ADDRESS: Readonly<Record<Family, string>> = { ipv4: "0.0.0.0", ipv6: "::" };

/** Whether `ip` is `cidr` (an address, or `address/len`). */
export function inCidr(ip: Ip, cidr: string): boolean {
  const [addr, len] = cidr.split("/");
  const net = parseIp(addr ?? "");
  if (!net) return false;
  const bitsLen = len === undefined ? bits(net.family) : Number(len);
  return Number.isInteger(bitsLen) && inPrefix(ip, net, bitsLen);
}
