// Decoding as Kuma does: util_proto.FromYAML / FromJSON (pkg/util/proto/proto.go) =
// sigs.k8s.io/yaml YAMLToJSON + golang/protobuf v1.5.4 jsonpb.Unmarshaler{AllowUnknownFields: true}
// (jsonpb/decode.go), then util_proto.ToJSON = jsonpb.Marshaler{} (jsonpb/encode.go).
// Versions pinned in kuma go.mod @ v2.14.3. Expected values are written by hand from those sources and the Envoy protos.
import { describe, expect, it } from "vitest";
import { DecodeCache, decodeAfterJsonPatch, decodeProto, parseEnvoyYaml, MAX_DECODE_DEPTH } from "./proto-json.js";

const CLUSTER = "envoy.config.cluster.v3.Cluster";
const LISTENER = "envoy.config.listener.v3.Listener";
const FILTER = "envoy.config.listener.v3.Filter";
const HCM = "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
const TCP_URL = "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy";

function decoded(input: unknown, typeName: string) {
  const r = decodeProto(input, typeName, "value");
  if (!r.ok) throw new Error(`unexpected failure: ${r.message}`);
  return r;
}

function yaml(text: string, typeName: string) {
  const r = parseEnvoyYaml(text, typeName, "value");
  if (!r.ok) throw new Error(`unexpected failure: ${r.message}`);
  return r;
}

describe("field names (jsonpb/decode.go: proto name read first, then JSON name)", () => {
  it("accepts snake_case and renders lowerCamel: the docs' flow-style circuit breaker (non-mesh-traffic.md)", () => {
    const r = yaml(
      "circuit_breakers: { thresholds: [ { max_connections: 2048, max_pending_requests: 2048, max_requests: 2048, max_retries: 4 } ] }",
      CLUSTER,
    );
    expect(r.value).toEqual({
      circuitBreakers: { thresholds: [{ maxConnections: 2048, maxPendingRequests: 2048, maxRequests: 2048, maxRetries: 4 }] },
    });
    expect(r.notes).toEqual([]);
  });

  it("when both spellings are present the camelCase one wins, whatever the key order", () => {
    expect(decoded({ connect_timeout: "1s", connectTimeout: "2s" }, CLUSTER).value).toEqual({ connectTimeout: "2s" });
    expect(decoded({ connectTimeout: "2s", connect_timeout: "1s" }, CLUSTER).value).toEqual({ connectTimeout: "2s" });
    // a camelCase null wins too: the field is then skipped
    expect(decoded({ connect_timeout: "1s", connectTimeout: null }, CLUSTER).value).toEqual({});
  });

  it("drops unknown keys silently (AllowUnknownFields: true) and notes each one", () => {
    const r = yaml("connect_timout: 5s\nname: a", CLUSTER);
    expect(r.value).toEqual({ name: "a" });
    expect(r.notes).toEqual([{ kind: "dropped-unknown", path: "value", key: "connect_timout", typeName: CLUSTER }]);
  });

  it("drops a top-level '@type' on a non-Any message (it is no field)", () => {
    const r = decoded({ "@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster", name: "c" }, CLUSTER);
    expect(r.value).toEqual({ name: "c" });
    expect(r.notes).toEqual([{ kind: "dropped-unknown", path: "value", key: "@type", typeName: CLUSTER }]);
  });
});

