/**
 * Legacy TrafficLog on the outbound passthrough listeners. Expected values are typed by hand from kuma
 * `transparent_proxy_generator_test.go` (entries 02 and 03) and golden `transparent-proxy/03.envoy.golden.yaml
 * @ v2.14.3` (02 plus an `accessLog` on both outbound passthrough tcp_proxy filters), and from the Kuma code the
 * functions port (connection_policy.go, dataplane_helpers.go, access_log_configurer.go, mesh_validator.go,
 * traffic_log_validator.go).
 */
import { describe, expect, it } from "vitest";
import { POLICIES } from "../policies/registry.js";
import { compareRank, identifyingService, selectorMatches, selectorRank } from "../model/legacy-select.js";
import { interpolateKumaValues, matchTrafficLogs, passThroughLog } from "./traffic-log.js";
import { trafficLogModel, validateTrafficLog, type TrafficLogSpec } from "../snapshot/traffic-log.js";
import { generateTransparentProxy } from "./transparent-proxy.js";
import { simulate } from "../simulate/simulate.js";
import { DataplaneSpecSchema, dataplaneModel } from "../snapshot/dataplane.js";
import { type DataplaneModel } from "../model/dataplane.js";
import { MeshSpecSchema, meshModel } from "../snapshot/mesh.js";
import { type MeshModel } from "../model/mesh.js";
import { buildSnapshot } from "../snapshot/snapshot.js";
import { features } from "../model/versions.js";
import type { JsonObject } from "../json.js";

const TP = { redirectPortOutbound: 15001, redirectPortInbound: 15006, ipFamilyMode: "DualStack" };
/** The Mesh of Kuma's transparent_proxy_generator_test.go: one file backend, no default. */
const TEST_LOGGING = { backends: [{ name: "file", type: "file", conf: { path: "/var/log" } }] };

function dp(networking: Record<string, unknown>, name = "dp", mesh = "default"): DataplaneModel {
  return dataplaneModel(name, mesh, {}, DataplaneSpecSchema.parse({ networking: { address: "10.0.0.5", transparentProxying: TP, ...networking } }));
}
function mesh(spec: Record<string, unknown> = { logging: TEST_LOGGING }, name = "default"): MeshModel {
  return meshModel(name, MeshSpecSchema.parse(spec));
}
function log(name: string, spec: TrafficLogSpec, creationTime?: string, meshName = "default") {
  return trafficLogModel(name, meshName, spec, creationTime);
}
const toPassThrough = (name: string, sources: Record<string, string>[] = [{ "kuma.io/service": "*" }], backend?: string, creationTime?: string) =>
  log(name, { sources: sources.map((match) => ({ match })), destinations: [{ match: { "kuma.io/service": "pass_through" } }], ...(backend ? { conf: { backend } } : {}) }, creationTime);

const tcpProxyOf = (value: JsonObject) => ((value["filterChains"] as JsonObject[])[0]!["filters"] as JsonObject[])[0]!["typedConfig"] as JsonObject;
function listener(rs: ReturnType<typeof generateTransparentProxy>["resources"], name: string): JsonObject {
  const l = rs.find((r) => r.type === "listener" && r.name === name);
  expect(l, name).toBeDefined();
  return l!.value;
}

