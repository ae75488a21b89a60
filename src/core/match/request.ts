/**
 * The simulated connection: parsed from the URL form (`http://example.com:8080/path`) or the object
 * form, then turned into what Envoy observes (destination IP:port, transport, SNI, ALPN, Host).
 */
import * as z from "zod";
import { joinPath, type Violation } from "../errors.js";
import { parseIp, type Ip } from "../net/ip.js";

export const PROTOCOLS = ["tcp", "tls", "http", "https", "grpc", "grpcs", "mysql", "udp"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

const DEFAULT_PORT: Readonly<Record<Protocol, number | undefined>> = { tcp: undefined, udp: undefined, tls: 443, http: 80, https: 443, grpc: 80, grpcs: 443, mysql: 3306 };

export const RequestToObjectSchema = z.strictObject({
  host: z.string().max(253).optional().describe("Hostname or IP literal; also the default TLS SNI and HTTP Host."),
  ip: z.string().max(64).optional().describe("The address the host resolves to (original destination)."),
  port: z.number().int().min(1).max(65535).optional(),
  protocol: z.enum(PROTOCOLS).optional().describe("Default tcp."),
  sni: z.string().max(253).optional(),
  alpn: z.array(z.string().max(64)).max(8).optional(),
  httpVersion: z.enum(["1.0", "1.1", "2"]).optional(),
  path: z.string().max(2048).optional(),
  headers: z.record(z.string().max(256), z.string().max(4096)).optional(),
});
export const RequestToSchema = z.union([
  z.string().max(2048).describe("URL form: http://, https://, tls://, tcp://, grpc://, grpcs://, mysql://, udp:// (port optional where the protocol has a default)"),
  RequestToObjectSchema,
]);
export type RequestTo = z.infer<typeof RequestToSchema>;

/** A destination after parsing and resolution. */
export interface Destination {
  readonly protocol: Protocol;
  readonly host: string | undefined;
  readonly ip: Ip | undefined;
  readonly port: number;
  readonly path: string;
  readonly sni: string | undefined;
  readonly alpn: readonly string[];
  readonly httpVersion: "1.0" | "1.1" | "2";
  readonly headers: Readonly<Record<string, string>>;
}

const isTls = (p: Protocol) => p === "tls" || p === "https" || p === "grpcs";

/** Parses `request.to` (and `request.ip`). Hosts without an IP stay unresolved here. */
export function parseDestination(to: RequestTo, ipOverride: string | undefined, path: string): { destination: Destination } | { errors: Violation[] } {
  let o: z.infer<typeof RequestToObjectSchema>;
  let at = (f: string) => joinPath(path, f);
  if (typeof to === "string") {
    let url: URL;
    try {
      url = new URL(to);
    } catch {
      return { errors: [{ path, message: `not a URL: "${to}" (expected e.g. http://example.com or tcp://1.2.3.4:5432)` }] };
    }
    const scheme = url.protocol.replace(/:$/, "");
    if (!(PROTOCOLS as readonly string[]).includes(scheme)) return { errors: [{ path, message: `unsupported scheme "${scheme}:"; use one of ${PROTOCOLS.map((p) => `${p}://`).join(", ")}` }] };
    o = { host: url.hostname, protocol: scheme as Protocol, ...(url.port ? { port: Number(url.port) } : {}), path: `${url.pathname || "/"}${url.search}` };
    at = () => path;
  } else o = to;
  const protocol = o.protocol ?? "tcp";
  const port = o.port ?? DEFAULT_PORT[protocol];
  if (port === undefined) return { errors: [{ path: at("port"), message: `a port is required for ${protocol}` }] };
  const rawHost = o.host?.toLowerCase();
  const ipText = ipOverride ?? o.ip;
  let ip: Ip | undefined;
  if (ipText !== undefined) {
    ip = parseIp(ipText);
    if (!ip) return { errors: [{ path: ipOverride !== undefined ? joinPath(path.replace(/\.to$/, ""), "ip") : at("ip"), message: `not an IP address: "${ipText}"` }] };
  } else if (rawHost) ip = parseIp(rawHost);
  if (!rawHost && !ip) return { errors: [{ path: at("host"), message: "host or ip is required" }] };
  const host = rawHost && !parseIp(rawHost) ? rawHost : undefined;
  const tls = isTls(protocol);
  return {
    destination: {
      protocol,
      host: host ?? rawHost,
      ip,
      port,
      path: o.path ?? "/",
      sni: tls ? (o.sni ?? host) : undefined,
      alpn: o.alpn ?? (protocol === "https" ? ["h2", "http/1.1"] : protocol === "grpcs" ? ["h2"] : []),
      httpVersion: o.httpVersion ?? (protocol === "grpc" || protocol === "grpcs" ? "2" : "1.1"),
      headers: o.headers ?? {},
    },
  };
}

/** What Envoy's listener filters would detect on this connection. */
export interface ObservedConnection {
  readonly transportProtocol: "tls" | "raw_buffer";
  readonly serverName: string | undefined;
  /** ALPN from the TLS ClientHello, or what http_inspector detects on cleartext. */
  readonly applicationProtocols: readonly string[];
  /** Host / :authority, lower-cased, with the port when the client sends it. */
  readonly authority: string | undefined;
}

/**
 * Envoy's view: tls_inspector sets transport `tls`, SNI and ALPN; http_inspector sets `http/1.0`,
 * `http/1.1` or `h2c` on cleartext HTTP (envoy `source/extensions/filters/listener/tls_inspector/tls_inspector.cc`,
 * `source/extensions/filters/listener/http_inspector/http_inspector.cc` Filter::done). Kuma's HTTP chains ask for
 * `http/1.1` or `h2c` (kuma `meshpassthrough/plugin/xds/listeners_filter_chain.go` @ v2.14.3), so HTTP/1.0 matches none.
 * Without the inspector on the listener, nothing is detected and the transport defaults to raw_buffer.
 */
export function observe(d: Destination, inspectors: { tls: boolean; http: boolean }): ObservedConnection {
  const tls = isTls(d.protocol);
  const cleartextHttp = d.protocol === "http" || d.protocol === "grpc";
  const defaultPort = tls ? 443 : 80;
  // An IPv6 literal in Host is bracketed (RFC 3986 §3.2.2), with or without the port.
  const ipHost = d.ip ? (d.ip.family === "ipv6" ? `[${d.ip.text}]` : d.ip.text) : undefined;
  const hostHeader = d.headers["host"] ?? d.headers["Host"] ?? (d.host ? (d.port === defaultPort ? d.host : `${d.host}:${d.port}`) : ipHost ? (d.port === defaultPort ? ipHost : `${ipHost}:${d.port}`) : undefined);
  return {
    transportProtocol: tls && inspectors.tls ? "tls" : "raw_buffer",
    serverName: tls && inspectors.tls ? d.sni : undefined,
    applicationProtocols: tls ? (inspectors.tls ? d.alpn : []) : cleartextHttp && inspectors.http ? [d.httpVersion === "2" ? "h2c" : `http/${d.httpVersion}`] : [],
    authority: cleartextHttp ? hostHeader?.toLowerCase() : undefined,
  };
}