describe("proto3 presence (jsonpb/encode.go omits unpopulated fields)", () => {
  it("omits explicit zero plain scalars and enum zero, with a zero-ignored note (proto3: unpopulated fields are not emitted)", () => {
    const r = yaml("lbPolicy: ROUND_ROBIN\naltStatName: ''\nrespectDnsTtl: false\nhealthChecks: []", CLUSTER);
    expect(r.value).toEqual({});
    expect(r.notes).toEqual([
      { kind: "zero-ignored", path: "value.altStatName" },
      { kind: "zero-ignored", path: "value.lbPolicy" },
      { kind: "zero-ignored", path: "value.healthChecks" },
      { kind: "zero-ignored", path: "value.respectDnsTtl" },
    ]);
  });

  it("keeps oneof members even when zero: type STATIC (cluster_discovery_type), portValue 0 (port_specifier)", () => {
    expect(yaml("type: STATIC", CLUSTER).value).toEqual({ type: "STATIC" });
    expect(yaml("upstreamBindConfig: {sourceAddress: {address: 127.0.0.6, portValue: 0}}", CLUSTER).value).toEqual({
      upstreamBindConfig: { sourceAddress: { address: "127.0.0.6", portValue: 0 } },
    });
  });

  it("keeps wrappers even when zero, as bare scalars: useOriginalDst false, enforcingSuccessRate 0", () => {
    expect(yaml("useOriginalDst: false", LISTENER).value).toEqual({ useOriginalDst: false });
    expect(yaml("outlierDetection: {enforcingSuccessRate: 0}", CLUSTER).value).toEqual({ outlierDetection: { enforcingSuccessRate: 0 } });
  });

  it("keeps empty messages: ads: {} in a ConfigSource", () => {
    expect(yaml("edsClusterConfig: {edsConfig: {ads: {}, resourceApiVersion: V3}}", CLUSTER).value).toEqual({
      edsClusterConfig: { edsConfig: { ads: {}, resourceApiVersion: "V3" } },
    });
  });

  it("a later member of the same oneof replaces an earlier one (declaration order)", () => {
    // cluster.proto declares ring_hash_lb_config before maglev_lb_config in oneof lb_config
    expect(decoded({ ringHashLbConfig: { minimumRingSize: 1024 }, maglevLbConfig: {} }, CLUSTER).value).toEqual({ maglevLbConfig: {} });
  });

  it("value: \"\" is YAML null: the empty message (jsonpb/decode.go: a top-level null is a no-op)", () => {
    expect(yaml("", CLUSTER)).toEqual({ ok: true, value: {}, notes: [] });
    expect(decoded(null, CLUSTER).value).toEqual({});
  });
});

describe("scalar kinds", () => {
  it("enums accept names or numbers and print names; unknown numbers print as numbers", () => {
    expect(decoded({ lbPolicy: 6 }, CLUSTER).value).toEqual({ lbPolicy: "CLUSTER_PROVIDED" });
    expect(decoded({ lbPolicy: 42 }, CLUSTER).value).toEqual({ lbPolicy: 42 });
    expect(decodeProto({ lbPolicy: "FOO" }, CLUSTER, "value")).toEqual({
      ok: false,
      message: 'unknown value "\\"FOO\\"" for enum envoy.config.cluster.v3.Cluster.LbPolicy',
      path: "value.lbPolicy",
    });
  });

  it("int64/uint64 (and their wrappers) print as strings; exact from quoted input", () => {
    expect(yaml("ringHashLbConfig: {minimumRingSize: 1024, maximumRingSize: '18446744073709551615'}", CLUSTER).value).toEqual({
      ringHashLbConfig: { minimumRingSize: "1024", maximumRingSize: "18446744073709551615" },
    });
  });

  it("32-bit integers accept quoted numbers and reject fractions with Go's json error", () => {
    expect(decoded({ perConnectionBufferLimitBytes: "12" }, CLUSTER).value).toEqual({ perConnectionBufferLimitBytes: 12 });
    expect(decodeProto({ perConnectionBufferLimitBytes: 1.5 }, CLUSTER, "value")).toMatchObject({
      ok: false,
      message: "json: cannot unmarshal number 1.5 into Go value of type uint32",
    });
    expect(decodeProto({ perConnectionBufferLimitBytes: -1 }, CLUSTER, "value")).toMatchObject({
      message: "json: cannot unmarshal number -1 into Go value of type uint32",
    });
  });

  it("strings and bools must have their JSON kind", () => {
    expect(decodeProto({ name: 5 }, CLUSTER, "value")).toMatchObject({ message: "json: cannot unmarshal number into Go value of type string" });
    expect(decodeProto({ respectDnsTtl: "true" }, CLUSTER, "value")).toMatchObject({ message: "json: cannot unmarshal string into Go value of type bool" });
  });

  it("lists and messages must have their JSON kind", () => {
    expect(decodeProto({ filters: {} }, CLUSTER, "value")).toMatchObject({
      message: "json: cannot unmarshal object into Go value of type []json.RawMessage",
      path: "value.filters",
    });
    expect(decodeProto("foo", CLUSTER, "value")).toMatchObject({ message: "json: cannot unmarshal string into Go value of type map[string]json.RawMessage" });
  });

  it("bytes are standard base64, re-encoded canonically", () => {
    const ts = (inlineBytes: unknown) => ({
      transportSocket: {
        name: "tls",
        typedConfig: {
          "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
          commonTlsContext: { validationContext: { trustedCa: { inlineBytes } } },
        },
      },
    });
    const ok = decoded(ts("aGVs\nbG8="), CLUSTER).value as any;
    expect(ok.transportSocket.typedConfig.commonTlsContext.validationContext.trustedCa).toEqual({ inlineBytes: "aGVsbG8=" });
    const bad = decodeProto(ts("a!=="), CLUSTER, "value");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/illegal base64 data at input byte 1$/);
  });
});