describe("TransparentProxyGenerator with the TrafficLog for pass_through (golden transparent-proxy/03 @ v2.14.3)", () => {
  // Kuma's test Dataplane has no address and no inbounds: the source address is empty and the service "unknown".
  const testDp = dp({ address: "" });
  const golden03AccessLog = {
    name: "envoy.access_loggers.file",
    typedConfig: {
      "@type": "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
      logFormat: {
        textFormatSource: {
          inlineString: "[%START_TIME%] %RESPONSE_FLAGS% default (unknown)->%UPSTREAM_HOST%(external) took %DURATION%ms, sent %BYTES_SENT% bytes, received: %BYTES_RECEIVED% bytes\n",
        },
      },
      path: "/var/log",
    },
  };

  it("adds the file access log to both outbound passthrough tcp_proxy filters, nothing else changes", () => {
    const tl = log("tl", { conf: { backend: "file" } });
    const gen = generateTransparentProxy(testDp, mesh(), features("2.14"), { pass_through: tl });
    for (const family of ["ipv4", "ipv6"]) {
      expect(tcpProxyOf(listener(gen.resources, `outbound:passthrough:${family}`))).toEqual({
        "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
        accessLog: [golden03AccessLog],
        cluster: `outbound:passthrough:${family}`,
        statPrefix: `outbound_passthrough_${family}`,
      });
      expect(tcpProxyOf(listener(gen.resources, `inbound:passthrough:${family}`))["accessLog"]).toBeUndefined();
    }
    expect(gen.passThroughLog?.status).toBe("file");
    // Same resources as without the log, apart from the two tcp_proxy filters (golden 02 vs 03).
    const without = generateTransparentProxy(testDp, mesh(), features("2.14"));
    expect(gen.resources.map((r) => `${r.type} ${r.name}`)).toEqual(without.resources.map((r) => `${r.type} ${r.name}`));
  });

  it("a TrafficLog for another service is not picked (golden 02: `some-service`, \"to show that is not picked\")", () => {
    const gen = generateTransparentProxy(testDp, mesh(), features("2.14"), { "some-service": log("tl", { conf: { backend: "file" } }) });
    expect(tcpProxyOf(listener(gen.resources, "outbound:passthrough:ipv4"))["accessLog"]).toBeUndefined();
    expect(gen.passThroughLog).toBeUndefined();
  });

  it("2.5 has the same access log (IPv4 only, 10s; 03 @ 2.5.0 is IPv4-only with the same accessLog)", () => {
    const gen = generateTransparentProxy(dp({ address: "", transparentProxying: { redirectPortOutbound: 15001, redirectPortInbound: 15006 } }), mesh(), features("2.5"), { pass_through: log("tl", { conf: { backend: "file" } }) });
    expect(tcpProxyOf(listener(gen.resources, "outbound:passthrough:ipv4"))["accessLog"]).toEqual([golden03AccessLog]);
    expect(gen.resources.some((r) => r.name === "outbound:passthrough:ipv6")).toBe(false);
  });

  it("unified naming: the access log goes on self_transparentproxy_passthrough_outbound_* (same generator code path)", () => {
    const d = dataplaneModel("dp", "default", {}, DataplaneSpecSchema.parse({ networking: { address: "", transparentProxying: TP }, meshsim: { features: ["feature-unified-resource-naming"] } }));
    const gen = generateTransparentProxy(d, mesh({ logging: TEST_LOGGING, meshServices: { mode: "Exclusive" } }), features("2.14"), { pass_through: log("tl", { conf: { backend: "file" } }) });
    const tcp = tcpProxyOf(listener(gen.resources, "self_transparentproxy_passthrough_outbound_ipv4"));
    expect(tcp["accessLog"]).toEqual([golden03AccessLog]);
    expect(tcp["statPrefix"]).toBe("self_transparentproxy_passthrough_outbound_ipv4");
  });

  it("Mesh passthrough false: no outbound cluster, the listener still logs", () => {
    const gen = generateTransparentProxy(testDp, mesh({ logging: TEST_LOGGING, networking: { outbound: { passthrough: false } } }), features("2.14"), { pass_through: log("tl", { conf: { backend: "file" } }) });
    expect(gen.resources.some((r) => r.type === "cluster" && r.name === "outbound:passthrough:ipv4")).toBe(false);
    expect(tcpProxyOf(listener(gen.resources, "outbound:passthrough:ipv4"))["accessLog"]).toEqual([golden03AccessLog]);
  });
  it("no conf.backend and no defaultBackend: Kuma finds no backend and adds nothing", () => {
    const gen = generateTransparentProxy(testDp, mesh(), features("2.14"), { pass_through: log("tl", {}) });
    expect(gen.passThroughLog).toEqual({ status: "backend-not-found", trafficLog: log("tl", {}), backendName: "" });
    expect(tcpProxyOf(listener(gen.resources, "outbound:passthrough:ipv4"))["accessLog"]).toBeUndefined();
  });

  it("without a transparent proxy there is nothing to log on", () => {
    const d = dataplaneModel("dp", "default", {}, DataplaneSpecSchema.parse({ networking: { address: "10.0.0.5" } }));
    const gen = generateTransparentProxy(d, mesh(), features("2.14"), { pass_through: log("tl", { conf: { backend: "file" } }) });
    expect(gen.resources).toEqual([]);
    expect(gen.passThroughLog).toBeUndefined();
  });
});

