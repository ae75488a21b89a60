// Kuma's value-Patch merge: Merge / merge / mergeList / mergeMap in pkg/util/proto/google_proto.go
// (protobuf-go proto.Merge with Durations replaced) and MergeAnys in pkg/util/proto/any.go.
// Expected values are written by hand from that code @ v2.14.3, its test google_proto_test.go, the
// meshproxypatch *_mod_test.go cases named below and golden pkg/xds/server/v3/testdata/hook-before-pt.golden.yaml.
import { describe, expect, it } from "vitest";
import { parseEnvoyYaml } from "./proto-json.js";
import { decodeAfterJsonPatch, mergeAnys, protoMerge } from "./proto-merge.js";
import type { JsonObject } from "../json.js";

const CLUSTER = "envoy.config.cluster.v3.Cluster";
const LISTENER = "envoy.config.listener.v3.Listener";
const FILTER = "envoy.config.listener.v3.Filter";
const HTTP_FILTER = "envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter";
const VHOST = "envoy.config.route.v3.VirtualHost";
const ROUTE = "envoy.config.route.v3.Route";
const TCP_URL = "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy";
const HCM_URL = "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
const ROUTER_URL = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router";
const TLS_URL = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext";

/** Recursively freezes a value, so any mutation by the code under test throws. */
function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

function value(text: string, typeName: string): JsonObject {
  const r = parseEnvoyYaml(text, typeName, "value");
  if (!r.ok) throw new Error(`unexpected parse failure: ${r.message}`);
  return r.value;
}

function anys(dst: JsonObject | undefined, src: JsonObject | undefined): JsonObject | undefined {
  const r = mergeAnys(dst, src);
  if (!r.ok) throw new Error(`unexpected failure: ${r.message}`);
  return r.value;
}

// golden pkg/xds/server/v3/testdata/hook-before-pt.golden.yaml @ v2.13.10 (no circuitBreakers)
const PASSTHROUGH_CLUSTER_2_13: JsonObject = deepFreeze({
  name: "outbound:passthrough:ipv4",
  altStatName: "outbound_passthrough_ipv4",
  type: "ORIGINAL_DST",
  lbPolicy: "CLUSTER_PROVIDED",
  connectTimeout: "5s",
});
// same @ v2.14.3: MeshCircuitBreaker's applyTrackRemaining ran before MeshProxyPatch
const PASSTHROUGH_CLUSTER_2_14: JsonObject = deepFreeze({
  name: "outbound:passthrough:ipv4",
  altStatName: "outbound_passthrough_ipv4",
  circuitBreakers: { thresholds: [{ trackRemaining: true }] },
  connectTimeout: "5s",
  lbPolicy: "CLUSTER_PROVIDED",
  type: "ORIGINAL_DST",
});
// kuma-website non-mesh-traffic.md, the documented circuit-breaker patch
const DOCS_CB_VALUE = "circuit_breakers: { thresholds: [ { max_connections: 2048, max_pending_requests: 2048, max_requests: 2048, max_retries: 4 } ] }";

describe("the docs' passthrough circuit breaker (kuma-website non-mesh-traffic page; google_proto.go mergeList)", () => {
  it("2.13 passthrough cluster (no thresholds): exactly one threshold 2048/2048/2048/4", () => {
    expect(protoMerge(PASSTHROUGH_CLUSTER_2_13, value(DOCS_CB_VALUE, CLUSTER), CLUSTER)).toEqual({
      name: "outbound:passthrough:ipv4",
      altStatName: "outbound_passthrough_ipv4",
      type: "ORIGINAL_DST",
      lbPolicy: "CLUSTER_PROVIDED",
      connectTimeout: "5s",
      circuitBreakers: { thresholds: [{ maxConnections: 2048, maxPendingRequests: 2048, maxRequests: 2048, maxRetries: 4 }] },
    });
  });

  it("2.14 cluster (thresholds [{trackRemaining}]): appended, so two thresholds with trackRemaining first", () => {
    const out = protoMerge(PASSTHROUGH_CLUSTER_2_14, value(DOCS_CB_VALUE, CLUSTER), CLUSTER);
    expect(out["circuitBreakers"]).toEqual({
      thresholds: [{ trackRemaining: true }, { maxConnections: 2048, maxPendingRequests: 2048, maxRequests: 2048, maxRetries: 4 }],
    });
    expect(out["connectTimeout"]).toBe("5s");
  });

  it("older docs variant `connect_timeout: \"99s\"` replaces the Duration", () => {
    expect(protoMerge(PASSTHROUGH_CLUSTER_2_13, value('connect_timeout: "99s"', CLUSTER), CLUSTER)["connectTimeout"]).toBe("99s");
  });
});

