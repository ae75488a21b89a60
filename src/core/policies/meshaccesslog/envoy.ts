/**
 * The Envoy access loggers and collector clusters MeshAccessLog writes (kuma
 * `pkg/plugins/policies/meshaccesslog/plugin/xds/configurer.go` BaseAccessLogBuilder, TCPBackendSFS, FileBackendSFS,
 * OtelBody, OtelAttributes, OtelResourceAttributes, ClusterForEndpoint; `plugin/xds/clusters.go` AddLogBackendConf;
 * `pkg/envoy/builders/accesslog/accesslog.go` @ v2.14.3, and the `commonConfig` shape @ v2.13.10). Values are
 * protojson, as the rest of meshsim's config.
 *
 * Pure: inputs are never mutated; the endpoint accumulator is a value the caller threads through.
 */
import { isJsonObject, type Json, type JsonObject } from "../../json.js";
import type { VersionFeatures } from "../../model/versions.js";
import { DEFAULT_NETWORK_ACCESS_LOG_FORMAT, interpolateKumaValues, type KumaValues as TrafficLogKumaValues } from "../../generate/traffic-log.js";
import { goParseIP } from "../../go/net.js";
import {
  ACCESS_LOG_TYPE_URL,
  ACCESS_LOGGER,
  HTTP_PROTOCOL_OPTIONS_EXTENSION,
  INBOUND_TYPE_URL,
  meshAccessLogOtelClusterName,
  sanitizeStatName,
  TYPE_URL,
  type NamingScheme,
} from "../../xds/names.js";
import type { MalBackend, MalFormat, MalMatch } from "./api.js";

/** configurer.go defaultNetworkAccessLogFormat @ v2.14.3 (the same from 2.5.0): the one TrafficLog uses. */
export const DEFAULT_NETWORK_FORMAT = DEFAULT_NETWORK_ACCESS_LOG_FORMAT;
/** configurer.go defaultHttpAccessLogFormat @ v2.14.3 (the same from 2.5.0). */
export const DEFAULT_HTTP_FORMAT =
  '[%START_TIME%] %KUMA_MESH% "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-B3-TRACEID?X-DATADOG-TRACEID)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%KUMA_SOURCE_SERVICE%" "%KUMA_DESTINATION_SERVICE%" "%KUMA_SOURCE_ADDRESS_WITHOUT_PORT%" "%UPSTREAM_HOST%"';

/** Kuma's `listeners_v3.KumaValues`: what the %KUMA_*% placeholders of one listener stand for. */
export interface KumaValues extends TrafficLogKumaValues {
  /** `kuma.io/zone` of the dataplane (2.14+). */
  readonly zone: string;
  /** The Workload KRI of the dataplane's `kuma.io/workload` label (2.14+). */
  readonly workloadKri: string;
}

// kumahq/kuma@v2.14.3 pkg/xds/envoy/listeners/v3/access_log_configurer.go InterpolateKumaValues (zone and workload from v2.14.0)
export function interpolate(format: string, v: KumaValues, f: VersionFeatures): string {
  const base = interpolateKumaValues(format, v);
  if (!f.malOtelResourceAttributes) return base;
  const later: [string, string][] = [
    ["%KUMA_ZONE%", v.zone],
    ["%KUMA_WORKLOAD%", v.workloadKri],
  ];
  // Replaced after the others, in Kuma's order; strings.ReplaceAll is literal, hence the function replacement.
  return later.reduce((out, [placeholder, value]) => out.replaceAll(placeholder, () => value), base);
}

/** configurer.go sfsPlain / sfsJSON: a SubstitutionFormatString (protojson drops `omitEmptyValues: false`). */
function sfs(format: JsonObject, omitEmpty: boolean): JsonObject {
  return { ...format, ...(omitEmpty ? { omitEmptyValues: true } : {}) };
}