describe("the access log's values", () => {
  const format = (d: DataplaneModel, m: MeshModel, tl = log("tl", {})) => {
    const r = passThroughLog(d, m, { pass_through: tl });
    expect(r?.status).toBe("file");
    return r?.status === "file" ? (((r.accessLog["typedConfig"] as JsonObject)["logFormat"] as JsonObject)["textFormatSource"] as JsonObject)["inlineString"] : undefined;
  };
  const DEFAULT_BACKEND = { logging: { defaultBackend: "file", backends: [{ name: "file", type: "file", conf: { path: "/dev/stdout" } }] } };

  it("source: the dataplane's address and its first kuma.io/service in byte order; destination `external`", () => {
    const d = dp({ inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }, { port: 9090, tags: { "kuma.io/service": "admin" } }] });
    expect(format(d, mesh(DEFAULT_BACKEND))).toBe(
      "[%START_TIME%] %RESPONSE_FLAGS% default 10.0.0.5(admin)->%UPSTREAM_HOST%(external) took %DURATION%ms, sent %BYTES_SENT% bytes, received: %BYTES_RECEIVED% bytes\n",
    );
  });
  it("advertisedAddress wins over address (DataplaneResource.GetIP)", () => {
    const d = dp({ advertisedAddress: "203.0.113.9", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }] });
    expect(format(d, mesh(DEFAULT_BACKEND))).toContain(" default 203.0.113.9(web)->");
  });
  it("a gateway's kuma.io/service identifies it; no service at all is `unknown`", () => {
    expect(identifyingService(dp({ gateway: { type: "DELEGATED", tags: { "kuma.io/service": "edge" } } }))).toBe("edge");
    expect(identifyingService(dp({}))).toBe("unknown");
    expect(identifyingService(dp({ inbound: [{ port: 80, tags: { app: "x" } }] }))).toBe("unknown");
  });
  it("the Mesh's backend format replaces the default, with every %KUMA_*% placeholder filled (literally)", () => {
    const m = mesh({
      logging: {
        defaultBackend: "custom",
        backends: [{ name: "custom", type: "file", format: "%KUMA_SOURCE_ADDRESS% %KUMA_SOURCE_ADDRESS_WITHOUT_PORT% %KUMA_SOURCE_SERVICE% %KUMA_DESTINATION_SERVICE% %KUMA_MESH% %KUMA_TRAFFIC_DIRECTION% %UPSTREAM_HOST%", conf: { path: "/tmp/x" } }],
      },
    });
    const d = dp({ address: "fd00::5", inbound: [{ port: 80, tags: { "kuma.io/service": "a$1" } }] });
    expect(format(d, m)).toBe("[fd00::5]:0 fd00::5 a$1 external default UNSPECIFIED %UPSTREAM_HOST%\n");
  });
  it("interpolateKumaValues leaves Envoy's own operators alone", () => {
    expect(interpolateKumaValues("%START_TIME% %KUMA_MESH%", { sourceService: "s", sourceIp: "1.2.3.4", destinationService: "d", mesh: "m", trafficDirection: "UNSPECIFIED" })).toBe("%START_TIME% m");
  });
  it("conf.backend picks a backend by name; without it the Mesh's defaultBackend; an unknown name is ignored", () => {
    const m = mesh({
      logging: {
        defaultBackend: "a",
        backends: [
          { name: "a", type: "file", conf: { path: "/var/log/a" } },
          { name: "b", type: "file", conf: { path: "/var/log/b" } },
        ],
      },
    });
    const pathOf = (backend?: string) => {
      const r = passThroughLog(dp({}), m, { pass_through: log("tl", backend ? { conf: { backend } } : {}) });
      return r?.status === "file" ? r.backend.path : r?.status;
    };
    expect(pathOf()).toBe("/var/log/a");
    expect(pathOf("b")).toBe("/var/log/b");
    expect(pathOf("nope")).toBe("backend-not-found");
  });
  it("a TCP backend is accepted but not modelled: no accessLog in meshsim's config", () => {
    const m = mesh({ logging: { defaultBackend: "ls", backends: [{ name: "ls", type: "tcp", conf: { address: "logstash:5000" } }] } });
    const gen = generateTransparentProxy(dp({}), m, features("2.14"), { pass_through: log("tl", {}) });
    expect(gen.passThroughLog?.status).toBe("tcp-not-modelled");
    expect(tcpProxyOf(listener(gen.resources, "outbound:passthrough:ipv4"))["accessLog"]).toBeUndefined();
  });
});

