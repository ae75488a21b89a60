/**
 * Kuma's MeshAccessLog plugin unit test (`pkg/plugins/policies/meshaccesslog/plugin/v1alpha1/plugin_test.go @
 * v2.14.3`, the table "should generate proper Envoy config") as meshsim inputs; goldens
 * `testdata/<name>.{listener,cluster}.golden.yaml`, each one resource (`util_proto.ToYAML`), the i-th listener (and
 * cluster) of the resource set after the plugin ran.
 *
 * The test's proxy: Dataplane `backend` in mesh `default` (builders.Dataplane: address 127.0.0.1), inbound
 * 127.0.0.1:17777 `kuma.io/service: backend`, `kuma.io/protocol: http` (plus the Entry's extraInbounds), outbounds
 * (legacy `kuma.io/service`) the Entry's own, then other-service-http 127.0.0.1:27777 and other-service-tcp
 * 127.0.0.1:37777; WorkDir /tmp (TCP backends log to `/tmp/kuma-al-backend-default.sock`); a Mesh without mTLS
 * (`meshServicesMode` per Entry); the Entry's DP features and labels. The test hands the plugin ToRules / FromRules;
 * each is transcribed here as the MeshAccessLog policy Kuma compiles into them: `Rules` with an empty subset is
 * `to: Mesh`, a `kuma.io/service` subset `to: MeshService <name>`, a ResourceRules entry `to: <kind> <name>` of that
 * resource, FromRules' catch-all InboundRules `from: Mesh`, InboundRules with matches `rules[].matches`.
 *
 * The listeners the test builds (meshtcproute / meshhttproute GenerateOutboundListener, the inbound listener builders)
 * are Kuma's generator output at the tag, which is the golden without what the plugin adds, its access logs: the
 * fixture is each golden listener with its `accessLog` lists removed (reported as given from the golden); the access
 * logs, and any other change the plugin makes, are compared. Real-resource listeners carry the test's ResourceOrigin.
 *
 * meshsim side: the MeshAccessLog definition's plugin (`src/core/policies/meshaccesslog`) on those listeners.
 */
