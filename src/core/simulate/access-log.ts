/**
 * Reads one Envoy access-log line of the outbound passthrough listener, written in Kuma's default format, into the
 * destination it logged. Kuma has two default formats, the same in the legacy TrafficLog and in MeshAccessLog:
 * - network (tcp_proxy): kumahq/kuma@v2.14.3 pkg/xds/envoy/listeners/v3/network_access_log_configurer.go
 *   `defaultNetworkAccessLogFormat` (legacy TrafficLog) and pkg/plugins/policies/meshaccesslog/plugin/xds/configurer.go
 *   `defaultNetworkAccessLogFormat` (MeshAccessLog):
 *   `[%START_TIME%] %RESPONSE_FLAGS% %KUMA_MESH% %KUMA_SOURCE_ADDRESS_WITHOUT_PORT%(%KUMA_SOURCE_SERVICE%)->%UPSTREAM_HOST%(%KUMA_DESTINATION_SERVICE%) took %DURATION%ms, sent %BYTES_SENT% bytes, received: %BYTES_RECEIVED% bytes`
 * - HTTP (http_connection_manager): the same two files, `defaultHttpAccessLogFormat`, which ends with
 *   `"%REQ(:AUTHORITY)%" "%KUMA_SOURCE_SERVICE%" "%KUMA_DESTINATION_SERVICE%" "%KUMA_SOURCE_ADDRESS_WITHOUT_PORT%" "%UPSTREAM_HOST%"`.
 * The passthrough listener logs with `%KUMA_DESTINATION_SERVICE%` = `external` (transparent_proxy_generator.go
 * CreateOutboundPassthroughListener; meshaccesslog plugin.go applyToTransparentProxyListeners) @ v2.14.3.
 */
import { parseIp } from "../net/ip.js";

/** What a passthrough log line tells about its destination. */
export interface LoggedDestination {
  /** The HTTP authority without its port, when the line is an HTTP line and the authority is a hostname. */
  readonly host?: string;
  /** `%UPSTREAM_HOST%`: the original destination the ORIGINAL_DST cluster connected to. */
  readonly ip: string;
  readonly port: number;
  /** tcp for a network line (it carries no SNI or ALPN); http, http2 or grpc from an HTTP line. */
  readonly protocol: "tcp" | "http" | "http2" | "grpc";
}

/** What a line must look like, for error messages. */
export const ACCESS_LOG_SHAPE =
  "a line of Kuma's default access-log format on the passthrough listener, e.g. `[2026-01-01T10:00:00.000Z] - default 10.0.0.1(web)->93.184.216.34:443(external) took 12ms, sent 517 bytes, received: 4096 bytes` (network) or the HTTP format ending in `\"<authority>\" \"<source>\" \"external\" \"<source ip>\" \"<ip>:<port>\"`; or give the destination as an object {host, ip, port, protocol}";

const NETWORK = /^\[[^\]]*\] (\S+) (\S+) (\S*)\(([^)]*)\)->(\S+)\(([^)]*)\) took \S+ms, sent \S+ bytes, received: \S+ bytes$/;
// The user agent is the only field between quotes that may itself hold quotes: it is matched greedily.
const HTTP = /^\[[^\]]*\] (\S+) "(\S+) (\S+) (\S+)" (\S+) (\S+) \S+ \S+ \S+ \S+ "[^"]*" "(.*)" "[^"]*" "[^"]*" "([^"]*)" "([^"]*)" "([^"]*)" "([^"]*)" "([^"]*)"$/;

/** `ip:port` or `[ipv6]:port` as Envoy prints an upstream address. */
function hostPort(s: string): { ip: string; port: number } | undefined {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(s) ?? /^([^:\s]+):(\d+)$/.exec(s);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (!parseIp(m[1]!) || port < 1 || port > 65535) return undefined;
  return { ip: m[1]!, port };
}

/** The authority's host without its port; undefined for `-`, empty, or an IP literal (then the IP is the destination). */
function authorityHost(a: string): string | undefined {
  const t = a.trim().toLowerCase();
  if (t === "" || t === "-") return undefined;
  const host = t.startsWith("[") ? t.slice(1, t.indexOf("]")) : t.replace(/:\d+$/, "");
  if (host === "" || parseIp(host)) return undefined;
  return host.replace(/\.$/, "");
}

function upstream(s: string, service: string): { ip: string; port: number } | { error: string } {
  if (service !== "external")
    return { error: `it logs traffic to the service "${service}", not through the passthrough listener (Kuma logs that one with destination "external")` };
  if (s === "-" || s === "") return { error: "it has no upstream host (`-`): the connection never reached a destination, so there is nothing to keep working" };
  const hp = hostPort(s);
  return hp ?? { error: `its upstream host "${s}" is not <ip>:<port>` };
}

/** Parses one access-log line; the error says why it is not a passthrough line of Kuma's default formats. */
export function parseAccessLogLine(line: string): { ok: true; destination: LoggedDestination } | { ok: false; message: string } {
  const t = line.trim();
  if (t === "tcp")
    return {
      ok: false,
      message: `the line is the word "tcp": a MeshAccessLog backend without \`format\` writes that literally on the passthrough listeners (kumahq/kuma@v2.14.3 pkg/plugins/policies/meshaccesslog/plugin/v1alpha1/plugin.go applyToTransparentProxyListeners passes the protocol where the format goes, from 2.11.0 to v2.14.3 and on the 3.0 line), so it names no destination. Set a plain format on the backend, or give the destination as an object {host, ip, port, protocol}`,
    };
  const n = NETWORK.exec(t);
  if (n) {
    const up = upstream(n[5]!, n[6]!);
    if ("error" in up) return { ok: false, message: `not a passthrough line: ${up.error}` };
    return { ok: true, destination: { ip: up.ip, port: up.port, protocol: "tcp" } };
  }
  const h = HTTP.exec(t);
  if (h) {
    const up = upstream(h[12]!, h[10]!);
    if ("error" in up) return { ok: false, message: `not a passthrough line: ${up.error}` };
    const version = h[4]!;
    // A gRPC client announces itself in its user agent (grpc-go/, grpc-java-, grpc-c++ ...); the format logs no content-type.
    const protocol = version === "HTTP/2" ? (/^grpc-/i.test(h[7]!) ? "grpc" : "http2") : "http";
    const host = authorityHost(h[8]!);
    return { ok: true, destination: { ...(host !== undefined ? { host } : {}), ip: up.ip, port: up.port, protocol } };
  }
  return { ok: false, message: `not an access-log line meshsim can read: expected ${ACCESS_LOG_SHAPE}` };
}