describe("legacy matching for pass_through (connection_policy.go SelectConnectionPolicies)", () => {
  const web = dp({ inbound: [{ port: 8080, tags: { "kuma.io/service": "web", version: "v1" } }] });
  const picked = (d: DataplaneModel, logs: ReturnType<typeof log>[]) => matchTrafficLogs(d, logs)["pass_through"]?.log.name;

  it("selectors: every tag present and equal or `*`; rank counts exact and wildcard tags; more tags beat more exact ones", () => {
    expect(selectorMatches({ "kuma.io/service": "*" }, { "kuma.io/service": "web" })).toBe(true);
    expect(selectorMatches({ "kuma.io/service": "*", version: "v1" }, { "kuma.io/service": "web" })).toBe(false);
    expect(selectorMatches({}, undefined)).toBe(true);
    expect(selectorRank({ "kuma.io/service": "web", version: "*" })).toEqual({ exact: 1, wildcard: 1 });
    expect(compareRank({ exact: 0, wildcard: 3 }, { exact: 2, wildcard: 0 })).toBeGreaterThan(0);
    expect(compareRank({ exact: 2, wildcard: 0 }, { exact: 1, wildcard: 1 })).toBeGreaterThan(0);
  });
  it("a source must select the dataplane; a destination must select kuma.io/service pass_through (`*` counts)", () => {
    expect(picked(web, [toPassThrough("other-client", [{ "kuma.io/service": "backend" }])])).toBeUndefined();
    expect(picked(web, [log("to-some-service", { sources: [{ match: { "kuma.io/service": "*" } }], destinations: [{ match: { "kuma.io/service": "some-service" } }] })])).toBeUndefined();
    expect(picked(web, [log("everything", { sources: [{ match: { "kuma.io/service": "*" } }], destinations: [{ match: { "kuma.io/service": "*" } }] })])).toBe("everything");
  });
  it("an exact pass_through destination beats `*` (same number of tags, more exact)", () => {
    const everything = log("a-everything", { sources: [{ match: { "kuma.io/service": "*" } }], destinations: [{ match: { "kuma.io/service": "*" } }] });
    expect(picked(web, [everything, toPassThrough("z-pass-through")])).toBe("z-pass-through");
  });
  it("a more specific source beats a more specific destination when it has more tags", () => {
    const bySource = log("by-source", { sources: [{ match: { "kuma.io/service": "web", version: "v1" } }], destinations: [{ match: { "kuma.io/service": "*" } }] });
    expect(picked(web, [toPassThrough("by-destination", [{ "kuma.io/service": "web" }]), bySource])).toBe("by-source");
  });
  it("a TrafficLog counts its most specific source that selects the dataplane", () => {
    const two = toPassThrough("two-sources", [{ "kuma.io/service": "*" }, { "kuma.io/service": "web", version: "v1" }]);
    const one = toPassThrough("one-source", [{ "kuma.io/service": "web" }]);
    expect(picked(web, [one, two])).toBe("two-sources");
  });
  it("a tie goes to the one created later, else to the first by name", () => {
    expect(picked(web, [toPassThrough("b", undefined, undefined, "2024-01-01T00:00:00Z"), toPassThrough("a", undefined, undefined, "2023-01-01T00:00:00Z")])).toBe("b");
    const m = matchTrafficLogs(web, [toPassThrough("b"), toPassThrough("a")])["pass_through"]!;
    expect(m.log.name).toBe("a");
    expect(m.tiedWith).toEqual(["b"]);
  });
  it("only TrafficLogs of the dataplane's mesh count; a gateway is selected by its tags", () => {
    expect(picked(web, [trafficLogModel("elsewhere", "other", { sources: [{ match: { "kuma.io/service": "*" } }], destinations: [{ match: { "kuma.io/service": "pass_through" } }] })])).toBeUndefined();
    const gw = dp({ gateway: { type: "DELEGATED", tags: { "kuma.io/service": "edge" } } });
    expect(picked(gw, [toPassThrough("edge-only", [{ "kuma.io/service": "edge" }])])).toBe("edge-only");
    // Without inbounds or a gateway no tag selector selects the dataplane.
    expect(picked(dp({}), [toPassThrough("any")])).toBeUndefined();
  });
});

