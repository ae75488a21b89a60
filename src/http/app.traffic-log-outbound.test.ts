/**
 * Legacy TrafficLog on in-mesh outbound listeners (kumahq/kuma@v2.14.3 pkg/xds/generator/outbound_proxy_generator.go):
 * OutboundProxyGenerator adds NetworkAccessLog to the tcp_proxy of a TCP service's listener, with the default
 * network format interpolated for direction OUTBOUND (as in testdata/outbound-proxy/03.envoy.golden.yaml:
 * "<mesh> <source ip>(<source service>)->%UPSTREAM_HOST%(<service>)"), but only when the Mesh has a TrafficRoute;
 * without one (Kuma's default since no route-all is created) the MeshTCPRoute listener carries no legacy log.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";

const app = createApp();
const TP = { redirectPortInbound: 15006, redirectPortOutbound: 15001 };

function body(withRoute: boolean) {
  const resources: unknown[] = [
    { type: "Mesh", name: "default", logging: { backends: [{ name: "file", type: "file", conf: { path: "/tmp/access.log" } }] } },
    { type: "Dataplane", mesh: "default", name: "web-01", networking: { address: "10.0.0.1", transparentProxying: TP, inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }] } },
    { type: "Dataplane", mesh: "default", name: "db-01", networking: { address: "10.0.0.2", transparentProxying: TP, inbound: [{ port: 5432, tags: { "kuma.io/service": "db", "kuma.io/protocol": "tcp" } }] } },
    { type: "TrafficLog", mesh: "default", name: "log-db", sources: [{ match: { "kuma.io/service": "web" } }], destinations: [{ match: { "kuma.io/service": "db" } }], conf: { backend: "file" } },
  ];
  if (withRoute)
    resources.push({ type: "TrafficRoute", mesh: "default", name: "route-all", sources: [{ match: { "kuma.io/service": "*" } }], destinations: [{ match: { "kuma.io/service": "*" } }], conf: { destination: { "kuma.io/service": "*" } } });
  return { kumaVersion: "2.14", resources, request: { from: "web-01", to: "tcp://db.mesh:5432" }, include: ["trace", "config"] };
}

async function simulate(b: unknown): Promise<any> {
  const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify(b), headers: { "content-type": "application/json" } });
  expect(res.status).toBe(200);
  return res.json();
}

const tcpProxy = (r: any) => r.config.listeners.find((l: any) => l.name === r.listener.name).filterChains[0].filters[0].typedConfig;

describe("legacy TrafficLog for an in-mesh service", () => {
  it("with a TrafficRoute: the tcp_proxy of db's outbound listener logs to the file backend, and the answer says so", async () => {
    const r = await simulate(body(true));
    expect(r.verdict).toBe("mesh");
    expect(tcpProxy(r).accessLog).toEqual([
      {
        name: "envoy.access_loggers.file",
        typedConfig: {
          "@type": "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
          logFormat: {
            textFormatSource: {
              inlineString:
                "[%START_TIME%] %RESPONSE_FLAGS% default 10.0.0.1(web)->%UPSTREAM_HOST%(db) took %DURATION%ms, sent %BYTES_SENT% bytes, received: %BYTES_RECEIVED% bytes\n",
            },
          },
          path: "/tmp/access.log",
        },
      },
    ]);
    expect(r.trace.join("\n")).toContain('access log: TrafficLog "log-db"');
  });
  it("without a TrafficRoute: no access log, and the trace says why", async () => {
    const r = await simulate(body(false));
    expect(r.verdict).toBe("mesh");
    expect(tcpProxy(r).accessLog).toBeUndefined();
    expect(r.trace.join("\n")).toContain("has no TrafficRoute");
  });
});
