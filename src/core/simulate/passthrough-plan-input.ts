/** The destinations of `POST /v1/passthrough-plan`: objects or access-log lines, checked and turned into requests. */
import { type Violation, joinPath } from "../errors.js";
import { isDNSName } from "../go/net.js";
import { parseIp } from "../net/ip.js";
import { parseAccessLogLine } from "./access-log.js";
import type { PassthroughPlanBody, PlanProtocol, SimRequest } from "./schema.js";

/** One destination as the plan reads it, and where the body gave it. */
export interface PlanDestination {
  readonly host?: string;
  readonly ip?: string;
  readonly port: number;
  readonly protocol: PlanProtocol;
  /** `destinations[i]`. */
  readonly input: string;
}

/** Reads every destination; each bad one is a violation naming `destinations[i]` (and its field). */
export function readDestinations(items: PassthroughPlanBody["destinations"]): { destinations: PlanDestination[] } | { errors: Violation[] } {
  const out: PlanDestination[] = [];
  const errors: Violation[] = [];
  items.forEach((item, i) => {
    const path = joinPath("destinations", i);
    if (typeof item === "string") {
      const read = parseAccessLogLine(item);
      if (!read.ok) errors.push({ path, message: read.message });
      else out.push({ ...read.destination, input: path });
      return;
    }
    const host = item.host?.trim().toLowerCase().replace(/\.$/, "");
    if (item.ip !== undefined && !parseIp(item.ip)) errors.push({ path: joinPath(path, "ip"), message: `not an IP address: "${item.ip}"; write the address the application connects to, e.g. 93.184.216.34` });
    if (host !== undefined && !parseIp(host) && !isDNSName(host)) errors.push({ path: joinPath(path, "host"), message: `not a hostname: "${item.host}"; write the name the application calls, e.g. api.example.com` });
    if (host === undefined && item.ip === undefined) errors.push({ path, message: "give host or ip (or both): the name the application calls and the address it connects to" });
    // An IP literal as host is the address itself.
    const hostIsIp = host !== undefined && parseIp(host) !== undefined;
    const ip = item.ip ?? (hostIsIp ? host : undefined);
    const name = hostIsIp ? undefined : host;
    out.push({ ...(name !== undefined ? { host: name } : {}), ...(ip !== undefined ? { ip } : {}), port: item.port, protocol: item.protocol ?? "tcp", input: path });
  });
  return errors.length > 0 ? { errors: errors.slice(0, 20) } : { destinations: out };
}

/** A destination as a simulated request (http2 is cleartext HTTP/2, h2c; tls sends the host as SNI). */
export function requestOf(d: PlanDestination, from: string | undefined): SimRequest {
  const protocol = d.protocol === "http2" ? "http" : d.protocol;
  return {
    ...(from !== undefined ? { from } : {}),
    to: { host: d.host ?? d.ip, ...(d.ip !== undefined ? { ip: d.ip } : {}), port: d.port, protocol, ...(d.protocol === "http2" ? { httpVersion: "2" as const } : {}) },
  };
}

/** `tls://api.example.com:443 (93.184.216.34)`: how answers name a destination. */
export function destinationLabel(d: Pick<PlanDestination, "host" | "ip" | "port" | "protocol">): string {
  const ip = d.ip !== undefined && d.ip.includes(":") ? `[${d.ip}]` : d.ip;
  const host = d.host ?? ip ?? "";
  return `${d.protocol}://${host}:${d.port}${d.host !== undefined && d.ip !== undefined ? ` (${d.ip})` : ""}`;
}