describe("scalars, enums and wrappers (mergeMessage ranges over populated fields only)", () => {
  it("lbPolicy: ROUND_ROBIN (enum 0) leaves CLUSTER_PROVIDED", () => {
    expect(protoMerge(PASSTHROUGH_CLUSTER_2_13, value("lbPolicy: ROUND_ROBIN", CLUSTER), CLUSTER)["lbPolicy"]).toBe("CLUSTER_PROVIDED");
  });

  it("a non-zero enum overwrites", () => {
    expect(protoMerge(PASSTHROUGH_CLUSTER_2_13, value("lb_policy: MAGLEV", CLUSTER), CLUSTER)["lbPolicy"]).toBe("MAGLEV");
  });

  it("useOriginalDst: false over true keeps true (BoolValue merged as a message)", () => {
    const listener = deepFreeze({ name: "outbound:passthrough:ipv4", useOriginalDst: true, trafficDirection: "OUTBOUND" });
    expect(protoMerge(listener, value("useOriginalDst: false", LISTENER), LISTENER)).toEqual(listener);
  });

  it("a zero wrapper creates the field when it is absent", () => {
    expect(protoMerge({ name: "l" }, value("useOriginalDst: false", LISTENER), LISTENER)).toEqual({ name: "l", useOriginalDst: false });
  });

  it("type: STATIC (oneof member, zero) overwrites ORIGINAL_DST", () => {
    expect(protoMerge(PASSTHROUGH_CLUSTER_2_13, value("type: STATIC", CLUSTER), CLUSTER)["type"]).toBe("STATIC");
  });

  it("a string overwrites; an empty string does not", () => {
    expect(protoMerge(PASSTHROUGH_CLUSTER_2_13, { altStatName: "x" }, CLUSTER)["altStatName"]).toBe("x");
    // non-canonical input with a present zero is still treated as unpopulated
    expect(protoMerge(PASSTHROUGH_CLUSTER_2_13, { altStatName: "" }, CLUSTER)["altStatName"]).toBe("outbound_passthrough_ipv4");
  });
});

describe("oneofs (protoreflect: setting a member clears the others)", () => {
  it("clusterType clears type in cluster_discovery_type", () => {
    const out = protoMerge(PASSTHROUGH_CLUSTER_2_13, value("cluster_type: {name: envoy.clusters.dynamic_forward_proxy}", CLUSTER), CLUSTER);
    expect(out["type"]).toBeUndefined();
    expect(out["clusterType"]).toEqual({ name: "envoy.clusters.dynamic_forward_proxy" });
  });

  it("RouteMatch path replaces prefix", () => {
    const route = deepFreeze({ match: { prefix: "/" }, route: { cluster: "backend" } });
    expect(protoMerge(route, { match: { path: "/x" } }, ROUTE)).toEqual({ match: { path: "/x" }, route: { cluster: "backend" } });
  });

  it("the same message member merges recursively", () => {
    const route = deepFreeze({ route: { cluster: "backend", timeout: "15s" } });
    expect(protoMerge(route, { route: { prefixRewrite: "/v2" } }, ROUTE)).toEqual({ route: { cluster: "backend", timeout: "15s", prefixRewrite: "/v2" } });
  });
});