describe("admission", () => {
  it("TrafficLog: sources need kuma.io/service; destinations only kuma.io/service; both at least one element", () => {
    expect(validateTrafficLog({}, "resources[0]")).toEqual([
      { path: "resources[0].sources", message: "must have at least one element" },
      { path: "resources[0].destinations", message: "must have at least one element" },
    ]);
    expect(
      validateTrafficLog({ sources: [{ match: { app: "web" } }], destinations: [{ match: { "kuma.io/service": "pass_through", version: "v1" } }] }, "s"),
    ).toEqual([
      { path: "s.sources[0].match", message: 'mandatory tag "kuma.io/service" is missing' },
      { path: "s.destinations[0].match", message: 'must consist of exactly one tag "kuma.io/service"' },
      { path: 's.destinations[0].match["version"]', message: 'tag "version" is not allowed' },
    ]);
    expect(validateTrafficLog({ sources: [{ match: { "kuma.io/service": "*" } }], destinations: [{ match: { "kuma.io/service": "pass_through" } }] }, "s")).toEqual([]);
  });
  it("Mesh logging: names, types, file path, tcp HOST:PORT, defaultBackend", () => {
    const r = MeshSpecSchema.safeParse({
      logging: {
        defaultBackend: "missing",
        backends: [
          { name: "f", type: "file", conf: {} },
          { name: "f", type: "tcp", conf: { address: "logstash" } },
          { name: "", type: "syslog" },
        ],
      },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "logging.backends.0.conf.path: cannot be empty",
      "logging.backends.1.conf.address: has to be in format of HOST:PORT",
      'logging.backends.1.name: "f" name is already used for another backend',
      "logging.backends.2.name: cannot be empty",
      'logging.backends.2.type: unknown backend type. Available backends: "tcp", "file"',
      "logging.defaultBackend: has to be set to one of the logging backend in mesh",
    ]);
    expect(MeshSpecSchema.safeParse({ logging: { defaultBackend: "t", backends: [{ name: "t", type: "tcp", conf: { address: "[fd00::1]:5000" } }] } }).success).toBe(true);
  });
  it("the snapshot reads TrafficLog in both forms (Universal keeps sources/destinations/conf at the top level), with no not-modelled warning", () => {
    const universal = { type: "TrafficLog", mesh: "default", name: "u", creationTime: "2024-01-01T00:00:00Z", sources: [{ match: { "kuma.io/service": "*" } }], destinations: [{ match: { "kuma.io/service": "pass_through" } }], conf: { backend: "file" } };
    const kubernetes = { apiVersion: "kuma.io/v1alpha1", kind: "TrafficLog", mesh: "default", metadata: { name: "k", creationTimestamp: "2024-02-01T00:00:00Z" }, spec: { sources: [{ match: { "kuma.io/service": "web" } }], destinations: [{ match: { "kuma.io/service": "*" } }] } };
    const built = buildSnapshot([universal, kubernetes], undefined, features("2.14"), POLICIES);
    expect("snapshot" in built).toBe(true);
    if (!("snapshot" in built)) return;
    expect(built.snapshot.trafficLogs).toEqual([
      { name: "u", mesh: "default", sources: [{ "kuma.io/service": "*" }], destinations: [{ "kuma.io/service": "pass_through" }], backend: "file", creationTime: "2024-01-01T00:00:00Z" },
      { name: "k", mesh: "default", sources: [{ "kuma.io/service": "web" }], destinations: [{ "kuma.io/service": "*" }], backend: "", creationTime: "2024-02-01T00:00:00Z" },
    ]);
    expect(built.snapshot.warnings).toEqual([]);
    const bad = buildSnapshot([{ type: "TrafficLog", mesh: "default", name: "bad", sources: [], destinations: [{ match: { "kuma.io/service": "pass_through" } }] }], undefined, features("2.14"), POLICIES);
    expect(bad).toEqual({ errors: [{ path: "resources[0].sources", message: "must have at least one element" }] });
  });
});

