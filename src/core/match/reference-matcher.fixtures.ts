/**
 * A brute-force reference of Envoy's filter-chain lookup, written separately from src/core/match for the
 * property tests. It follows Envoy's own shape (filter_chain_manager_impl.cc): the chains are first
 * indexed into a tree port → destination prefix → server name → transport → application protocol, then
 * the connection walks the tree taking the most specific branch at each level, never backing up.
 */
type Fcm = {
  destinationPort?: number;
  prefixRanges?: { addressPrefix: string; prefixLen?: number }[];
  serverNames?: string[];
  transportProtocol?: string;
  applicationProtocols?: string[];
};
export interface RefChain {
  filterChainMatch?: Fcm;
}
export interface RefConnection {
  port: number;
  ip: string;
  sni?: string;
  transport: string;
  alpn: string[];
}

// --- tiny IP handling (IPv4 and IPv6 as bit strings), independent of src/core/net ---
function bitsOf(ip: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return ip.split(".").map((o) => Number(o).toString(2).padStart(8, "0")).join("");
  if (!ip.includes(":")) return undefined;
  const [head, tail] = ip.includes("::") ? ip.split("::") : [ip, undefined];
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const zeros = tail !== undefined ? 8 - h.length - t.length : 0;
  const groups = [...h, ...Array(zeros).fill("0"), ...t];
  return groups.map((g) => parseInt(g, 16).toString(2).padStart(16, "0")).join("");
}

type Tree<T> = Map<string, T>;

/** Returns the index of the chosen chain, or undefined when Envoy would close the connection. */
export function referenceSelect(chains: readonly RefChain[], c: RefConnection): number | undefined {
  // Build: port ("" = any) → prefix bits ("" = any) → server name ("" = any, "*.x" wildcard) → transport → alpn → first chain index.
  const tree: Tree<Tree<Tree<Tree<Tree<number>>>>> = new Map();
  chains.forEach((ch, i) => {
    const m = ch.filterChainMatch ?? {};
    const ports = [m.destinationPort === undefined ? "" : String(m.destinationPort)];
    const prefixes = (m.prefixRanges ?? []).length === 0 ? [""] : m.prefixRanges!.map((r) => (bitsOf(r.addressPrefix) ?? "x").slice(0, r.prefixLen ?? 128) + (bitsOf(r.addressPrefix)!.length === 32 ? "|4" : "|6"));
    const names = (m.serverNames ?? []).length === 0 ? [""] : m.serverNames!.map((s) => s.toLowerCase());
    const transports = [m.transportProtocol ?? ""];
    const alpns = (m.applicationProtocols ?? []).length === 0 ? [""] : m.applicationProtocols!;
    for (const p of ports)
      for (const pr of prefixes)
        for (const n of names)
          for (const t of transports)
            for (const a of alpns) {
              const l1 = tree.get(p) ?? tree.set(p, new Map()).get(p)!;
              const l2 = l1.get(pr) ?? l1.set(pr, new Map()).get(pr)!;
              const l3 = l2.get(n) ?? l2.set(n, new Map()).get(n)!;
              const l4 = l3.get(t) ?? l3.set(t, new Map()).get(t)!;
              if (!l4.has(a)) l4.set(a, i);
            }
  });
  // Walk.
  const byPort = tree.get(String(c.port)) ?? tree.get("");
  if (!byPort) return undefined;
  const ipBits = bitsOf(c.ip)!;
  const fam = ipBits.length === 32 ? "|4" : "|6";
  let bestPrefix: string | undefined;
  for (const key of byPort.keys()) {
    if (key === "") continue;
    const [bitsPart, f] = [key.slice(0, -2), key.slice(-2)];
    if (f === fam && ipBits.startsWith(bitsPart) && (bestPrefix === undefined || bitsPart.length > bestPrefix.slice(0, -2).length)) bestPrefix = key;
  }
  const byIp = bestPrefix !== undefined ? byPort.get(bestPrefix) : byPort.get("");
  if (!byIp) return undefined;
  let byName: Tree<Tree<number>> | undefined;
  const sni = c.sni?.toLowerCase();
  if (sni !== undefined && byIp.has(sni)) byName = byIp.get(sni);
  else if (sni !== undefined) {
    // Wildcards from the longest suffix: ".b.c.d", ".c.d", ".d".
    const labels = sni.split(".");
    for (let i = 1; i < labels.length && !byName; i++) byName = byIp.get(`*.${labels.slice(i).join(".")}`);
  }
  byName ??= byIp.get("");
  if (!byName) return undefined;
  const byTransport = byName.get(c.transport) ?? byName.get("");
  if (!byTransport) return undefined;
  for (const a of c.alpn) if (byTransport.has(a)) return byTransport.get(a);
  return byTransport.get("");
}