describe("messages, Durations, repeated fields, maps", () => {
  it("Ex 4 (cluster_mod_test.go 'should patch cluster matching name'): nested merge keeps zero wrappers", () => {
    const input = {
      name: "test:cluster",
      type: "ORIGINAL_DST",
      lbPolicy: "CLUSTER_PROVIDED",
      outlierDetection: {
        enforcingConsecutive5xx: 100,
        enforcingConsecutiveGatewayFailure: 0,
        enforcingConsecutiveLocalOriginFailure: 0,
        enforcingFailurePercentage: 0,
        enforcingSuccessRate: 0,
      },
    };
    const dst = parseEnvoyYaml(JSON.stringify(input), CLUSTER, "existing");
    expect(dst.ok && dst.value).toEqual(input); // zero UInt32Values survive decoding
    const patch = value("connectTimeout: 5s\nhttpProtocolOptions:\n  acceptHttp10: true\noutlierDetection:\n  enforcingSuccessRate: 100\n", CLUSTER);
    expect(protoMerge(deepFreeze(input), patch, CLUSTER)).toEqual({
      name: "test:cluster",
      type: "ORIGINAL_DST",
      lbPolicy: "CLUSTER_PROVIDED",
      connectTimeout: "5s",
      httpProtocolOptions: { acceptHttp10: true },
      outlierDetection: {
        enforcingConsecutive5xx: 100,
        enforcingConsecutiveGatewayFailure: 0,
        enforcingConsecutiveLocalOriginFailure: 0,
        enforcingFailurePercentage: 0,
        enforcingSuccessRate: 100,
      },
    });
  });

  it("Durations are replaced whole (google_proto_test.go 'should merge durations by replacing them')", () => {
    const dst = deepFreeze({ commonHttpProtocolOptions: { idleTimeout: "1.500s" } });
    expect(protoMerge(dst, { commonHttpProtocolOptions: { idleTimeout: "2s" } }, CLUSTER)).toEqual({ commonHttpProtocolOptions: { idleTimeout: "2s" } });
  });

  it("Ex 9 (virtual_host_test.go 'should patch a virtual host adding new route'): routes are appended", () => {
    const vhost = deepFreeze({ name: "backend", domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: "backend" } }] });
    const patch = value("routes:\n- match: {prefix: /web}\n  route: {cluster: web}\n", VHOST);
    expect(protoMerge(vhost, patch, VHOST)).toEqual({
      name: "backend",
      domains: ["*"],
      routes: [
        { match: { prefix: "/" }, route: { cluster: "backend" } },
        { match: { prefix: "/web" }, route: { cluster: "web" } },
      ],
    });
  });

  it("listener filterChains are appended (mergeList)", () => {
    const l = deepFreeze({ name: "l", filterChains: [{ name: "a" }] });
    expect(protoMerge(l, { filterChains: [{ name: "b" }] }, LISTENER)).toEqual({ name: "l", filterChains: [{ name: "a" }, { name: "b" }] });
  });

  it("maps replace per key (mergeMap): typedExtensionProtocolOptions", () => {
    const K = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";
    const url = `type.googleapis.com/${K}`;
    const dst = deepFreeze({
      typedExtensionProtocolOptions: {
        [K]: { "@type": url, commonHttpProtocolOptions: { idleTimeout: "3600s" } },
        other: { "@type": "type.googleapis.com/x.Y", a: 1 },
      },
    });
    const src = { typedExtensionProtocolOptions: { [K]: { "@type": url, explicitHttpConfig: { http2ProtocolOptions: {} } } } };
    expect(protoMerge(dst, src, CLUSTER)).toEqual({
      typedExtensionProtocolOptions: {
        [K]: { "@type": url, explicitHttpConfig: { http2ProtocolOptions: {} } },
        other: { "@type": "type.googleapis.com/x.Y", a: 1 },
      },
    });
  });

  it("map<string, Struct> metadata.filterMetadata: the 'io.kuma.tags' entry is replaced, not merged", () => {
    const dst = deepFreeze({ metadata: { filterMetadata: { "io.kuma.tags": { a: "1", b: "2" }, other: { x: true } } } });
    expect(protoMerge(dst, { metadata: { filterMetadata: { "io.kuma.tags": { c: "3" } } } }, LISTENER)).toEqual({
      metadata: { filterMetadata: { "io.kuma.tags": { c: "3" }, other: { x: true } } },
    });
  });

  it("a singular Struct merges per key (its fields map), values replaced", () => {
    const dst = deepFreeze({ lbSubsetConfig: { defaultSubset: { a: 1, b: { x: 1 } } } });
    expect(protoMerge(dst, { lbSubsetConfig: { defaultSubset: { b: { y: 2 } } } }, CLUSTER)).toEqual({
      lbSubsetConfig: { defaultSubset: { a: 1, b: { y: 2 } } },
    });
  });

  it("an Any field inside a cluster (transportSocket.typedConfig) is replaced wholesale (merged as a plain message: the bytes overwrite)", () => {
    const dst = deepFreeze({
      name: "foo-service",
      transportSocket: { name: "envoy.transport_sockets.tls", typedConfig: { "@type": TLS_URL, sni: "a", commonTlsContext: { alpnProtocols: ["kuma"] } } },
    });
    const src = value(`transportSocket: {typedConfig: {'@type': ${TLS_URL}, sni: b}}`, CLUSTER);
    expect(protoMerge(dst, src, CLUSTER)).toEqual({
      name: "foo-service",
      transportSocket: { name: "envoy.transport_sockets.tls", typedConfig: { "@type": TLS_URL, sni: "b" } },
    });
  });

  it("creates absent parents", () => {
    expect(protoMerge({}, { upstreamConnectionOptions: { tcpKeepalive: { keepaliveTime: 10 } } }, CLUSTER)).toEqual({
      upstreamConnectionOptions: { tcpKeepalive: { keepaliveTime: 10 } },
    });
  });

  it("opaque (unmodelled) messages merge loosely: objects by key, arrays append, zero scalars never overwrite", () => {
    const dst = deepFreeze({ healthChecks: [{ timeout: "1s" }], dnsResolutionConfig: { resolvers: [{ a: 1 }], opts: { useTcp: true, n: 3 } } });
    expect(protoMerge(dst, { dnsResolutionConfig: { resolvers: [{ a: 2 }], opts: { useTcp: false, n: 4 } } }, CLUSTER)).toEqual({
      healthChecks: [{ timeout: "1s" }],
      dnsResolutionConfig: { resolvers: [{ a: 1 }, { a: 2 }], opts: { useTcp: true, n: 4 } },
    });
  });
});