import { parse as parseYaml } from "yaml";
import { isJsonObject, type JsonObject } from "../../../src/core/json.js";
import { planTransparentProxy } from "../../../src/core/model/transparent-proxy.js";
import type { PolicyResource } from "../../../src/core/model/policy.js";
import { features, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
import { MeshAccessLogSpecSchema, type MeshAccessLogSpec } from "../../../src/core/policies/meshaccesslog/api.js";
import { meshAccessLog } from "../../../src/core/policies/meshaccesslog/index.js";
import { ORIGIN, TYPE_URL } from "../../../src/core/xds/names.js";
import type { ResourceOrigin, ResourceSet, XdsResource } from "../../../src/core/xds/resource-set.js";
import type { ResourceEntry } from "../lib/compare.js";
import { dataplane, mesh, resourceSetEntries } from "../lib/meshsim.js";
import type { Comparison, GoldenInput, Plan } from "../lib/types.js";

type Backend = NonNullable<NonNullable<MeshAccessLogSpec["to"]>[number]["default"]>["backends"];

const file = (path: string, format?: Record<string, unknown>): NonNullable<Backend>[number] => ({ type: "File", file: { path, ...(format ? { format: format as never } : {}) } });
const tcp = (address: string, format?: Record<string, unknown>): NonNullable<Backend>[number] => ({ type: "Tcp", tcp: { address, ...(format ? { format: format as never } : {}) } });
const otel = (endpoint: string, extra: Record<string, unknown> = {}): NonNullable<Backend>[number] => ({ type: "OpenTelemetry", openTelemetry: { endpoint, ...extra } });
const toMesh = (backends: Backend) => ({ targetRef: { kind: "Mesh" }, default: { backends } });
const toService = (name: string, backends: Backend) => ({ targetRef: { kind: "MeshService", name }, default: { backends } });

/** The test's kri of `otherMeshServiceHTTP` and `otherMeshExternalServiceHTTP`. */
const OTHER_MSVC: ResourceOrigin = { kind: "MeshService", mesh: "default", name: "other-meshservice-http", namespace: "other-ns", zone: "zone-1", sectionName: "" };
const OTHER_MES: ResourceOrigin = { kind: "MeshExternalService", mesh: "default", name: "other-meshexternalservice-http", sectionName: "" };
const toMsvc = (backends: Backend) => ({ targetRef: { kind: "MeshService", name: OTHER_MSVC.name, namespace: OTHER_MSVC.namespace }, default: { backends } });

/** Three legacy outbounds of the otel Entries, in the test's order (theirs first, then the table's two). */
const OTEL_OUTBOUNDS = [
  { service: "foo-service", port: 37778 },
  { service: "bar-service", port: 37779 },
];
const OTEL_TO = [
  toService("other-service-tcp", [otel("otel-collector")]),
  // The test's body is the raw bytes `%KUMA_MESH%`, not JSON; through Kuma's API a body is JSON (see FOO_BODY).
  toService("foo-service", [otel("otel-collector", { body: "%KUMA_MESH%" })]),
  toService("bar-service", [otel("other-otel-collector:5317", { body: { kvlistValue: { values: [{ key: "mesh", value: { stringValue: "%KUMA_MESH%" } }] } } })]),
];
const FOO_BODY =
  "test-only input: the Entry hands foo-service's OpenTelemetry backend the raw body bytes `%KUMA_MESH%`, which are not JSON; a body that comes through Kuma's API is JSON (apiextensionsv1.JSON keeps its bytes), so the string `\"%KUMA_MESH%\"` would be logged with its quotes (plugin/xds/configurer.go OtelBody)";

interface MalCase {
  readonly title: string;
  readonly spec: MeshAccessLogSpec;
  /** Goldens of the Entry, in the test's order (the i-th listener / cluster of the result). */
  readonly listeners: readonly string[];
  readonly clusters?: readonly string[];
  /** The ResourceOrigin of each fixture listener (by index), when the test builds a real-resource listener. */
  readonly origins?: readonly (ResourceOrigin | undefined)[];
  readonly outbounds?: readonly { service: string; port: number }[];
  readonly extraInbounds?: readonly { service: string; port: number }[];
  readonly exclusive?: boolean;
  readonly unifiedNaming?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
  /** Goldens of the Entry that no input through Kuma's API produces, or meshsim does not model, with why. */
  readonly notCovered?: Readonly<Record<string, string>>;
  /** Why the whole Entry is not covered. */
  readonly entryNotCovered?: string;
}

const ROUTES =
  "meshsim gap: logs on MeshHTTPRoute routes (the route's `kuma.routes/route_kri` metadata, the Lua filter that copies it, per-route access-log metadata filters) are not modelled; meshsim generates no MeshHTTPRoute routes";

/** Entries of plugin_test.go @ v2.14.3 by their first golden, transcribed by hand (each checked against the Go source). */
const CASES: Readonly<Record<string, MalCase>> = {
  basic_outbound: { title: "basic outbound route", spec: { to: [toMesh([file("/tmp/log")])] }, listeners: ["basic_outbound"] },
  basic_outbound_real_meshservice: {
    title: "basic outbound route from real MeshService",
    spec: { to: [toMsvc([file("/tmp/log")])] },
    listeners: ["basic_outbound_real_meshservice"],
    origins: [OTHER_MSVC],
  },
  basic_outbound_meshhttproute: { title: "basic outbound with MeshHTTPRoute", spec: {}, listeners: ["basic_outbound_meshhttproute"], entryNotCovered: ROUTES },
  basic_outbound_meshhttproute_unified_naming: {
    title: "matches MeshHTTPRoute policy when route name carries a unified-naming rule section",
    spec: {},
    listeners: ["basic_outbound_meshhttproute_unified_naming"],
    entryNotCovered: ROUTES,
  },
  disable_mal_for_meshhttproute: { title: "disable MAL for MeshHTTPRoute", spec: {}, listeners: ["disable_mal_for_meshhttproute"], entryNotCovered: ROUTES },
  basic_outbound_real_meshexternalservice: {
    title: "basic outbound route from real MeshExternalService",
    spec: { to: [{ targetRef: { kind: "MeshExternalService", name: OTHER_MES.name }, default: { backends: [file("/tmp/log")] } }] },
    listeners: ["basic_outbound_real_meshexternalservice"],
    origins: [OTHER_MES],
  },
  outbound_file_backend_default_format: { title: "outbound tcpproxy with file backend and default format", spec: { to: [toMesh([file("/tmp/log")])] }, listeners: ["outbound_file_backend_default_format"] },
  outbound_file_backend_plain_format: {
    title: "outbound tcpproxy with file backend and plain format",
    spec: { to: [toMesh([file("/tmp/log", { type: "Plain", plain: "custom format [%START_TIME%] %RESPONSE_FLAGS%" })])] },
    listeners: ["outbound_file_backend_plain_format"],
  },
  outbound_file_backend_json_format: {
    title: "outbound tcpproxy with file backend and json format",
    spec: { to: [toMesh([file("/tmp/log", { type: "Json", json: [{ key: "protocol", value: "%PROTOCOL%" }, { key: "duration", value: "%DURATION%" }] })])] },
    listeners: ["outbound_file_backend_json_format"],
  },
  outbound_tcp_backend_default_format: { title: "outbound tcpproxy with tcp backend and default format", spec: { to: [toMesh([tcp("logging.backend")])] }, listeners: ["outbound_tcp_backend_default_format"] },
  outbound_otel_unified_naming: {
    title: "outbound tcpproxy with opentelemetry backend, plain format, unified naming",
    spec: { to: OTEL_TO },
    listeners: ["outbound_otel_unified_naming", "outbound_otel_unified_naming_1", "outbound_otel_unified_naming_2"],
    clusters: ["outbound_otel_unified_naming", "outbound_otel_unified_naming_1"],
    outbounds: OTEL_OUTBOUNDS,
    exclusive: true,
    unifiedNaming: true,
    notCovered: { "outbound_otel_unified_naming_1.listener": FOO_BODY },
  },
  outbound_otel_backend_plain_format: {
    title: "outbound tcpproxy with opentelemetry backend and plain format",
    spec: { to: OTEL_TO },
    listeners: ["outbound_otel_backend_plain_format", "outbound_otel_backend_plain_format_1", "outbound_otel_backend_plain_format_2"],
    clusters: ["outbound_otel_backend_plain_format", "outbound_otel_backend_plain_format_1"],
    outbounds: OTEL_OUTBOUNDS,
    notCovered: { "outbound_otel_backend_plain_format_1.listener": FOO_BODY },
  },
  outbound_tcp_backend_plain_format: {
    title: "outbound tcpproxy with tcp backend and plain format",
    spec: { to: [toMesh([tcp("logging.backend", { type: "Plain", plain: "custom format [%START_TIME%] %RESPONSE_FLAGS%" })])] },
    listeners: ["outbound_tcp_backend_plain_format"],
  },
  outbound_tcp_backend_json_format: {
    title: "outbound tcpproxy with tcp backend and json format",
    spec: { to: [toMesh([tcp("logging.backend", { type: "Json", json: [{ key: "protocol", value: "%PROTOCOL%" }, { key: "duration", value: "%DURATION%" }] })])] },
    listeners: ["outbound_tcp_backend_json_format"],
  },
  outbound_route_without_match: { title: "basic outbound route without match", spec: { to: [toService("other", [file("/tmp/log")])] }, listeners: ["outbound_route_without_match"] },
  inbound_route: { title: "basic inbound route", spec: { from: [{ targetRef: { kind: "Mesh" }, default: { backends: [file("/tmp/log")] } }] }, listeners: ["inbound_route"] },
  inbound_route_duplicate_port: {
    title: "inbound with two services on the same port does not duplicate access log",
    spec: { from: [{ targetRef: { kind: "Mesh" }, default: { backends: [file("/tmp/log")] } }] },
    listeners: ["inbound_route_duplicate_port"],
    extraInbounds: [{ service: "backend-canary", port: 17777 }],
  },
  inbound_route_tags_disabled: {
    title: "inbound route with inbound tags disabled",
    spec: {},
    listeners: ["inbound_route_tags_disabled"],
    entryNotCovered:
      "meshsim gap: kuma-cp's `inboundTagsDisabled` setting (the inbound's destination logged as the Dataplane's KRI with the inbound's name) is a control-plane setting meshsim does not model",
  },
  outbound_otel_workload_identity: {
    title: "outbound otel backend with workload identity and legacy placeholder key",
    spec: { to: [toMsvc([otel("otel-collector", { body: "%KUMA_MESH% %KUMA_ZONE% %KUMA_WORKLOAD%" })])] },
    listeners: ["outbound_otel_workload_identity"],
    clusters: ["outbound_otel_workload_identity"],
    origins: [OTHER_MSVC],
    exclusive: true,
    unifiedNaming: true,
    labels: { "kuma.io/zone": "zone-1", "k8s.kuma.io/namespace": "kuma-demo", "kuma.io/workload": "backend" },
    notCovered: {
      "outbound_otel_workload_identity.listener":
        "test-only input: the Entry's OpenTelemetry body is the raw bytes `%KUMA_MESH% %KUMA_ZONE% %KUMA_WORKLOAD%` (not JSON, which Kuma's API requires) and an attribute key `%KUMA_ZONE%`, which admission refuses since v2.14.0 (validator.go validateOtelAttributes, #16623)",
    },
  },
  outbound_file_workload_identity: {
    title: "outbound file backend with workload variables",
    spec: { to: [toMsvc([file("/tmp/log", { type: "Plain", plain: "%KUMA_MESH% %KUMA_ZONE% %KUMA_WORKLOAD%" })])] },
    listeners: ["outbound_file_workload_identity"],
    origins: [OTHER_MSVC],
    exclusive: true,
    unifiedNaming: true,
    labels: { "kuma.io/zone": "zone-1", "k8s.kuma.io/namespace": "kuma-demo", "kuma.io/workload": "backend" },
  },
  inbound_matches_spiffeid_and_catchall: {
    title: "inbound with rules[].matches[].spiffeID and catch-all (parallel logging)",
    spec: {
      rules: [
        { matches: [{ spiffeID: { type: "Exact", value: "spiffe://default/ns/clients/sa/specific-client" } }], default: { backends: [file("/tmp/specific.log")] } },
        { default: { backends: [file("/tmp/all.log")] } },
      ],
    },
    listeners: ["inbound_matches_spiffeid_and_catchall"],
  },
  zoneegress_matches_sni: { title: "zone egress listener with rules[].matches[].sni", spec: {}, listeners: ["zoneegress_matches_sni"], entryNotCovered: "zone egress listener: meshsim generates no zone proxy" },
  zoneingress_matches_spiffeid: { title: "zone ingress listener with rules[].matches[].spiffeID", spec: {}, listeners: ["zoneingress_matches_spiffeid"], entryNotCovered: "zone ingress listener: meshsim generates no zone proxy" },
};

/** The Entry a golden belongs to, by golden name (`<name>.listener` / `<name>.cluster`). */
export function malEntryOf(golden: string): { key: string; c: MalCase } | undefined {
  for (const [key, c] of Object.entries(CASES)) if (c.listeners.some((l) => `${l}.listener` === golden) || (c.clusters ?? []).some((x) => `${x}.cluster` === golden)) return { key, c };
  return undefined;
}

/** The Entry's test title (what the runner checks the Go source of). */
export const MAL_CASE_TITLES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(CASES).map(([k, c]) => [k, c.title]));