describe("Duration (jsonpb: time.ParseDuration in, seconds out)", () => {
  const cases: [string, string][] = [
    ["3h", "10800s"],
    ["99s", "99s"],
    ["1m30s", "90s"],
    ["500ms", "0.500s"],
    ["1.5h", "5400s"],
    ["1us", "0.000001s"],
    ["1ns", "0.000000001s"],
    ["1s500us", "1.000500s"],
    ["-1.5s", "-1.500s"],
    ["0", "0s"],
    ["0s", "0s"],
  ];
  for (const [input, output] of cases) {
    it(`${input} → ${output}`, () => {
      expect(decoded({ connectTimeout: input }, CLUSTER).value).toEqual({ connectTimeout: output });
    });
  }

  it("bad durations fail with Go's messages", () => {
    expect(decodeProto({ connectTimeout: "x" }, CLUSTER, "value")).toEqual({
      ok: false,
      message: 'bad Duration: time: invalid duration "x"',
      path: "value.connectTimeout",
    });
    expect(decodeProto({ connectTimeout: "5" }, CLUSTER)).toMatchObject({ message: 'bad Duration: time: missing unit in duration "5"' });
    expect(decodeProto({ connectTimeout: "5d" }, CLUSTER)).toMatchObject({ message: 'bad Duration: time: unknown unit "d" in duration "5d"' });
    expect(decodeProto({ connectTimeout: 5 }, CLUSTER)).toMatchObject({ message: "json: cannot unmarshal number into Go value of type string" });
  });
});

describe("Any (jsonpb: '@type' required, payload decoded by its type)", () => {
  it("decodes the payload with the same snake/camel and unknown-key rules", () => {
    const r = yaml(
      "name: envoy.filters.network.tcp_proxy\ntypedConfig:\n  '@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy\n  idleTimeout: \"3h\"\n  stat_prefix: x\n  bogus: 1\n",
      FILTER,
    );
    expect(r.value).toEqual({
      name: "envoy.filters.network.tcp_proxy",
      typedConfig: { "@type": TCP_URL, idleTimeout: "10800s", statPrefix: "x" },
    });
    expect(r.notes).toEqual([
      { kind: "dropped-unknown", path: "value.typedConfig", key: "bogus", typeName: "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy" },
    ]);
  });

  it("an Any without '@type' fails: Any JSON doesn't have '@type'", () => {
    expect(decodeProto({ name: "x", typedConfig: { cluster: "a" } }, FILTER, "value")).toEqual({
      ok: false,
      message: "Any JSON doesn't have '@type'",
      path: "value.typedConfig",
    });
  });

  it("errors inside the payload are wrapped like jsonpb: can't unmarshal Any nested proto <url>: ...", () => {
    expect(decodeProto({ typedConfig: { "@type": TCP_URL, idleTimeout: "x" } }, FILTER, "value")).toEqual({
      ok: false,
      message: `can't unmarshal Any nested proto ${TCP_URL}: bad Duration: time: invalid duration "x"`,
      path: "value.typedConfig.idleTimeout",
    });
  });

  it("an unmodelled type keeps its payload verbatim (keys sorted) with an opaque-any note", () => {
    const rbac = "type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC";
    const r = decoded({ name: "rbac", typedConfig: { "@type": rbac, stat_prefix: "s", rules: { policies: {} } } }, FILTER);
    expect(r.value).toEqual({ name: "rbac", typedConfig: { "@type": rbac, rules: { policies: {} }, stat_prefix: "s" } });
    expect(r.notes).toEqual([{ kind: "opaque-any", path: "value.typedConfig", typeUrl: rbac }]);
  });

  it("a well-known payload goes under 'value'", () => {
    const url = "type.googleapis.com/google.protobuf.Duration";
    expect(decoded({ typedConfig: { "@type": url, value: "1m" } }, FILTER).value).toEqual({ typedConfig: { "@type": url, value: "60s" } });
    expect(decodeProto({ typedConfig: { "@type": url } }, FILTER)).toMatchObject({ message: `can't unmarshal Any nested proto ${url}: Any JSON doesn't have 'value'` });
  });
});

