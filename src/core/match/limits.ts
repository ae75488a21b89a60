/**
 * The limits Envoy enforces on the chosen cluster and filter, each with where it came from: a
 * policy modification (`<policy>#<index>`), Kuma's generator (`kuma`), or Envoy's built-in default
 * (`envoy-default`). Defaults: Cluster connect_timeout 5s; CircuitBreakers.Thresholds 1024/1024/1024/3
 * (envoy `source/common/upstream/resource_manager_impl.h`); TcpProxy idle_timeout 1h; HCM route timeout
 * 15s, stream_idle_timeout 5m, common idle_timeout 1h. Envoy reads the first threshold per priority.
 */
import { writerOf, type WriteIndex } from "../xds/provenance.js";
import { isJsonObject, type Json, type JsonObject } from "../json.js";

export type LimitSource = "kuma" | "envoy-default" | (string & {});

export interface Limit<T> {
  readonly value: T;
  readonly source: LimitSource;
}

export interface CircuitBreakerLimits {
  readonly maxConnections: Limit<number>;
  readonly maxPendingRequests: Limit<number>;
  readonly maxRequests: Limit<number>;
  readonly maxRetries: Limit<number>;
}

/** What one `envoy.filters.http.fault` does to a request it matches; percentages in percent (0-100). */
export interface FaultLimit {
  readonly delay?: { readonly fixedDelay: string; readonly percent: number };
  readonly abort?: { readonly httpStatus: number; readonly percent: number };
  readonly responseBandwidth?: { readonly kbps: number; readonly percent: number };
}

/** The route's local rate limit: a token bucket of `requests` tokens refilled every `interval`. */
export interface RateLimitLimit {
  readonly requests: number;
  readonly interval: string;
  /** The status a limited request gets (Envoy's default 429 when the config sets none). */
  readonly status: number;
}

/**
 * One access logger on the filter the connection went through (Envoy `AccessLog`): the logger, where it writes (a file
 * or kuma-dp's socket) or the collector cluster it sends to, and its text format when it has one.
 */
export interface AccessLogLimit {
  readonly logger: string;
  readonly path?: string;
  readonly cluster?: string;
  readonly format?: string;
}

export interface Limits {
  readonly connectTimeout?: Limit<string>;
  readonly idleTimeout?: Limit<string>;
  readonly circuitBreakers?: CircuitBreakerLimits;
  readonly routeTimeout?: Limit<string>;
  readonly streamIdleTimeout?: Limit<string>;
  /** HTTP fault filters whose header matchers hold for the request, in filter order. */
  readonly faults?: readonly Limit<FaultLimit>[];
  readonly rateLimit?: Limit<RateLimitLimit>;
  /** The access loggers of the filter (tcp_proxy or HTTP connection manager), in order, each with who added it. */
  readonly accessLogs?: readonly Limit<AccessLogLimit>[];
}

export const ENVOY_DEFAULTS = {
  connectTimeout: "5s",
  tcpIdleTimeout: "3600s",
  maxConnections: 1024,
  maxPendingRequests: 1024,
  maxRequests: 1024,
  maxRetries: 3,
  routeTimeout: "15s",
  streamIdleTimeout: "300s",
  httpIdleTimeout: "3600s",
} as const;

/** Looks up a field of a resource and says who set it. */
function field<T extends Json>(writes: WriteIndex, resource: string, obj: JsonObject | undefined, pointer: string, key: string, fallback: T): Limit<T> {
  const v = obj?.[key];
  if (v === undefined || v === null) return { value: fallback, source: "envoy-default" };
  return { value: v as T, source: writerOf(writes, resource, `${pointer}/${key}`) ?? "kuma" };
}

/** Connect timeout and circuit breakers of a cluster. */
export function clusterLimits(cluster: JsonObject, writes: WriteIndex): Pick<Limits, "connectTimeout" | "circuitBreakers"> {
  const key = `cluster/${String(cluster["name"])}`;
  const cb = cluster["circuitBreakers"];
  const ts = isJsonObject(cb) && Array.isArray(cb["thresholds"]) ? (cb["thresholds"] as JsonObject[]) : [];
  const i = ts.findIndex((t) => t["priority"] === undefined || t["priority"] === "DEFAULT");
  const t = i >= 0 ? ts[i] : undefined;
  const p = `/circuitBreakers/thresholds/${i}`;
  return {
    connectTimeout: field(writes, key, cluster, "", "connectTimeout", ENVOY_DEFAULTS.connectTimeout),
    circuitBreakers: {
      maxConnections: field(writes, key, t, p, "maxConnections", ENVOY_DEFAULTS.maxConnections),
      maxPendingRequests: field(writes, key, t, p, "maxPendingRequests", ENVOY_DEFAULTS.maxPendingRequests),
      maxRequests: field(writes, key, t, p, "maxRequests", ENVOY_DEFAULTS.maxRequests),
      maxRetries: field(writes, key, t, p, "maxRetries", ENVOY_DEFAULTS.maxRetries),
    },
  };
}