/** A bare resource golden (`util_proto.ToYAML(resource)`) as a compared entry. */
function bareGolden(text: string, typeUrl: string, what: string): ResourceEntry {
  const v: unknown = parseYaml(text, { schema: "core", uniqueKeys: true });
  if (!isJsonObject(v) || typeof v["name"] !== "string") throw new Error(`${what}: not a resource with a name`);
  return { typeUrl, name: v["name"], value: v };
}

/** The listener without the access logs the plugin adds (`accessLog` of each chain's HTTP connection manager and tcp_proxy). */
function withoutAccessLogs(listener: JsonObject): JsonObject {
  const chains = Array.isArray(listener["filterChains"]) ? listener["filterChains"] : [];
  return {
    ...listener,
    filterChains: chains.map((c) =>
      isJsonObject(c) && Array.isArray(c["filters"])
        ? {
            ...c,
            filters: c["filters"].map((f) => {
              if (!isJsonObject(f) || !isJsonObject(f["typedConfig"])) return f;
              const { accessLog: _dropped, ...rest } = f["typedConfig"];
              return { ...f, typedConfig: rest };
            }),
          }
        : c,
    ),
  };
}

function origin(name: string): string {
  if (name.startsWith("inbound:")) return ORIGIN.inbound;
  return ORIGIN.outbound;
}