describe("maps and Struct keep keys verbatim", () => {
  it("metadata.filterMetadata['io.kuma.tags'] (map<string, Struct>)", () => {
    const r = decoded({ metadata: { filter_metadata: { "io.kuma.tags": { "kuma.io/service": "web", n: 1, l: [true, null] } } } }, LISTENER);
    expect(r.value).toEqual({ metadata: { filterMetadata: { "io.kuma.tags": { "kuma.io/service": "web", n: 1, l: [true, null] } } } });
  });

  it("typedExtensionProtocolOptions keyed by envoy.extensions.upstreams.http.v3.HttpProtocolOptions", () => {
    const url = "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions";
    const r = yaml(
      `typed_extension_protocol_options:\n  envoy.extensions.upstreams.http.v3.HttpProtocolOptions:\n    '@type': ${url}\n    explicit_http_config: {http2_protocol_options: {}}\n    common_http_protocol_options: {idle_timeout: 1h}\n`,
      CLUSTER,
    );
    expect(r.value).toEqual({
      typedExtensionProtocolOptions: {
        "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
          "@type": url,
          explicitHttpConfig: { http2ProtocolOptions: {} },
          commonHttpProtocolOptions: { idleTimeout: "3600s" },
        },
      },
    });
  });

  it("a '__proto__' key in a Struct stays data", () => {
    const input = JSON.parse('{"metadata":{"filterMetadata":{"x":{"__proto__":{"polluted":true}}}}}') as unknown;
    const r = decoded(input, LISTENER).value as any;
    expect(Object.prototype.hasOwnProperty.call(r.metadata.filterMetadata.x, "__proto__")).toBe(true);
    expect(({} as any).polluted).toBeUndefined();
  });
});

describe("HCM typed config (network_filter_mod_test.go: stat_prefix rendered statPrefix)", () => {
  it("decodes snake_case HCM fields", () => {
    const r = decoded({ stat_prefix: "backend", rds: { configSource: { ads: {} }, routeConfigName: "outbound:backend" }, httpFilters: [{ name: "router" }] }, HCM);
    expect(r.value).toEqual({ statPrefix: "backend", rds: { configSource: { ads: {} }, routeConfigName: "outbound:backend" }, httpFilters: [{ name: "router" }] });
  });
});

describe("parseEnvoyYaml parse failures (ValidateResourceYAML in pkg/core/resources/apis/mesh/validators.go)", () => {
  it("invalid YAML is re-read as JSON and reports Go's JSON error: '{' → unexpected EOF (validator_test.go)", () => {
    const r = parseEnvoyYaml("{", CLUSTER, "value");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toBe("unexpected EOF");
      expect(r.yamlErrors?.length).toBe(1);
    }
  });

  it("other JSON syntax errors use encoding/json's texts", () => {
    expect(parseEnvoyYaml("{a", CLUSTER, "value")).toMatchObject({ ok: false, message: "invalid character 'a' looking for beginning of object key string" });
    expect(parseEnvoyYaml("[1,", CLUSTER, "value")).toMatchObject({ ok: false, message: "unexpected EOF" });
  });

  it("invalid YAML that is valid JSON (duplicate key) is accepted by the validator, with a note", () => {
    const r = parseEnvoyYaml('{"name": "a", "name": "b"}', CLUSTER, "value");
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toEqual({ name: "b" }); // Go's json: last duplicate wins
      expect(r.notes[0]?.kind).toBe("yaml-json-fallback");
    }
  });

  it("json.Decoder reads only the first value: '{} }' decodes as the empty message", () => {
    const r = parseEnvoyYaml("{} }", CLUSTER, "value");
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual({});
  });

  it("YAML meshsim refuses for safety (anchors) reports the YAML message, not a JSON one", () => {
    const r = parseEnvoyYaml("name: &a x", CLUSTER, "value");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^YAML anchors are not accepted/);
  });

  it("YAML 1.1 booleans (sigs.k8s.io/yaml): yes is true", () => {
    expect(yaml("useOriginalDst: yes", LISTENER).value).toEqual({ useOriginalDst: true });
  });
});

describe("decodeAfterJsonPatch (jsonpatch/merge.go step 3: re-parse into a fresh message)", () => {
  it("drops keys made unknown, lets an existing camelCase key win over an added snake_case one, re-canonicalises", () => {
    const patched = { name: "c", connectTimeout: "99s", connect_timeout: "1s", cluster_name_typo: "x", lb_policy: "MAGLEV" };
    const r = decodeAfterJsonPatch(patched, CLUSTER);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toEqual({ name: "c", connectTimeout: "99s", lbPolicy: "MAGLEV" });
      expect(r.notes).toEqual([{ kind: "dropped-unknown", path: "", key: "cluster_name_typo", typeName: CLUSTER }]);
    }
  });

  it("a number where a Duration is expected fails at re-parse (jsonpb/decode.go Duration: unquoteString)", () => {
    expect(decodeAfterJsonPatch({ connectTimeout: 99 }, CLUSTER)).toMatchObject({ ok: false, message: "json: cannot unmarshal number into Go value of type string" });
  });

  it("an unmodelled type name keeps the document verbatim", () => {
    const r = decodeAfterJsonPatch({ b: 1, a: { z: 0 } }, "envoy.extensions.filters.network.rbac.v3.RBAC");
    expect(r).toEqual({
      ok: true,
      value: { a: { z: 0 }, b: 1 },
      notes: [{ kind: "opaque-message", path: "", typeName: "envoy.extensions.filters.network.rbac.v3.RBAC" }],
    });
  });
});

