/**
 * docsWarnings: where Kuma's "Non-mesh traffic" docs page and Kuma's code disagree, for one outbound walk — each code,
 * and when it is NOT emitted. Kuma facts typed from kumahq/kuma: the passthrough connect timeout (10s at 2.5.0
 * `pkg/xds/envoy/clusters/v3/timeout_configurer.go`, 5s from 2.6.0 commit 19b90f2a9c), trackRemaining on every
 * cluster only in v2.14.x (commit a09ff66614), and the TrafficLog for `pass_through` on the outbound passthrough
 * tcp_proxy (`pkg/xds/generator/transparent_proxy_generator.go`, golden transparent-proxy/03 @ v2.14.3).
 */
import { describe, expect, it } from "vitest";
import { docsWarnings } from "./docs-warnings.js";
import { proxyFor } from "./dataplane.js";
import { mesh, prepared, sidecar } from "./simulate.fixtures.js";
import { walkOutbound } from "../match/outbound.js";
import { parseDestination } from "../match/request.js";
import { parseIp } from "../net/ip.js";

const WEB = sidecar("web", "10.0.0.5", "web", 8080);
const DB = sidecar("db", "10.0.0.7", "db", 5432);

/** The docs warnings of `from web` to `to` (at `ip`), walked directly. */
function docs(resources: Record<string, unknown>[], to: string, ip?: string, version = "2.14") {
  const p = prepared(resources, version);
  const got = proxyFor(p, "web", "request.from", new Map());
  if ("error" in got) throw new Error(got.error.message);
  const dest = parseDestination(to, ip, "request.to");
  if ("errors" in dest) throw new Error(JSON.stringify(dest.errors));
  // A host name is looked up in the dataplane's DNS view, as simulateRequest does.
  const hit = dest.destination.ip ? undefined : got.proxy.outbounds.dns.find((d) => d.hostname === dest.destination.host);
  const destination = hit ? { ...dest.destination, ip: parseIp(hit.ip) } : dest.destination;
  const walk = walkOutbound(got.proxy.resources, destination, got.proxy.plan, got.proxy.writes);
  return { walk, warnings: docsWarnings(walk, p.features, p.snapshot, got.proxy) };
}
const codes = (r: { warnings: readonly { code: string }[] }) => r.warnings.map((w) => w.code);

const fileLogging = { logging: { backends: [{ name: "file", type: "file", conf: { path: "/var/log/pt.log" } }] } };
const tcpLogging = { logging: { backends: [{ name: "tcp", type: "tcp", conf: { address: "127.0.0.1:5000" } }] } };
const trafficLog = (backend: string) => ({
  type: "TrafficLog",
  mesh: "default",
  name: "log-pt",
  sources: [{ match: { "kuma.io/service": "*" } }],
  destinations: [{ match: { "kuma.io/service": "pass_through" } }],
  conf: { backend },
});

describe("docs-connect-timeout", () => {
  it("passthrough on 2.6+ with Kuma's 5s connect timeout", () => {
    // Kuma sets 5s on passthrough clusters from 2.6.0 (commit 19b90f2a9c); the docs still print 10s.
    const r = docs([mesh(), WEB], "tcp://93.184.216.34:443", undefined, "2.6");
    expect(r.walk.limits.connectTimeout).toEqual({ value: "5s", source: "kuma" });
    expect(codes(r)).toContain("docs-connect-timeout");
  });
  it("not on 2.5, where Kuma still wrote 10s", () => {
    // timeout_configurer.go @ 2.5.0: 10s, as the docs say.
    expect(codes(docs([mesh(), WEB], "tcp://93.184.216.34:443", undefined, "2.5"))).not.toContain("docs-connect-timeout");
  });
  it("not when the connection stays in the mesh", () => {
    const r = docs([mesh(), WEB, DB], "tcp://db.mesh:5432");
    expect(r.walk.verdict).toBe("mesh");
    expect(r.warnings).toEqual([]);
  });
  it("not when a MeshProxyPatch set the passthrough cluster's connect timeout", () => {
    // The timeout is then the policy's, not Kuma's default the docs describe.
    const patch = {
      type: "MeshProxyPatch",
      mesh: "default",
      name: "ct",
      spec: { default: { appendModifications: [{ cluster: { operation: "Patch", match: { name: "outbound:passthrough:ipv4" }, value: "connectTimeout: 7s" } }] } },
    };
    const r = docs([mesh(), WEB, patch], "tcp://93.184.216.34:443");
    expect(r.walk.limits.connectTimeout?.source).not.toBe("kuma");
    expect(codes(r)).not.toContain("docs-connect-timeout");
  });
  it("not when a MeshProxyPatch removed it and Envoy's own default (also 5s) applies", () => {
    // envoy cluster.proto: connect_timeout defaults to 5s; the value is then Envoy's, not Kuma's.
    const patch = {
      type: "MeshProxyPatch",
      mesh: "default",
      name: "rm",
      spec: { default: { appendModifications: [{ cluster: { operation: "Patch", match: { name: "outbound:passthrough:ipv4" }, jsonPatches: [{ op: "remove", path: "/connectTimeout" }] } }] } },
    };
    const r = docs([mesh(), WEB, patch], "tcp://93.184.216.34:443");
    expect(r.walk.limits.connectTimeout).toEqual({ value: "5s", source: "envoy-default" });
    expect(codes(r)).not.toContain("docs-connect-timeout");
  });
});