function policy(spec: MeshAccessLogSpec): PolicyResource {
  const parsed = MeshAccessLogSpecSchema.parse(spec);
  return {
    envelope: { kind: "MeshAccessLog", name: "mal", mesh: "default", form: "universal", namespace: undefined, labels: {}, specPath: "spec", spec: parsed, path: "policy", status: undefined },
    spec: parsed,
    role: "workload-owner",
    whatIf: false,
  };
}

function run(c: MalCase, listenerGoldens: readonly ResourceEntry[], runAt: KumaMinor | Release): ResourceSet {
  const f = features(runAt);
  const outbounds = [...(c.outbounds ?? []), { service: "other-service-http", port: 27777 }, { service: "other-service-tcp", port: 37777 }];
  const dp = dataplane("backend", "default", {
    networking: {
      address: "127.0.0.1",
      inbound: [
        { address: "127.0.0.1", port: 17777, tags: { "kuma.io/service": "backend", "kuma.io/protocol": "http" } },
        ...(c.extraInbounds ?? []).map((i) => ({ address: "127.0.0.1", port: i.port, tags: { "kuma.io/service": i.service, "kuma.io/protocol": "http" } })),
      ],
      outbound: outbounds.map((o) => ({ address: "127.0.0.1", port: o.port, tags: { "kuma.io/service": o.service } })),
    },
    ...(c.unifiedNaming ? { meshsim: { features: ["feature-unified-resource-naming"] } } : {}),
  });
  const labelled = c.labels ? { ...dp, labels: { ...dp.labels, ...c.labels } } : dp;
  const m = mesh("default", c.exclusive ? { meshServices: { mode: "Exclusive" } } : {});
  const fixture: XdsResource[] = listenerGoldens.map((g, i) => {
    const value = withoutAccessLogs(g.value as JsonObject);
    const o = c.origins?.[i];
    return { type: "listener", name: g.name, origin: origin(g.name), value, ...(o ? { resourceOrigin: o } : {}) };
  });
  const out = meshAccessLog.plugin!.apply(fixture, { features: f, dataplane: labelled, mesh: m, transparentProxy: planTransparentProxy(labelled, m, f), policies: [policy(c.spec)] });
  return out.resources;
}