/** configurer.go jsonToFields: a Go map, so a repeated key keeps its last value; protojson sorts a Struct's keys. */
function jsonFields(json: readonly { key: string; value: string }[], v: KumaValues, f: VersionFeatures): JsonObject {
  const m = new Map<string, string>();
  for (const kv of json) m.set(kv.key, interpolate(kv.value, v, f));
  return Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// kumahq/kuma@v2.14.3 plugin/xds/configurer.go FileBackendSFS
function fileLogFormat(format: MalFormat | undefined, defaultFormat: string, v: KumaValues, f: VersionFeatures): JsonObject {
  if (!format) return sfs({ textFormatSource: { inlineString: interpolate(`${defaultFormat}\n`, v, f) } }, false);
  if (format.plain !== undefined) return sfs({ textFormatSource: { inlineString: interpolate(`${format.plain}\n`, v, f) } }, format.omitEmptyValues ?? false);
  return sfs({ jsonFormat: jsonFields(format.json ?? [], v, f) }, format.omitEmptyValues ?? false);
}

// kumahq/kuma@v2.14.3 plugin/xds/configurer.go TCPBackendSFS: a JSON line {address, message} to kuma-dp's socket
function tcpLogFormat(address: string, format: MalFormat | undefined, defaultFormat: string, v: KumaValues, f: VersionFeatures): JsonObject {
  if (!format) return sfs({ jsonFormat: { address, message: interpolate(`${defaultFormat}\n`, v, f) } }, false);
  if (format.plain !== undefined) return sfs({ jsonFormat: { address, message: interpolate(`${format.plain}\n`, v, f) } }, format.omitEmptyValues ?? false);
  return sfs({ jsonFormat: { address, message: jsonFields(format.json ?? [], v, f) } }, format.omitEmptyValues ?? false);
}

/** A collector endpoint (configurer.go LoggingEndpoint). */
export interface OtelEndpoint {
  readonly address: string;
  readonly port: number;
  readonly http2: boolean;
}

/**
 * The OpenTelemetry collectors the access logs of one proxy send to, by first use (configurer.go EndpointAccumulator):
 * the n-th distinct endpoint gets cluster `meshaccesslog:opentelemetry:<n>` (or its unified name).
 */
export interface EndpointAccumulator {
  readonly endpoints: readonly OtelEndpoint[];
}

const endpointKey = (e: OtelEndpoint) => `${e.address}\u0000${e.port}\u0000${e.http2}`;

/** configurer.go ClusterForEndpoint: the cluster name, and the accumulator with the endpoint recorded. */
export function clusterForEndpoint(acc: EndpointAccumulator, e: OtelEndpoint, scheme: NamingScheme): { name: string; acc: EndpointAccumulator } {
  let i = acc.endpoints.findIndex((x) => endpointKey(x) === endpointKey(e));
  let next = acc;
  if (i < 0) {
    i = acc.endpoints.length;
    next = { endpoints: [...acc.endpoints, e] };
  }
  return { name: meshAccessLogOtelClusterName(i, e.address, e.port, scheme), acc: next };
}

/**
 * The collector of an inline `endpoint`: before 2.14 configurer.go EndpointForOtel (split at `:`, port 4317 when
 * absent, 0 when not a number); from 2.14 policies_xds ParseOtelEndpoint (a URL's host and port, a bare IPv6 address
 * whole) and ResolveAddressForDirectExport (an empty host is 127.0.0.1 without the node's host IP).
 */
export function otelEndpoint(endpoint: string, f: VersionFeatures): OtelEndpoint {
  if (!f.malOtelResourceAttributes) {
    const parts = endpoint.split(":");
    const port = parts.length > 1 ? (/^[+-]?\d+$/.test(parts[1]!) ? Number(parts[1]) : 0) : 4317;
    return { address: parts[0]!, port: port < 0 || port > 0x7fffffff ? 0 : port >>> 0, http2: true };
  }
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/core/xds/otel.go ParseOtelEndpoint
  if ((endpoint.match(/:/g) ?? []).length > 1 && !endpoint.includes("[")) return { address: endpoint, port: 4317, http2: true };
  const m = /^(?:\[([^\]]*)\]|([^:/?#]*))(?::(\d*))?(?:[/?#].*)?$/.exec(endpoint);
  const host = m ? (m[1] ?? m[2] ?? "") : "";
  if (!m || host === "") return { address: endpoint === "" ? "127.0.0.1" : endpoint, port: 4317, http2: true };
  const p = m[3] !== undefined && m[3] !== "" ? Number(m[3]) : 0;
  return { address: host, port: p > 0 && p <= 65535 ? p : 4317, http2: true };
}

/** The placeholders of an OTLP AnyValue (configurer.go interpolateKumaVariablesInAnyValue): strings and kvlist keys. */
function interpolateAnyValue(val: Json, v: KumaValues, f: VersionFeatures): Json {
  if (!isJsonObject(val)) return val;
  if (typeof val["stringValue"] === "string") return { ...val, stringValue: interpolate(val["stringValue"], v, f) };
  const arr = val["arrayValue"];
  if (isJsonObject(arr) && Array.isArray(arr["values"])) return { ...val, arrayValue: { ...arr, values: arr["values"].map((x) => interpolateAnyValue(x, v, f)) } };
  const kv = val["kvlistValue"];
  if (isJsonObject(kv) && Array.isArray(kv["values"]))
    return {
      ...val,
      kvlistValue: {
        ...kv,
        values: kv["values"].map((e) =>
          isJsonObject(e) ? { ...e, ...(typeof e["key"] === "string" ? { key: interpolate(e["key"], v, f) } : {}), ...(e["value"] !== undefined ? { value: interpolateAnyValue(e["value"], v, f) } : {}) } : e,
        ),
      },
    };
  return val;
}

const ANY_VALUE_FIELDS = new Set(["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"]);

/**
 * configurer.go OtelBody: the default format as a string; a `body` is Kuma's raw JSON bytes, read as an OTLP AnyValue
 * when they are one (an object of AnyValue fields), else kept as text with the placeholders replaced — so a YAML string
 * `body: "%KUMA_MESH%"` logs `"default"` with its quotes, as Kuma's raw bytes hold them.
 */
function otelBody(body: Json | undefined, defaultFormat: string, v: KumaValues, f: VersionFeatures): Json {
  if (body === undefined) return { stringValue: interpolate(defaultFormat, v, f) };
  if (isJsonObject(body) && Object.keys(body).length <= 1 && Object.keys(body).every((k) => ANY_VALUE_FIELDS.has(k))) return interpolateAnyValue(body, v, f);
  return { stringValue: interpolate(JSON.stringify(body), v, f) };
}

/** One built access logger, and the accumulator after it. */
export interface BuiltLog {
  readonly accessLog: JsonObject;
  readonly acc: EndpointAccumulator;
}

export interface BuildInput {
  readonly defaultFormat: string;
  readonly values: KumaValues;
  readonly socketPath: string;
  readonly scheme: NamingScheme;
  readonly features: VersionFeatures;
  /** An access-log filter (a CEL match, or the real-resource route metadata filter). */
  readonly filter?: JsonObject;
}

/** Which backend a conf entry is: by `type` from 2.14.0; before, the last of tcp, file, openTelemetry that is set. */
function backendKind(b: MalBackend, f: VersionFeatures): "Tcp" | "File" | "OpenTelemetry" | undefined {
  if (f.malOtelResourceAttributes) return b.type === "Tcp" || b.type === "File" || b.type === "OpenTelemetry" ? b.type : undefined;
  return b.openTelemetry ? "OpenTelemetry" : b.file ? "File" : b.tcp ? "Tcp" : undefined;
}

// kumahq/kuma@v2.14.3 plugin/xds/configurer.go BaseAccessLogBuilder (OpenTelemetry with commonConfig before v2.14.0)
export function buildAccessLog(b: MalBackend, acc: EndpointAccumulator, input: BuildInput): BuiltLog | undefined {
  const { defaultFormat: df, values: v, features: f } = input;
  const withFilter = (log: JsonObject): JsonObject => (input.filter ? { filter: input.filter, ...log } : log);
  switch (backendKind(b, f)) {
    case "File":
      return {
        acc,
        accessLog: withFilter({ name: ACCESS_LOGGER.file, typedConfig: { "@type": TYPE_URL.fileAccessLog, logFormat: fileLogFormat(b.file!.format, df, v, f), path: b.file!.path } }),
      };
    case "Tcp":
      return {
        acc,
        accessLog: withFilter({ name: ACCESS_LOGGER.file, typedConfig: { "@type": TYPE_URL.fileAccessLog, logFormat: tcpLogFormat(b.tcp!.address, b.tcp!.format, df, v, f), path: input.socketPath } }),
      };
    case "OpenTelemetry": {
      const o = b.openTelemetry!;
      if (o.backendRef || o.endpoint === undefined) return undefined; // a MeshOpenTelemetryBackend: not modelled (the plugin warns)
      const c = clusterForEndpoint(acc, otelEndpoint(o.endpoint, f), input.scheme);
      const attrs = (o.attributes ?? []).map((a) => ({
        key: f.malOtelResourceAttributes ? interpolate(a.key, v, f) : a.key,
        value: { stringValue: f.malOtelResourceAttributes ? interpolate(a.value, v, f) : a.value },
      }));
      const grpc = { grpcService: { envoyGrpc: { clusterName: c.name } }, logName: "MeshAccessLog" };
      const resourceAttributes = [
        { key: "kuma.mesh", value: { stringValue: v.mesh } },
        ...(v.zone !== "" ? [{ key: "kuma.zone", value: { stringValue: v.zone } }] : []),
        ...(v.workloadKri !== "" ? [{ key: "kuma.workload", value: { stringValue: v.workloadKri } }] : []),
      ];
      const typedConfig: JsonObject = {
        "@type": ACCESS_LOG_TYPE_URL.openTelemetry,
        attributes: attrs.length > 0 ? { values: attrs } : {},
        body: otelBody(o.body as Json | undefined, df, v, f),
        ...(f.malOtelResourceAttributes ? { ...grpc, resourceAttributes: { values: resourceAttributes } } : { commonConfig: { ...grpc, transportApiVersion: "V3" } }),
      };
      return { acc: c.acc, accessLog: withFilter({ name: ACCESS_LOGGER.openTelemetry, typedConfig }) };
    }
    default:
      return undefined;
  }
}

/** kumahq/kuma@v2.14.3 plugin/xds/rules.go MatchToCEL: a rule's match as the CEL expression of its access-log filter. */
export function matchToCel(m: MalMatch | undefined): string {
  if (!m) return "";
  const parts: string[] = [];
  if (m.spiffeID) {
    if (m.spiffeID.type === "Exact") parts.push(`connection.uri_san_peer_certificate == ${JSON.stringify(m.spiffeID.value)}`);
    else if (m.spiffeID.type === "Prefix") parts.push(`connection.uri_san_peer_certificate.startsWith(${JSON.stringify(m.spiffeID.value)})`);
  }
  if (m.sni && m.sni.type === "Exact") parts.push(`connection.requested_server_name == ${JSON.stringify(m.sni.value)}`);
  return parts.join(" && ");
}

/** pkg/envoy/builders/accesslog/accesslog.go CELFilter @ v2.14.3. */
export function celFilter(expression: string): JsonObject {
  return { extensionFilter: { name: ACCESS_LOGGER.celFilter, typedConfig: { "@type": ACCESS_LOG_TYPE_URL.celFilter, expression } } };
}

/**
 * plugin.go applyToRealResource @ v2.14.3: on an HTTP listener of a real resource, the shared backends log only
 * requests whose route carries no `kuma.routes/route_kri` metadata (MetadataFilter(true, Key(namespace, routeMetadataKey), NullValue())).
 */
export const ROUTE_KRI_NULL_FILTER: JsonObject = {
  metadataFilter: { matchIfKeyNotFound: true, matcher: { filter: "kuma.routes", path: [{ key: "route_kri" }], value: { nullMatch: {} } } },
};

/**
 * plugin/xds/clusters.go AddLogBackendConf @ v2.14.3: one cluster per collector, ProvidedEndpointCluster (STRICT_DNS
 * for a host name, dnsLookupFamily V4_ONLY unless the dataplane's address is IPv6; STATIC for an IP), Kuma's default
 * connect timeout, HTTP/2 for gRPC, and `altStatName` when the name is not a valid stat name.
 */
export function collectorCluster(name: string, e: OtelEndpoint, connectTimeout: string, dataplaneIpv6: boolean): JsonObject {
  const isIp = goParseIP(e.address) !== undefined;
  const alt = sanitizeStatName(name);
  return {
    name,
    ...(alt !== name ? { altStatName: alt } : {}),
    type: isIp ? "STATIC" : "STRICT_DNS",
    ...(isIp ? {} : { dnsLookupFamily: dataplaneIpv6 ? "AUTO" : "V4_ONLY" }),
    connectTimeout,
    loadAssignment: { clusterName: name, endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: e.address, portValue: e.port } } } }] }] },
    ...(e.http2
      ? { typedExtensionProtocolOptions: { [HTTP_PROTOCOL_OPTIONS_EXTENSION]: { "@type": INBOUND_TYPE_URL.httpProtocolOptions, explicitHttpConfig: { http2ProtocolOptions: {} } } } }
      : {}),
  };
}