/**
 * The access loggers of a filter's typed config at `pointer`: each named by the policy that added it (MeshAccessLog
 * `<policy>#to[<i>]`, MeshProxyPatch `<policy>#<i>`, `TrafficLog/<name>`), else `kuma` (a generator wrote it).
 */
export function accessLogLimits(listenerName: string, typedConfig: JsonObject, pointer: string, writes: WriteIndex): Pick<Limits, "accessLogs"> {
  const logs = Array.isArray(typedConfig["accessLog"]) ? typedConfig["accessLog"] : [];
  const out = logs.flatMap((log, i): Limit<AccessLogLimit>[] => {
    if (!isJsonObject(log)) return [];
    const tc = isJsonObject(log["typedConfig"]) ? log["typedConfig"] : {};
    const lf = isJsonObject(tc["logFormat"]) ? tc["logFormat"] : undefined;
    const text = lf && isJsonObject(lf["textFormatSource"]) ? lf["textFormatSource"]["inlineString"] : undefined;
    const grpc = isJsonObject(tc["grpcService"]) ? tc["grpcService"] : isJsonObject(tc["commonConfig"]) && isJsonObject(tc["commonConfig"]["grpcService"]) ? tc["commonConfig"]["grpcService"] : undefined;
    const cluster = grpc && isJsonObject(grpc["envoyGrpc"]) ? grpc["envoyGrpc"]["clusterName"] : undefined;
    const value: AccessLogLimit = {
      logger: String(log["name"] ?? ""),
      ...(typeof tc["path"] === "string" ? { path: tc["path"] } : {}),
      ...(typeof cluster === "string" ? { cluster } : {}),
      ...(typeof text === "string" ? { format: text } : {}),
    };
    return [{ value, source: writerOf(writes, `listener/${listenerName}`, `${pointer}/typedConfig/accessLog/${i}`) ?? "kuma" }];
  });
  return out.length > 0 ? { accessLogs: out } : {};
}

/** Idle timeout and access logs of a tcp_proxy filter at `pointer` (e.g. `/filterChains/0/filters/0`) in a listener. */
export function tcpProxyLimits(listenerName: string, tcpProxy: JsonObject, pointer: string, writes: WriteIndex): Pick<Limits, "idleTimeout" | "accessLogs"> {
  return {
    idleTimeout: field(writes, `listener/${listenerName}`, tcpProxy, `${pointer}/typedConfig`, "idleTimeout", ENVOY_DEFAULTS.tcpIdleTimeout),
    ...accessLogLimits(listenerName, tcpProxy, pointer, writes),
  };
}

/** HTTP timeouts of an HTTP connection manager and the chosen route. */
export function httpLimits(
  listenerName: string,
  hcm: JsonObject,
  hcmPointer: string,
  routeAction: JsonObject | undefined,
  routePointer: string,
  writes: WriteIndex,
): Pick<Limits, "routeTimeout" | "streamIdleTimeout" | "idleTimeout" | "accessLogs"> {
  const key = `listener/${listenerName}`;
  const common = isJsonObject(hcm["commonHttpProtocolOptions"]) ? hcm["commonHttpProtocolOptions"] : undefined;
  return {
    routeTimeout: field(writes, key, routeAction, routePointer, "timeout", ENVOY_DEFAULTS.routeTimeout),
    streamIdleTimeout: field(writes, key, hcm, `${hcmPointer}/typedConfig`, "streamIdleTimeout", ENVOY_DEFAULTS.streamIdleTimeout),
    idleTimeout: field(writes, key, common, `${hcmPointer}/typedConfig/commonHttpProtocolOptions`, "idleTimeout", ENVOY_DEFAULTS.httpIdleTimeout),
    ...accessLogLimits(listenerName, hcm, hcmPointer, writes),
  };
}