/**
 * Plan for a MeshAccessLog plugin golden `<name>.<listener|cluster>.golden.yaml`; `read(golden)` is another golden of the
 * same directory at the tag (the Entry's other listeners are part of its input), undefined when absent.
 */
export function meshAccessLogPlan(abs: string, fileName: string, read: (golden: string) => string | undefined, runAt: KumaMinor | Release): Plan {
  const mm = /^(.+)\.(listener|cluster)\.golden\.yaml$/.exec(fileName);
  if (!mm) return { kind: "not-covered", reason: `not a MeshAccessLog plugin golden name ("${fileName}")` };
  const golden = `${mm[1]}.${mm[2]}`;
  const found = malEntryOf(golden);
  if (!found) return { kind: "not-covered", reason: `no input is known for MeshAccessLog plugin golden "${fileName}"` };
  const { c } = found;
  if (c.entryNotCovered) return { kind: "not-covered", reason: c.entryNotCovered };
  const why = c.notCovered?.[golden];
  if (why) return { kind: "not-covered", reason: why };
  const texts = c.listeners.map((l) => read(`${l}.listener.golden.yaml`));
  const missing = c.listeners.find((_, i) => texts[i] === undefined);
  if (missing) return { kind: "not-covered", reason: `input differs: no ${missing}.listener.golden.yaml next to the golden (the Entry's listener)` };
  const typeUrl = mm[2] === "cluster" ? TYPE_URL.cluster : TYPE_URL.listener;
  return {
    kind: "compare",
    describe: `MeshAccessLog plugin @ ${runAt}, plugin_test Entry "${c.title}" (${golden})`,
    run: (): Comparison => {
      const listeners = c.listeners.map((l, i) => bareGolden(texts[i]!, TYPE_URL.listener, `${l}.listener.golden.yaml`));
      const kuma = bareGolden(read(fileName) ?? "", typeUrl, fileName);
      const rs = run(c, listeners, runAt);
      const meshsim = resourceSetEntries(rs)
        .filter((e) => e.typeUrl === typeUrl && e.name === kuma.name)
        .map((e) => {
          const { "@type": _t, ...rest } = e.value as Record<string, unknown>;
          return { ...e, value: rest };
        });
      const fromGolden: GoldenInput[] =
        typeUrl === TYPE_URL.listener
          ? [{ typeUrl, name: kuma.name, pointer: "", reason: "the test's hand-built listener (Kuma's generator output at the tag) is the golden without the access logs the plugin adds; the accessLog lists are what is compared" }]
          : [];
      return { kuma: [kuma], meshsim, fromGolden };
    },
  };
}