describe("mergeAnys (pkg/util/proto/any.go MergeAnys; network_filter_mod.go / http_filter_mod.go Patch)", () => {
  it("Ex 1: tcp_proxy idleTimeout \"3h\" merged into {cluster, statPrefix} → idleTimeout 10800s", () => {
    const existing = deepFreeze({ "@type": TCP_URL, cluster: "outbound:passthrough:ipv4", statPrefix: "outbound_passthrough_ipv4" });
    const filter = value(
      "name: envoy.filters.network.tcp_proxy\ntypedConfig:\n  '@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy\n  idleTimeout: \"3h\"\n",
      FILTER,
    );
    expect(anys(existing, filter["typedConfig"] as JsonObject)).toEqual({
      "@type": TCP_URL,
      cluster: "outbound:passthrough:ipv4",
      statPrefix: "outbound_passthrough_ipv4",
      idleTimeout: "10800s",
    });
  });

  it("Ex 7 value variant (network_filter_mod_test.go): HCM with snake_case stat_prefix gains three Durations, rendered statPrefix", () => {
    const existing = deepFreeze({
      "@type": HCM_URL,
      stat_prefix: "backend",
      rds: { configSource: { ads: {} }, routeConfigName: "outbound:backend" },
      httpFilters: [{ name: "router" }],
    });
    const patch = value(`name: envoy.filters.network.http_connection_manager\ntypedConfig:\n  '@type': ${HCM_URL}\n  streamIdleTimeout: 5s\n  requestTimeout: 2s\n  drainTimeout: 10s\n`, FILTER);
    expect(anys(existing, patch["typedConfig"] as JsonObject)).toEqual({
      "@type": HCM_URL,
      statPrefix: "backend",
      rds: { configSource: { ads: {} }, routeConfigName: "outbound:backend" },
      httpFilters: [{ name: "router" }],
      streamIdleTimeout: "5s",
      requestTimeout: "2s",
      drainTimeout: "10s",
    });
  });

  it("Ex 8 value variant (http_filter_mod_test.go): router dynamicStats false (BoolValue, previously absent) is created", () => {
    const existing = deepFreeze({ "@type": ROUTER_URL, startChildSpan: true });
    const patch = value(`name: envoy.filters.http.router\ntypedConfig:\n  '@type': ${ROUTER_URL}\n  dynamicStats: false\n`, HTTP_FILTER);
    expect(anys(existing, patch["typedConfig"] as JsonObject)).toEqual({ "@type": ROUTER_URL, dynamicStats: false, startChildSpan: true });
  });

  it("different @type → error `type URL of dst \"<a>\" is different than src \"<b>\"`", () => {
    const r = mergeAnys({ "@type": TCP_URL, cluster: "a" }, { "@type": HCM_URL, statPrefix: "x" });
    expect(r).toEqual({ ok: false, message: `type URL of dst "${TCP_URL}" is different than src "${HCM_URL}"` });
  });

  it("value without typedConfig → existing unchanged", () => {
    const existing = deepFreeze({ "@type": TCP_URL, cluster: "a", statPrefix: "s" });
    expect(anys(existing, undefined)).toEqual({ "@type": TCP_URL, cluster: "a", statPrefix: "s" });
  });

  it("existing filter without typedConfig → the value's typedConfig ('should patch resource providing config')", () => {
    expect(anys(undefined, { "@type": TCP_URL, stat_prefix: "s", idleTimeout: "1m" })).toEqual({ "@type": TCP_URL, statPrefix: "s", idleTimeout: "60s" });
    expect(anys(undefined, undefined)).toBeUndefined();
  });

  it("the merged Any is re-packed with the canonical type.googleapis.com/ prefix (MarshalAnyDeterministic)", () => {
    const url = "example.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy";
    expect(anys({ "@type": url, cluster: "a" }, { "@type": url, statPrefix: "s" })).toEqual({ "@type": TCP_URL, cluster: "a", statPrefix: "s" });
  });

  it("decode errors of either side are reported", () => {
    expect(mergeAnys({ cluster: "a" }, { "@type": TCP_URL })).toEqual({ ok: false, message: "Any JSON doesn't have '@type'" });
    expect(mergeAnys({ "@type": TCP_URL }, { "@type": TCP_URL, idleTimeout: "x" })).toEqual({
      ok: false,
      message: `can't unmarshal Any nested proto ${TCP_URL}: bad Duration: time: invalid duration "x"`,
    });
  });

  it("an unmodelled type merges loosely and says so", () => {
    const rbac = "type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC";
    const r = mergeAnys({ "@type": rbac, statPrefix: "a", rules: { policies: { p1: {} } } }, { "@type": rbac, rules: { policies: { p2: {} } } });
    expect(r).toEqual({
      ok: true,
      value: { "@type": rbac, statPrefix: "a", rules: { policies: { p1: {}, p2: {} } } },
      notes: [{ kind: "opaque-any", path: "", typeUrl: rbac }],
    });
  });
});

