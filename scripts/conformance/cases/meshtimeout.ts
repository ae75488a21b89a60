/**
 * Kuma's MeshTimeout plugin unit test (`pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin_test.go` @ v2.14.3:
 * the sidecar table "should generate proper Envoy config" and the `It` tests of spiffeID-matched routes) as meshsim
 * inputs; goldens `pkg/plugins/policies/meshtimeout/plugin/testdata/*.golden.yaml`. The proxy and the hand-built
 * resources are in timeouts-fixture.ts. The test hands the plugin rules; each is transcribed as the MeshTimeout Kuma
 * would build it from: a `from` rule on the inbound listener 127.0.0.1:80 (Subset{} / an InboundRule without a match)
 * as `from: [{targetRef: Mesh, default}]`, a `to` rule on Subset{} as `to: [{targetRef: Mesh}]`, on
 * `kuma.io/service: X` as `to: [{targetRef: {kind: MeshService, name: X}}]`, a ResourceRule on a real MeshService or
 * MeshExternalService as a `to` entry naming it, InboundRules with a spiffeID match as `rules[].matches`.
 *
 * meshsim side: the MeshTimeout definition's plugin (`src/core/policies/meshtimeout`) on the same resources.
 */
import type { JsonObject } from "../../../src/core/json.js";
import type { OutboundTarget } from "../../../src/core/model/outbound-target.js";
import type { PolicyResource } from "../../../src/core/model/policy.js";
import { features, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
import { meshTimeout } from "../../../src/core/policies/meshtimeout/index.js";
import type { ResourceSet } from "../../../src/core/xds/resource-set.js";
import type { Comparison, Plan } from "../lib/types.js";
import { cluster, httpInboundListener, legacyTarget, meshsimEntries, policy, readGolden, runPlugin, tcpOutboundListener, type ListenerVariant } from "./timeouts-fixture.js";

/** The conf most Entries use (test.ParseDuration values). */
const FULL: JsonObject = { connectionTimeout: "10s", idleTimeout: "1h", http: { requestTimeout: "5s", streamIdleTimeout: "1s", maxStreamDuration: "10m", maxConnectionDuration: "10m" } };
const MESH = { kind: "Mesh" };

const from = (conf: JsonObject) => policy("MeshTimeout", "mt", { targetRef: MESH, from: [{ targetRef: MESH, default: conf }] });
const toMesh = (conf: JsonObject) => policy("MeshTimeout", "mt", { targetRef: MESH, to: [{ targetRef: MESH, default: conf }] });
const toService = (service: string, conf: JsonObject) => policy("MeshTimeout", "mt", { targetRef: MESH, to: [{ targetRef: { kind: "MeshService", name: service }, default: conf }] });
const rules = (...rs: { matches?: JsonObject[]; default: JsonObject }[]) => policy("MeshTimeout", "mt", { targetRef: MESH, rules: rs });

const OTHER_LISTENER = "outbound:127.0.0.1:10001";
const SECOND_LISTENER = "outbound:127.0.0.1:10002";
const other = (clusterName: string): OutboundTarget => legacyTarget("other-service", OTHER_LISTENER, clusterName, "http");
const second: OutboundTarget = legacyTarget("second-service", SECOND_LISTENER, "second-service", "tcp");

/** The 2.5.x tests name the split cluster `other-service-_0_`; from 2.6.0 `other-service-c72efb5be46fae6b`. */
const splitName = (sameAs: string) => (/^2\.5\./.test(sameAs) ? "other-service-_0_" : "other-service-c72efb5be46fae6b");

/** The test's HTTP connection manager outbound listeners carry MeshHTTPRoute routes meshsim has no counterpart for. */
const HTTP_OUTBOUND_LISTENER =
  "the test's outbound listener is an HTTP connection manager with MeshHTTPRoute routes (samples.MeshHttpOutboudWithSingleRoute); meshsim generates in-mesh outbound listeners as a tcp_proxy and does not simulate in-mesh HTTP routing (out of issue #11's scope, docs/fidelity.md Generators), so it has no such listener to configure";
const BEFORE_210 = (why: string) => (f: ReturnType<typeof features>) => (f.inboundTimeoutDefaults ? undefined : why);
const NO_FROM_ENTRY =
  "test-only input before 2.10.0: the test hands the plugin `to` rules and no from-rule entry for the inbound (FromRules.Rules has no key 127.0.0.1:80), which applyToInbounds reads as an empty conf and fills with defaults; any MeshTimeout that selects this one-inbound proxy gives the inbound a from-rule entry (BuildFromRules per selected inbound), empty without `from`, under which Kuma leaves it alone, so no snapshot produces this input";
const NIL_TO_RULES =
  "test-only input before 2.10.0: the test hands the plugin ToRules{} (Rules nil), which applyToClusters reads as an empty conf and fills with defaults; policies from Kuma's API always give a non-nil rule list (BuildRules returns Rules{}), under which the cluster is left alone, so no snapshot produces this input";

interface TimeoutCase {
  /** The Entry's (or It's) title. */
  readonly title: string;
  readonly type: "listener" | "cluster";
  /** The Envoy name of the resource the golden holds (the test compares ListOf(type)[i]). */
  readonly resource: (sameAs: string) => string;
  readonly resources: (v: ListenerVariant, sameAs: string) => ResourceSet;
  readonly policies: () => PolicyResource[];
  readonly targets?: (sameAs: string) => OutboundTarget[];
  readonly unified?: boolean;
  /** Why meshsim cannot take it (at this release), if so. */
  readonly notCovered?: (f: ReturnType<typeof features>) => string | undefined;
}

const inboundPair = (v: ListenerVariant) => [httpInboundListener(v), cluster("localhost:8080", "inbound")];

/** Per golden file, the Entry it comes from, transcribed from plugin_test.go @ v2.14.3. */
const CASES: Readonly<Record<string, TimeoutCase>> = {
  "http_outbound_listener.golden.yaml": { title: "http outbound route", type: "listener", resource: () => OTHER_LISTENER, resources: () => [], policies: () => [], notCovered: () => HTTP_OUTBOUND_LISTENER },
  "http_outbound_cluster.golden.yaml": {
    title: "http outbound route",
    type: "cluster",
    resource: () => "other-service",
    resources: (_v, s) => [cluster("other-service"), cluster(splitName(s))],
    policies: () => [toMesh(FULL)],
    targets: (s) => [other("other-service"), other(splitName(s))],
  },
  "http_outbound_split_cluster.golden.yaml": {
    title: "http outbound route",
    type: "cluster",
    resource: splitName,
    resources: (_v, s) => [cluster("other-service"), cluster(splitName(s))],
    policies: () => [toMesh(FULL)],
    targets: (s) => [other("other-service"), other(splitName(s))],
  },
  "basic_tcp_listener.golden.yaml": {
    title: "tcp outbound route",
    type: "listener",
    resource: () => SECOND_LISTENER,
    resources: () => [tcpOutboundListener(), cluster("second-service")],
    policies: () => [toService("second-service", { connectionTimeout: "10s", idleTimeout: "30s" })],
    targets: () => [second],
  },
  "basic_tcp_cluster.golden.yaml": {
    title: "tcp outbound route",
    type: "cluster",
    resource: () => "second-service",
    resources: () => [tcpOutboundListener(), cluster("second-service")],
    policies: () => [toService("second-service", { connectionTimeout: "10s", idleTimeout: "30s" })],
    targets: () => [second],
  },
  "basic_inbound_listener.golden.yaml": { title: "basic inbound route", type: "listener", resource: () => "inbound:127.0.0.1:80", resources: inboundPair, policies: () => [from(FULL)] },
  "basic_inbound_cluster.golden.yaml": { title: "basic inbound route", type: "cluster", resource: () => "localhost:8080", resources: inboundPair, policies: () => [from(FULL)] },
  "basic_inbound_cluster_unified_naming.golden.yaml": {
    title: "basic inbound route (unified naming)",
    type: "cluster",
    // naming.MustContextualInboundName(core_mesh.NewDataplaneResource(), 8080 @ v2.12.14, 80 from v2.13.10)
    resource: (s) => (s === "v2.12.14" ? "self_inbound_dp_8080" : "self_inbound_dp_80"),
    resources: (v, s) => [httpInboundListener(v), cluster(s === "v2.12.14" ? "self_inbound_dp_8080" : "self_inbound_dp_80", "inbound")],
    policies: () => [from(FULL)],
    unified: true,
  },
  // An empty from-rule list for the inbound: a MeshTimeout that selects the proxy with only a `to` entry (no outbound here).
  "basic_without_defaults_inbound_listener.golden.yaml": {
    title: "basic inbound route without defaults",
    type: "listener",
    resource: () => "inbound:127.0.0.1:80",
    resources: inboundPair,
    policies: () => [toService("unused", { idleTimeout: "1h" })],
  },
  "basic_without_defaults_inbound_cluster.golden.yaml": {
    title: "basic inbound route without defaults",
    type: "cluster",
    resource: () => "localhost:8080",
    resources: inboundPair,
    policies: () => [toService("unused", { idleTimeout: "1h" })],
  },
  "outbound_with_defaults_listener.golden.yaml": { title: "outbound with defaults when http conf missing", type: "listener", resource: () => OTHER_LISTENER, resources: () => [], policies: () => [], notCovered: () => HTTP_OUTBOUND_LISTENER },
  "outbound_with_defaults_cluster.golden.yaml": {
    title: "outbound with defaults when http conf missing",
    type: "cluster",
    resource: () => "other-service",
    resources: () => [cluster("other-service")],
    policies: () => [toService("other-service", { connectionTimeout: "10s", idleTimeout: "1h" })],
    targets: () => [other("other-service")],
  },
  "default_inbound_listener.golden.yaml": {
    title: "default inbound conf when no from section specified",
    type: "listener",
    resource: () => "inbound:127.0.0.1:80",
    resources: (v) => [...inboundPair(v), cluster("other-service")],
    policies: () => [toService("other-service", { connectionTimeout: "10s", idleTimeout: "1h" })],
    targets: () => [other("other-service")],
    notCovered: BEFORE_210(NO_FROM_ENTRY),
  },
  "default_inbound_cluster.golden.yaml": {
    title: "default inbound conf when no from section specified",
    type: "cluster",
    resource: () => "localhost:8080",
    resources: (v) => [...inboundPair(v), cluster("other-service")],
    policies: () => [toService("other-service", { connectionTimeout: "10s", idleTimeout: "1h" })],
    targets: () => [other("other-service")],
    notCovered: BEFORE_210(NO_FROM_ENTRY),
  },
  "modified_outbound_listener.golden.yaml": { title: "default inbound conf when no from section specified", type: "listener", resource: () => OTHER_LISTENER, resources: () => [], policies: () => [], notCovered: () => HTTP_OUTBOUND_LISTENER },
  "modified_outbound_cluster.golden.yaml": {
    title: "default inbound conf when no from section specified",
    type: "cluster",
    resource: () => "other-service",
    resources: (v) => [...inboundPair(v), cluster("other-service")],
    policies: () => [toService("other-service", { connectionTimeout: "10s", idleTimeout: "1h" })],
    targets: () => [other("other-service")],
  },
  "modified_inbound_listener.golden.yaml": {
    title: "default outbound conf when no to section specified",
    type: "listener",
    resource: () => "inbound:127.0.0.1:80",
    resources: (v) => [...inboundPair(v), cluster("other-service")],
    policies: () => [from(FULL)],
    targets: () => [other("other-service")],
  },
  "modified_inbound_cluster.golden.yaml": {
    title: "default outbound conf when no to section specified",
    type: "cluster",
    resource: () => "localhost:8080",
    resources: (v) => [...inboundPair(v), cluster("other-service")],
    policies: () => [from(FULL)],
    targets: () => [other("other-service")],
  },
  "default_outbound_listener.golden.yaml": { title: "default outbound conf when no to section specified", type: "listener", resource: () => OTHER_LISTENER, resources: () => [], policies: () => [], notCovered: () => HTTP_OUTBOUND_LISTENER },
  "default_outbound_cluster.golden.yaml": {
    title: "default outbound conf when no to section specified",
    type: "cluster",
    resource: () => "other-service",
    resources: (v) => [...inboundPair(v), cluster("other-service")],
    policies: () => [from(FULL)],
    targets: () => [other("other-service")],
    notCovered: BEFORE_210(NIL_TO_RULES),
  },
  // The second Entry titled "default outbound conf when no to section specified": no rules at all.
  "original_inbound_listener.golden.yaml": {
    title: "default outbound conf when no to section specified",
    type: "listener",
    resource: () => "inbound:127.0.0.1:80",
    resources: (v) => [...inboundPair(v), cluster("other-service")],
    policies: () => [],
    targets: () => [other("other-service")],
  },
  "original_inbound_cluster.golden.yaml": {
    title: "default outbound conf when no to section specified",
    type: "cluster",
    resource: () => "localhost:8080",
    resources: (v) => [...inboundPair(v), cluster("other-service")],
    policies: () => [],
    targets: () => [other("other-service")],
  },
  "original_outbound_listener.golden.yaml": { title: "default outbound conf when no to section specified", type: "listener", resource: () => OTHER_LISTENER, resources: () => [], policies: () => [], notCovered: () => HTTP_OUTBOUND_LISTENER },
  "original_outbound_cluster.golden.yaml": {
    title: "default outbound conf when no to section specified",
    type: "cluster",
    resource: () => "other-service",
    resources: (v) => [...inboundPair(v), cluster("other-service")],
    policies: () => [],
    targets: () => [other("other-service")],
  },
  "outbound_listener_with_different_timeouts_per_route.yaml": {
    title: "timeouts per http route",
    type: "listener",
    resource: () => OTHER_LISTENER,
    resources: () => [],
    policies: () => [],
    notCovered: () => `the rules select MeshHTTPRoute routes by their matches hash (core_rules.RuleMatchesHashTag) on an HTTP outbound listener; ${HTTP_OUTBOUND_LISTENER}`,
  },
  "outbound_listener_with_different_timeouts_per_real_meshhttproute.yaml": {
    title: "timeouts per real MeshHTTPRoute",
    type: "listener",
    resource: () => OTHER_LISTENER,
    resources: () => [],
    policies: () => [],
    notCovered: () => `the rules target a real MeshHTTPRoute's routes on an HTTP outbound listener; ${HTTP_OUTBOUND_LISTENER}`,
  },
  "real_mesh_service.listener.golden.yaml": { title: "targeting real MeshService", type: "listener", resource: () => OTHER_LISTENER, resources: () => [], policies: () => [], notCovered: () => HTTP_OUTBOUND_LISTENER },
  "real_mesh_service.cluster.golden.yaml": realCluster("targeting real MeshService", "MeshService", FULL),
  "real_mesh_external_service.listener.golden.yaml": { title: "targeting real MeshExternalService", type: "listener", resource: () => OTHER_LISTENER, resources: () => [], policies: () => [], notCovered: () => HTTP_OUTBOUND_LISTENER },
  "real_mesh_external_service.cluster.golden.yaml": realCluster("targeting real MeshExternalService", "MeshExternalService", {
    connectionTimeout: "10s",
    idleTimeout: "1h",
    http: { requestTimeout: "99s", streamIdleTimeout: "9s", maxStreamDuration: "7m", maxConnectionDuration: "18m" },
  }),
  // The `It` tests (v2.14.0): InboundRules with spiffeID matches on the inbound listener.
  "matched_spiffe_inbound.listener.golden.yaml": {
    title: "should duplicate inbound routes for spiffeID matches",
    type: "listener",
    resource: () => "inbound:127.0.0.1:80",
    resources: inboundPair,
    policies: () => [
      rules(
        { default: FULL },
        { matches: [{ spiffeID: { type: "Exact", value: "spiffe://default/client" } }], default: { http: { requestTimeout: "2s", streamIdleTimeout: "3s" } } },
        { matches: [{ spiffeID: { type: "Exact", value: "spiffe://default/client-stream" } }], default: { http: { streamIdleTimeout: "4s" } } },
      ),
    ],
  },
  "matched_spiffe_precedence.listener.golden.yaml": {
    title: "should merge overlapping spiffeID matches before duplicating inbound routes",
    type: "listener",
    resource: () => "inbound:127.0.0.1:80",
    resources: inboundPair,
    policies: () => [
      rules(
        { matches: [{ spiffeID: { type: "Prefix", value: "spiffe://default/" } }], default: { http: { requestTimeout: "5s", streamIdleTimeout: "10s" } } },
        { matches: [{ spiffeID: { type: "Exact", value: "spiffe://default/client" } }], default: { http: { streamIdleTimeout: "3s" } } },
      ),
    ],
  },
  "matched_only_spiffe_inbound.listener.golden.yaml": matchedOnly("listener"),
  "matched_only_spiffe_inbound.cluster.golden.yaml": matchedOnly("cluster"),
};

function matchedOnly(type: "listener" | "cluster"): TimeoutCase {
  return {
    title: "should not apply common inbound defaults for matched-only spiffeID rules",
    type,
    resource: () => (type === "listener" ? "inbound:127.0.0.1:80" : "localhost:8080"),
    resources: inboundPair,
    policies: () => [
      rules(
        { matches: [{ spiffeID: { type: "Exact", value: "spiffe://default/client" } }], default: { http: { requestTimeout: "2s", streamIdleTimeout: "3s" } } },
        { matches: [{ spiffeID: { type: "Exact", value: "spiffe://default/client-stream" } }], default: { http: { streamIdleTimeout: "4s" } } },
      ),
    ],
  };
}

/**
 * "targeting real MeshService / MeshExternalService": an HTTP listener and the cluster `backend` with ResourceOrigin the
 * real resource `backend` in namespace `backend-ns` (mesh default, zone-1) and Protocol HTTP; a ResourceRule on it.
 */
function realCluster(title: string, kind: "MeshService" | "MeshExternalService", conf: JsonObject): TimeoutCase {
  const destination = { kind, name: "backend", mesh: "default", namespace: "backend-ns", labels: {}, port: 80, section: "80" } as const;
  return {
    title,
    type: "cluster",
    resource: () => "backend",
    resources: () => [cluster("backend")],
    policies: () => [policy("MeshTimeout", "mt", { targetRef: MESH, to: [{ targetRef: { kind, name: "backend", namespace: "backend-ns" }, default: conf }] })],
    targets: () => [{ listener: OTHER_LISTENER, cluster: "backend", destination, protocol: "http" }],
  };
}

/** The golden names this module has an input for (the runner checks each Entry's source at the tag). */
export const MESHTIMEOUT_CASES: readonly string[] = Object.keys(CASES);

/** The Entry or It title a golden comes from. */
export function meshTimeoutTitle(file: string): string | undefined {
  return CASES[file]?.title;
}

/** Plan for a MeshTimeout plugin golden; `sameAs`: the verified tag whose test source this tag's equals. */
export function meshTimeoutPlan(abs: string, file: string, runAt: KumaMinor | Release, variant: ListenerVariant, sameAs: string): Plan {
  const c = CASES[file];
  if (!c) return { kind: "not-covered", reason: `no input is known for MeshTimeout plugin golden "${file}"` };
  const f = features(runAt);
  const why = c.notCovered?.(f);
  if (why) return { kind: "not-covered", reason: why };
  return {
    kind: "compare",
    describe: `MeshTimeout plugin @ ${runAt}, plugin_test "${c.title}": ${c.type} ${c.resource(sameAs)}`,
    run: (): Comparison => {
      const out = runPlugin(meshTimeout, runAt, c.resources(variant, sameAs), c.policies(), c.targets?.(sameAs) ?? [], c.unified ?? false);
      return { kuma: readGolden(abs, c.type), meshsim: meshsimEntries(out.resources, c.type, [c.resource(sameAs)]), notes: out.notes };
    },
  };
}

// --- The 3.0 line ---------------------------------------------------------------------------------------------------

/**
 * plugin_test.go at the 3.0 line's commit (kumahq/kuma@348b6528bc), transcribed there: the same Entries, `It` tests and
 * confs as the 2.x table, but every outbound is a real resource and every inbound is named contextually. The
 * outbound listeners and clusters carry `ResourceOrigin: id` (and a Protocol) for the kri.Identifiers
 * otherServiceIdentifier (MeshService other-service, section "10001", HTTP), secondServiceIdentifier (second-service,
 * "10002", TCP), backendMeshServiceIdentifier / backendMeshExternalServiceIdentifier (`backend` in zone-1, namespace
 * backend-ns, "10001", HTTP), named `id.String()`; rules are `ResourceRules[id]` (transcribed as a `to` entry naming
 * that resource and section). The inbound listener (httpInboundListenerWith: InboundListener(…, reusePort true)),
 * its route, virtual host and route cluster and the inbound cluster are all
 * `naming.MustContextualInboundName(core_mesh.NewDataplaneResource(), 80)` = `self_inbound_dp_80`; its rules are
 * `InboundRules` on 127.0.0.1:80 (transcribed as `rules`, matches included, since the 3.0 API has no `from`).
 * `FromRules{}` / no rules on the inbound is a MeshTimeout without `rules` (here one whose `to` names an unused
 * MeshService).
 */
const INBOUND_30 = "self_inbound_dp_80";
const INBOUND_NAMES_30 = { listener: INBOUND_30, route: INBOUND_30, virtualHost: INBOUND_30, cluster: INBOUND_30, statPrefix: INBOUND_30 };
const V30: ListenerVariant = { reusePort: true, internalAddresses: true };
const OTHER_30 = "kri_msvc_default___other-service_10001";
const OTHER_SPLIT_30 = `${OTHER_30}-c72efb5be46fae6b`;
const SECOND_30 = "kri_msvc_default___second-service_10002";
const BACKEND_MS_30 = "kri_msvc_default_zone-1_backend-ns_backend_10001";
const BACKEND_MES_30 = "kri_extsvc_default_zone-1_backend-ns_backend_10001";

type Port30 = { kind: "MeshService" | "MeshExternalService"; name: string; namespace?: string; port: number };
const OTHER_PORT: Port30 = { kind: "MeshService", name: "other-service", port: 10001 };
const SECOND_PORT: Port30 = { kind: "MeshService", name: "second-service", port: 10002 };
const target30 = (p: Port30, listener: string, clusterName: string, protocol: OutboundTarget["protocol"]): OutboundTarget => ({
  listener,
  cluster: clusterName,
  destination: { kind: p.kind, name: p.name, mesh: "default", namespace: p.namespace, labels: {}, port: p.port, section: String(p.port) },
  protocol,
});
const to30 = (p: Port30, conf: JsonObject) =>
  policy("MeshTimeout", "mt", { targetRef: MESH, to: [{ targetRef: { kind: p.kind, name: p.name, ...(p.namespace ? { namespace: p.namespace } : {}), sectionName: String(p.port) }, default: conf }] });

const inbound30 = () => [httpInboundListener(V30, INBOUND_NAMES_30), cluster(INBOUND_30, "inbound")];
const otherTarget30 = () => [target30(OTHER_PORT, OTHER_30, OTHER_30, "http")];

interface TimeoutCase30 {
  readonly title: string;
  readonly type: "listener" | "cluster";
  readonly resource: string;
  readonly resources: () => ResourceSet;
  readonly policies: () => PolicyResource[];
  readonly targets?: () => OutboundTarget[];
  readonly notCovered?: string;
}

const TO_OTHER_10S_1H = () => [to30(OTHER_PORT, { connectionTimeout: "10s", idleTimeout: "1h" })];
const bothSides30 = () => [...inbound30(), cluster(OTHER_30)];
const uncovered30 = (title: string, why = HTTP_OUTBOUND_LISTENER): TimeoutCase30 => ({ title, type: "listener", resource: OTHER_30, resources: () => [], policies: () => [], notCovered: why });

function realCluster30(title: string, kind: "MeshService" | "MeshExternalService", clusterName: string, conf: JsonObject): TimeoutCase30 {
  const p: Port30 = { kind, name: "backend", namespace: "backend-ns", port: 10001 };
  return { title, type: "cluster", resource: clusterName, resources: () => [cluster(clusterName)], policies: () => [to30(p, conf)], targets: () => [target30(p, clusterName, clusterName, "http")] };
}

const MATCHED_30: { matches?: JsonObject[]; default: JsonObject }[] = [
  { matches: [{ spiffeID: { type: "Exact", value: "spiffe://default/client" } }], default: { http: { requestTimeout: "2s", streamIdleTimeout: "3s" } } },
  { matches: [{ spiffeID: { type: "Exact", value: "spiffe://default/client-stream" } }], default: { http: { streamIdleTimeout: "4s" } } },
];

/** Per golden file at the 3.0 line, the Entry (or It) it comes from. */
const CASES_30: Readonly<Record<string, TimeoutCase30>> = {
  "http_outbound_listener.golden.yaml": uncovered30("http outbound route"),
  ...Object.fromEntries(
    (
      [
        ["http_outbound_cluster.golden.yaml", OTHER_30],
        ["http_outbound_split_cluster.golden.yaml", OTHER_SPLIT_30],
      ] as const
    ).map(([file, name]) => [
      file,
      {
        title: "http outbound route",
        type: "cluster",
        resource: name,
        resources: () => [cluster(OTHER_30), cluster(OTHER_SPLIT_30)],
        policies: () => [to30(OTHER_PORT, FULL)],
        targets: () => [target30(OTHER_PORT, OTHER_30, OTHER_30, "http"), target30(OTHER_PORT, OTHER_30, OTHER_SPLIT_30, "http")],
      } satisfies TimeoutCase30,
    ]),
  ),
  ...Object.fromEntries(
    (["listener", "cluster"] as const).map((type) => [
      `basic_tcp_${type}.golden.yaml`,
      {
        title: "tcp outbound route",
        type,
        resource: SECOND_30,
        resources: () => [tcpOutboundListener(SECOND_30), cluster(SECOND_30)],
        policies: () => [to30(SECOND_PORT, { connectionTimeout: "10s", idleTimeout: "30s" })],
        targets: () => [target30(SECOND_PORT, SECOND_30, SECOND_30, "tcp")],
      } satisfies TimeoutCase30,
    ]),
  ),
  "basic_inbound_listener.golden.yaml": { title: "basic inbound route", type: "listener", resource: INBOUND_30, resources: inbound30, policies: () => [rules({ default: FULL })] },
  "basic_inbound_cluster_resource_name.golden.yaml": { title: "basic inbound route", type: "cluster", resource: INBOUND_30, resources: inbound30, policies: () => [rules({ default: FULL })] },
  "basic_without_defaults_inbound_listener.golden.yaml": {
    title: "basic inbound route without defaults",
    type: "listener",
    resource: INBOUND_30,
    resources: inbound30,
    policies: () => [to30({ kind: "MeshService", name: "unused", port: 80 }, { idleTimeout: "1h" })],
  },
  "basic_without_defaults_inbound_cluster.golden.yaml": {
    title: "basic inbound route without defaults",
    type: "cluster",
    resource: INBOUND_30,
    resources: inbound30,
    policies: () => [to30({ kind: "MeshService", name: "unused", port: 80 }, { idleTimeout: "1h" })],
  },
  "outbound_with_defaults_listener.golden.yaml": uncovered30("outbound with defaults when http conf missing"),
  "outbound_with_defaults_cluster.golden.yaml": {
    title: "outbound with defaults when http conf missing",
    type: "cluster",
    resource: OTHER_30,
    resources: () => [cluster(OTHER_30)],
    policies: TO_OTHER_10S_1H,
    targets: otherTarget30,
  },
  "default_inbound_listener.golden.yaml": { title: "default inbound conf when no from section specified", type: "listener", resource: INBOUND_30, resources: bothSides30, policies: TO_OTHER_10S_1H, targets: otherTarget30 },
  "default_inbound_cluster.golden.yaml": { title: "default inbound conf when no from section specified", type: "cluster", resource: INBOUND_30, resources: bothSides30, policies: TO_OTHER_10S_1H, targets: otherTarget30 },
  "modified_outbound_listener.golden.yaml": uncovered30("default inbound conf when no from section specified"),
  "modified_outbound_cluster.golden.yaml": { title: "default inbound conf when no from section specified", type: "cluster", resource: OTHER_30, resources: bothSides30, policies: TO_OTHER_10S_1H, targets: otherTarget30 },
  "modified_inbound_listener.golden.yaml": { title: "default outbound conf when no to section specified", type: "listener", resource: INBOUND_30, resources: bothSides30, policies: () => [rules({ default: FULL })], targets: otherTarget30 },
  "modified_inbound_cluster.golden.yaml": { title: "default outbound conf when no to section specified", type: "cluster", resource: INBOUND_30, resources: bothSides30, policies: () => [rules({ default: FULL })], targets: otherTarget30 },
  "default_outbound_listener.golden.yaml": uncovered30("default outbound conf when no to section specified"),
  "default_outbound_cluster.golden.yaml": { title: "default outbound conf when no to section specified", type: "cluster", resource: OTHER_30, resources: bothSides30, policies: () => [rules({ default: FULL })], targets: otherTarget30 },
  // The second Entry titled "default outbound conf when no to section specified": no rules at all.
  "original_inbound_listener.golden.yaml": { title: "default outbound conf when no to section specified", type: "listener", resource: INBOUND_30, resources: bothSides30, policies: () => [], targets: otherTarget30 },
  "original_inbound_cluster.golden.yaml": { title: "default outbound conf when no to section specified", type: "cluster", resource: INBOUND_30, resources: bothSides30, policies: () => [], targets: otherTarget30 },
  "original_outbound_listener.golden.yaml": uncovered30("default outbound conf when no to section specified"),
  "original_outbound_cluster.golden.yaml": { title: "default outbound conf when no to section specified", type: "cluster", resource: OTHER_30, resources: bothSides30, policies: () => [], targets: otherTarget30 },
  "outbound_listener_with_different_timeouts_per_real_meshhttproute.yaml": uncovered30(
    "timeouts per real MeshHTTPRoute",
    `the rules target a real MeshHTTPRoute's routes on an HTTP outbound listener; ${HTTP_OUTBOUND_LISTENER}`,
  ),
  "real_mesh_service.listener.golden.yaml": uncovered30("targeting real MeshService"),
  "real_mesh_service.cluster.golden.yaml": realCluster30("targeting real MeshService", "MeshService", BACKEND_MS_30, FULL),
  "real_mesh_external_service.listener.golden.yaml": uncovered30("targeting real MeshExternalService"),
  "real_mesh_external_service.cluster.golden.yaml": realCluster30("targeting real MeshExternalService", "MeshExternalService", BACKEND_MES_30, {
    connectionTimeout: "10s",
    idleTimeout: "1h",
    http: { requestTimeout: "99s", streamIdleTimeout: "9s", maxStreamDuration: "7m", maxConnectionDuration: "18m" },
  }),
  "matched_spiffe_inbound.listener.golden.yaml": {
    title: "should duplicate inbound routes for spiffeID matches",
    type: "listener",
    resource: INBOUND_30,
    resources: inbound30,
    policies: () => [rules({ default: FULL }, ...MATCHED_30)],
  },
  "matched_spiffe_precedence.listener.golden.yaml": {
    title: "should merge overlapping spiffeID matches before duplicating inbound routes",
    type: "listener",
    resource: INBOUND_30,
    resources: inbound30,
    policies: () => [
      rules(
        { matches: [{ spiffeID: { type: "Prefix", value: "spiffe://default/" } }], default: { http: { requestTimeout: "5s", streamIdleTimeout: "10s" } } },
        { matches: [{ spiffeID: { type: "Exact", value: "spiffe://default/client" } }], default: { http: { streamIdleTimeout: "3s" } } },
      ),
    ],
  },
  ...Object.fromEntries(
    (["listener", "cluster"] as const).map((type) => [
      `matched_only_spiffe_inbound.${type}.golden.yaml`,
      { title: "should not apply common inbound defaults for matched-only spiffeID rules", type, resource: INBOUND_30, resources: inbound30, policies: () => [rules(...MATCHED_30)] } satisfies TimeoutCase30,
    ]),
  ),
};

/** The Entry or It title of a golden at the 3.0 line. */
export function meshTimeoutTitle30(file: string): string | undefined {
  return CASES_30[file]?.title;
}

/** Plan for a MeshTimeout plugin golden at the 3.0 line's commit (its Entry's source checked there). */
export function meshTimeout30Plan(abs: string, file: string, runAt: KumaMinor | Release): Plan {
  const c = CASES_30[file];
  if (!c) return { kind: "not-covered", reason: `no input is known for MeshTimeout plugin golden "${file}" at the 3.0 line` };
  if (c.notCovered) return { kind: "not-covered", reason: c.notCovered };
  return {
    kind: "compare",
    describe: `MeshTimeout plugin @ ${runAt}, plugin_test "${c.title}": ${c.type} ${c.resource}`,
    run: (): Comparison => {
      const out = runPlugin(meshTimeout, runAt, c.resources(), c.policies(), c.targets?.() ?? [], true);
      return { kuma: readGolden(abs, c.type), meshsim: meshsimEntries(out.resources, c.type, [c.resource]), notes: out.notes };
    },
  };
}