describe("the explanation (docs-traffic-log)", () => {
  const base: Record<string, unknown>[] = [
    { type: "Mesh", name: "default", logging: { defaultBackend: "file", backends: [{ name: "file", type: "file", conf: { path: "/var/log/pt.log" } }] } },
    { type: "Dataplane", mesh: "default", name: "web-01", networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: TP } },
  ];
  const passThrough = { type: "TrafficLog", mesh: "default", name: "pt-log", sources: [{ match: { "kuma.io/service": "*" } }], destinations: [{ match: { "kuma.io/service": "pass_through" } }] };
  const run = (resources: Record<string, unknown>[], kumaVersion = "2.14") => {
    const out = simulate({ kumaVersion, resources, request: { to: "http://example.com", ip: "93.184.216.34" } });
    expect(out.ok).toBe(true);
    return out.ok ? out.result : undefined!;
  };
  const trafficLogWarning = (r: ReturnType<typeof run>) => r.warnings.find((w) => w.code === "docs-traffic-log")?.message;

  it("logged: says so, and by which TrafficLog and backend", () => {
    const r = run([...base, passThrough]);
    expect(r.verdict).toBe("passthrough");
    expect(trafficLogWarning(r)).toContain('IS logged: TrafficLog "pt-log" (mesh default)');
    expect(trafficLogWarning(r)).toContain('backend "file", path /var/log/pt.log');
    expect(r.warnings.map((w) => w.code)).not.toContain("resource-not-modelled");
  });
  it("a TrafficLog for other destinations only: not logged, no warning", () => {
    const r = run([...base, { ...passThrough, destinations: [{ match: { "kuma.io/service": "backend" } }] }]);
    expect(trafficLogWarning(r)).toBeUndefined();
  });
  it("no TrafficLog but a MeshAccessLog `to: Mesh`: logged, by the MeshAccessLog entry", () => {
    // kumahq/kuma@v2.14.3 meshaccesslog plugin.go applyToTransparentProxyListeners: the to: Mesh conf logs pass_through.
    const mal = { type: "MeshAccessLog", mesh: "default", name: "mal", spec: { to: [{ targetRef: { kind: "Mesh" }, default: { backends: [{ type: "File", file: { path: "/dev/stdout" } }] } }] } };
    const r = run([...base, mal]);
    expect(trafficLogWarning(r)).toContain("IS logged: MeshAccessLog mal#to[0] adds an access log to outbound:passthrough:ipv4");
  });
  it("MeshPassthrough replaces the passthrough filter chains, and the TrafficLog's access log with them", () => {
    const mpt = { type: "MeshPassthrough", mesh: "default", name: "mpt", spec: { targetRef: { kind: "Mesh" }, default: { passthroughMode: "All" } } };
    const plain = run([...base, passThrough, mpt]);
    // passthroughMode All keeps the generator's chains (no matchers): still logged.
    expect(trafficLogWarning(plain)).toContain("IS logged");
    const matched = run([...base, passThrough, { ...mpt, spec: { targetRef: { kind: "Mesh" }, default: { passthroughMode: "Matched", appendMatch: [{ type: "Domain", value: "example.com", protocol: "http", port: 80 }] } } }]);
    expect(matched.verdict).toBe("passthrough");
    expect(trafficLogWarning(matched)).toBeUndefined();
  });
  it("a missing backend: Kuma ignores the TrafficLog, meshsim warns", () => {
    const r = run([...base, { ...passThrough, conf: { backend: "nope" } }]);
    expect(r.warnings.map((w) => w.code)).toContain("traffic-log-backend-not-found");
    expect(trafficLogWarning(r)).toBeUndefined();
  });
  it("a TCP backend: logged by Kuma (said so), not shown in config (resource-not-modelled)", () => {
    const tcpMesh = { type: "Mesh", name: "default", logging: { defaultBackend: "ls", backends: [{ name: "ls", type: "tcp", conf: { address: "logstash:5000" } }] } };
    const r = run([tcpMesh, base[1]!, passThrough]);
    expect(r.warnings.map((w) => w.code)).toContain("resource-not-modelled");
    expect(trafficLogWarning(r)).toContain('access log for the TCP backend "ls" (logstash:5000)');
  });
});
