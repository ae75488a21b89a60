/** The sizes of the benchmark's snapshot; the defaults are the benchmark's own (the growth table varies one at a time). */
export interface SnapshotSize {
  /** Dataplanes (one inbound each, transparent proxy, dual stack). */
  readonly dataplanes: number;
  /** MeshPassthrough `appendMatch` entries, 20 per policy. */
  readonly passthroughEntries: number;
  /** MeshProxyPatch modifications, 2 per policy (a cluster jsonPatch and a networkFilter value patch). */
  readonly modifications: number;
}

export const BENCH_SIZE: SnapshotSize = { dataplanes: 500, passthroughEntries: 200, modifications: 100 };

/** The large snapshot of the benchmark: 500 dataplanes, 200 MeshPassthrough entries, 50 MeshProxyPatch policies (by default). */
export function largeSnapshot(size: SnapshotSize = BENCH_SIZE): unknown[] {
  const resources: unknown[] = [{ type: "Mesh", name: "default" }];
  for (let i = 0; i < size.dataplanes; i++)
    resources.push({
      type: "Dataplane",
      mesh: "default",
      name: `dp-${i}`,
      networking: {
        address: `10.${Math.floor(i / 250)}.${i % 250}.10`,
        inbound: [{ port: 8080, tags: { "kuma.io/service": `svc-${i}`, version: i % 2 === 0 ? "v1" : "v2" } }],
        transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "DualStack" },
      },
    });
  // 200 appendMatch entries over 10 policies: TLS domains, HTTP domains (ports 80/8080 only), IPs and CIDRs.
  for (let p = 0; p < Math.ceil(size.passthroughEntries / 20); p++) {
    const appendMatch: unknown[] = [];
    for (let j = 0; j < 20; j++) {
      const n = p * 20 + j;
      if (n >= size.passthroughEntries) break;
      switch (n % 4) {
        case 0:
          appendMatch.push({ type: "Domain", value: `api${n}.example.com`, port: 443, protocol: "tls" });
          break;
        case 1:
          appendMatch.push({ type: "Domain", value: `web${n}.example.org`, port: n % 8 === 1 ? 80 : 8080, protocol: "http" });
          break;
        case 2:
          appendMatch.push({ type: "IP", value: `93.184.${Math.floor(n / 200)}.${n % 200}`, port: 5432, protocol: "tcp" });
          break;
        default:
          appendMatch.push({ type: "CIDR", value: `172.${16 + (n % 16)}.${n % 250}.0/24`, port: 9000 + (n % 5), protocol: "tcp" });
      }
    }
    resources.push({ type: "MeshPassthrough", mesh: "default", name: `egress-${p}`, spec: { targetRef: { kind: "Mesh" }, default: { passthroughMode: "Matched", appendMatch } } });
  }
  for (let k = 0; k < Math.ceil(size.modifications / 2); k++)
    resources.push({
      type: "MeshProxyPatch",
      mesh: "default",
      name: `mpp-${k}`,
      spec: {
        targetRef: k % 5 === 0 ? { kind: "MeshSubset", tags: { version: "v1" } } : { kind: "Mesh" },
        default: {
          appendModifications: [
            { cluster: { operation: "Patch", match: { origin: "meshpassthrough" }, jsonPatches: [{ op: "replace", path: "/connectTimeout", value: `${k + 1}s` }] } },
            { networkFilter: { operation: "Patch", match: { name: "envoy.filters.network.tcp_proxy", listenerName: "outbound:passthrough:ipv4" }, value: `name: envoy.filters.network.tcp_proxy\ntypedConfig:\n  '@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy\n  idleTimeout: ${k + 1}m` } },
          ],
        },
      },
    });
  return resources;
}

/** 1,000 requests from a handful of dataplanes to a mix of allowed, blocked and in-mesh destinations. */
export function batchRequests(): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < 1000; i++) {
    const from = `dp-${(i % 5) * 100}`;
    switch (i % 5) {
      case 0:
        out.push({ from, to: `https://api${(i % 50) * 4}.example.com`, ip: "93.184.216.34", expect: { verdict: "passthrough" } });
        break;
      case 1:
        out.push({ from, to: `http://web${((i % 50) * 4 + 1) % 200}.example.org:8080`, ip: "203.0.113.7" });
        break;
      case 2:
        out.push({ from, to: "tcp://93.184.0.2:5432", expect: { verdict: "passthrough" } });
        break;
      case 3:
        out.push({ from, to: `http://svc-${i % 500}.mesh`, expect: { verdict: "mesh" } });
        break;
      default:
        out.push({ from, to: "https://evil.example.net", ip: "198.51.100.9", expect: { verdict: "blocked" } });
    }
  }
  return out;
}