describe("robustness", () => {
  it("does not mutate its input", () => {
    const input = Object.freeze({ connect_timeout: "3h", circuit_breakers: Object.freeze({ thresholds: Object.freeze([Object.freeze({ max_connections: 1 })]) }) });
    const before = JSON.stringify(input);
    decoded(input, CLUSTER);
    expect(JSON.stringify(input)).toBe(before);
  });

  it("fails instead of overflowing the stack on absurd nesting", () => {
    let v: unknown = {};
    for (let i = 0; i < 5000; i++) v = { l: [v] };
    const r = decodeProto({ metadata: { filterMetadata: { x: v } } }, CLUSTER);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("exceeded max depth") });
  });

  it("sorts output keys", () => {
    const r = decoded({ type: "EDS", name: "a", altStatName: "b" }, CLUSTER);
    expect(Object.keys(r.value)).toEqual(["altStatName", "name", "type"]);
  });
});

describe("DecodeCache: canonical subtrees come back as they are", () => {
  const cluster = { name: "c", connect_timeout: "5s", circuitBreakers: { thresholds: [{ maxConnections: 1024 }] } };

  it("a decoded output decoded again is returned itself, equal to an uncached decode, and frozen", () => {
    const cache = new DecodeCache();
    const first = decodeProto(cluster, CLUSTER, "", cache);
    expect(first).toEqual({ ok: true, value: { circuitBreakers: { thresholds: [{ maxConnections: 1024 }] }, connectTimeout: "5s", name: "c" }, notes: [] });
    if (!first.ok) return;
    const again = decodeProto(first.value, CLUSTER, "", cache);
    expect(again.ok && again.value).toBe(first.value);
    expect(decodeProto(first.value, CLUSTER)).toEqual(again);
    expect(Object.isFrozen(first.value) && Object.isFrozen(first.value["circuitBreakers"])).toBe(true);
  });

  it("a copy with one member replaced re-decodes only that member and shares the rest", () => {
    const cache = new DecodeCache();
    const first = decodeProto(cluster, CLUSTER, "", cache);
    if (!first.ok) throw new Error(first.message);
    const next = decodeAfterJsonPatch({ ...first.value, connectTimeout: "1.5s" }, CLUSTER, "", cache);
    expect(next).toEqual({ ok: true, value: { circuitBreakers: { thresholds: [{ maxConnections: 1024 }] }, connectTimeout: "1.500s", name: "c" }, notes: [] });
    expect(next.ok && next.value["circuitBreakers"]).toBe(first.value["circuitBreakers"]);
  });

  it("subtrees that gave notes are never taken from the cache: the same notes every time", () => {
    const cache = new DecodeCache();
    const withUnknown = { name: "c", circuitBreakers: { thresholds: [{ maxConnections: 1, bogus: 1 }] } };
    const note = { kind: "dropped-unknown", path: "circuitBreakers.thresholds[0]", key: "bogus", typeName: "envoy.config.cluster.v3.CircuitBreakers.Thresholds" };
    expect(decodeProto(withUnknown, CLUSTER, "", cache)).toMatchObject({ ok: true, notes: [note] });
    expect(decodeProto(withUnknown, CLUSTER, "", cache)).toMatchObject({ ok: true, notes: [note] });
  });

  it("a cached subtree placed deeper than the depth limit still fails as an uncached decode does", () => {
    const cache = new DecodeCache();
    // A Struct nested 150 levels: recorded with its height, then reused under 60 more levels.
    let inner: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 150; i++) inner = { n: inner };
    const first = decodeProto(inner, "google.protobuf.Struct", "", cache);
    if (!first.ok) throw new Error(first.message);
    let outer: Record<string, unknown> = first.value as Record<string, unknown>;
    for (let i = 0; i < 60; i++) outer = { n: outer };
    expect(decodeProto(outer, "google.protobuf.Struct", "", cache)).toEqual(decodeProto(outer, "google.protobuf.Struct"));
    const uncached = decodeProto(outer, "google.protobuf.Struct");
    expect(uncached.ok === false && uncached.message.endsWith(": exceeded max depth")).toBe(true);
    expect(MAX_DECODE_DEPTH).toBe(200);
  });
});