describe("decodeAfterJsonPatch is exported from proto-merge too (jsonpatch/merge.go step 3)", () => {
  it("re-canonicalises the patched document; a zero written by the patch unsets the field without a zero-ignored note", () => {
    expect(decodeAfterJsonPatch({ name: "l", trafficDirection: "UNSPECIFIED", continueOnListenerFiltersTimeout: false }, LISTENER)).toEqual({
      ok: true,
      value: { name: "l" },
      notes: [],
    });
    expect(decodeAfterJsonPatch({ connectTimeout: "99s", lbPolicy: "ROUND_ROBIN" }, CLUSTER)).toEqual({
      ok: true,
      value: { connectTimeout: "99s" },
      notes: [],
    });
  });

  it("Ex 6 (listener_mod_test.go): replace /enableReusePort false keeps the wrapper false", () => {
    expect(decodeAfterJsonPatch({ name: "inbound:192.168.0.1:8080", enableReusePort: false, tcpFastOpenQueueLength: 88 }, LISTENER)).toEqual({
      ok: true,
      value: { name: "inbound:192.168.0.1:8080", enableReusePort: false, tcpFastOpenQueueLength: 88 },
      notes: [],
    });
  });
});

describe("inputs are never mutated and results never alias them", () => {
  it("protoMerge", () => {
    const dst = deepFreeze({ circuitBreakers: { thresholds: [{ trackRemaining: true }] }, metadata: { filterMetadata: { a: { x: 1 } } } });
    const src = deepFreeze({ circuitBreakers: { thresholds: [{ maxConnections: 1 }] }, metadata: { filterMetadata: { b: { y: 2 } } } });
    const before = JSON.stringify([dst, src]);
    const out = protoMerge(dst, src, CLUSTER) as any;
    expect(JSON.stringify([dst, src])).toBe(before);
    expect(out.circuitBreakers.thresholds[0]).not.toBe(dst.circuitBreakers.thresholds[0]);
    expect(out.circuitBreakers.thresholds[1]).not.toBe(src.circuitBreakers.thresholds[0]);
    expect(out.metadata.filterMetadata.a).not.toBe(dst.metadata.filterMetadata.a);
    expect(Object.isFrozen(out)).toBe(false);
  });

  it("mergeAnys", () => {
    const dst = deepFreeze({ "@type": TCP_URL, cluster: "a", accessLog: [{ name: "x" }] });
    const src = deepFreeze({ "@type": TCP_URL, accessLog: [{ name: "y" }] });
    const before = JSON.stringify([dst, src]);
    const out = anys(dst, src) as any;
    expect(JSON.stringify([dst, src])).toBe(before);
    expect(out.accessLog).toEqual([{ name: "x" }, { name: "y" }]);
    expect(out.accessLog[0]).not.toBe(dst.accessLog[0]);
  });
});