describe("docs-policies-dont-apply", () => {
  it("passthrough on 2.14, where MeshCircuitBreaker marks every cluster with trackRemaining", () => {
    // commit a09ff66614, only in v2.14.x tags.
    expect(codes(docs([mesh(), WEB], "tcp://93.184.216.34:443", undefined, "2.14.0"))).toContain("docs-policies-dont-apply");
  });
  it("not on 2.13, nor for in-mesh traffic", () => {
    expect(codes(docs([mesh(), WEB], "tcp://93.184.216.34:443", undefined, "2.13"))).not.toContain("docs-policies-dont-apply");
    expect(codes(docs([mesh(), WEB, DB], "tcp://db.mesh:5432"))).not.toContain("docs-policies-dont-apply");
  });
});

describe("docs-traffic-log", () => {
  const only = (r: ReturnType<typeof docs>) => r.warnings.filter((w) => w.code === "docs-traffic-log");
  it("a TrafficLog for pass_through with a file backend logs the passthrough connection: named with its backend and path", () => {
    // transparent_proxy_generator.go: the pass_through TrafficLog's backend becomes an accessLog on the outbound passthrough tcp_proxy.
    const [w, ...rest] = only(docs([mesh("default", fileLogging), WEB, trafficLog("file")], "tcp://93.184.216.34:443"));
    expect(rest).toEqual([]);
    expect(w!.message).toContain('IS logged: TrafficLog "log-pt" (mesh default)');
    expect(w!.message).toContain('backend "file", path /var/log/pt.log');
    expect(w!.message).toContain("outbound:passthrough:ipv4");
  });
  it("a TCP backend is logged too, though meshsim's config does not show it", () => {
    // The generator adds the TCP access log to the same tcp_proxy, whose cluster is the listener's own.
    const [w] = only(docs([mesh("default", tcpLogging), WEB, trafficLog("tcp")], "tcp://93.184.216.34:443"));
    expect(w!.message).toContain('TCP backend "tcp" (127.0.0.1:5000)');
  });
  it("an access log a MeshProxyPatch put on the passthrough chain is not credited to a TrafficLog", () => {
    const patch = {
      type: "MeshProxyPatch",
      mesh: "default",
      name: "log",
      spec: {
        default: {
          appendModifications: [
            {
              networkFilter: {
                operation: "Patch",
                match: { name: "envoy.filters.network.tcp_proxy", listenerName: "outbound:passthrough:ipv4" },
                jsonPatches: [{ op: "add", path: "/accessLog", value: [{ name: "envoy.access_loggers.stdout", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog" } }] }],
              },
            },
          ],
        },
      },
    };
    const [w] = only(docs([mesh(), WEB, patch], "tcp://93.184.216.34:443"));
    expect(w!.message).toContain("IS logged: the modification log#0 adds an access log to outbound:passthrough:ipv4");
  });
  it("a MeshAccessLog `to: Mesh` logs the passthrough connection: named by its entry", () => {
    // kumahq/kuma@v2.14.3 meshaccesslog plugin.go applyToTransparentProxyListeners (the to: Mesh conf, for pass_through).
    const mal = { type: "MeshAccessLog", mesh: "default", name: "all", spec: { to: [{ targetRef: { kind: "Mesh" }, default: { backends: [{ type: "File", file: { path: "/dev/stdout" } }] } }] } };
    const [w, ...rest] = only(docs([mesh(), WEB, mal], "tcp://93.184.216.34:443"));
    expect(rest).toEqual([]);
    expect(w!.message).toContain("IS logged: MeshAccessLog all#to[0] adds an access log to outbound:passthrough:ipv4");
  });
  it("not when nothing logs, nor for in-mesh traffic with a MeshAccessLog, nor for one that only logs a MeshService", () => {
    const mal = { type: "MeshAccessLog", mesh: "default", name: "all", spec: { to: [{ targetRef: { kind: "Mesh" }, default: { backends: [{ type: "File", file: { path: "/dev/stdout" } }] } }] } };
    const dbOnly = { type: "MeshAccessLog", mesh: "default", name: "db", spec: { to: [{ targetRef: { kind: "MeshService", name: "db" }, default: { backends: [{ type: "File", file: { path: "/dev/stdout" } }] } }] } };
    expect(only(docs([mesh(), WEB, DB, dbOnly], "tcp://93.184.216.34:443"))).toEqual([]);
    expect(only(docs([mesh(), WEB], "tcp://93.184.216.34:443"))).toEqual([]);
    expect(only(docs([mesh(), WEB, DB, mal], "tcp://db.mesh:5432"))).toEqual([]);
  });
  it("not when the pass_through TrafficLog names a backend the Mesh lacks (then nothing logs)", () => {
    // transparent_proxy_generator.go: no backend, no access log.
    expect(only(docs([mesh("default", fileLogging), WEB, trafficLog("missing")], "tcp://93.184.216.34:443"))).toEqual([]);
  });
});

describe("order", () => {
  it("connect timeout, then policies, then traffic log", () => {
    const r = docs([mesh("default", fileLogging), WEB, trafficLog("file")], "tcp://93.184.216.34:443");
    expect(codes(r)).toEqual(["docs-connect-timeout", "docs-policies-dont-apply", "docs-traffic-log"]);
  });
});
