/**
 * What the MeshTimeout and MeshCircuitBreaker plugin tests (kuma `pkg/plugins/policies/{meshtimeout,
 * meshcircuitbreaker}/plugin/v1alpha1/plugin_test.go`) share, transcribed by hand @ v2.14.3: the proxy (Dataplane
 * `backend` in mesh `default`, address 127.0.0.1, `WithInboundOfTags(kuma.io/service backend, kuma.io/protocol http)`:
 * inbound port 80, servicePort 8080 (builders.FirstInboundPort / FirstInboundServicePort); legacy outbounds
 * `other-service` on 10001 and `second-service` on 10002 (builders.FirstOutboundPort); the mesh context's protocols
 * other-service http, second-service tcp), hand-built resources (test_xds.ClusterWithName is a cluster with only its
 * name), the test's rules as the policies Kuma would build them from, and how a single-resource golden
 * (util_proto.ToYAML of one resource) is read.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { JsonObject } from "../../../src/core/json.js";
import type { OutboundTarget } from "../../../src/core/model/outbound-target.js";
import type { PolicyResource } from "../../../src/core/model/policy.js";
import { planTransparentProxy } from "../../../src/core/model/transparent-proxy.js";
import { features, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
import type { PolicyDefinition } from "../../../src/core/policies/types.js";
import { ORIGIN, TYPE_URL } from "../../../src/core/xds/names.js";
import type { ResourceSet, XdsResource } from "../../../src/core/xds/resource-set.js";
import type { ResourceEntry } from "../lib/compare.js";
import { readDeltaYamlText } from "../lib/golden.js";
import { dataplane, mesh, resourceSetEntries } from "../lib/meshsim.js";

/** A policy of the test's kind in mesh `default`, Universal form, role system (the test's rules carry no role). */
export function policy(kind: string, name: string, spec: Record<string, unknown>): PolicyResource {
  return {
    envelope: { kind, name, mesh: "default", form: "universal", namespace: undefined, labels: {}, specPath: "spec", spec, path: name, status: undefined },
    spec,
    role: "system",
    whatIf: false,
  };
}

/** test_xds.ClusterWithName: a cluster with only its name. */
export function cluster(name: string, origin: string = ORIGIN.outbound): XdsResource {
  return { type: "cluster", name, origin, value: { name } };
}

/** The proxy's legacy outbound for a service (its listener, when the test builds one, and the cluster named after it). */
export function legacyTarget(service: string, listener: string, clusterName: string, protocol: OutboundTarget["protocol"]): OutboundTarget {
  return { listener, cluster: clusterName, service, protocol };
}

/** How the test's inbound listeners render at a tag (the builders' arguments at that tag). */
export interface ListenerVariant {
  /** NewInboundListenerBuilder's reuse-port argument (`true` from v2.13.10; before, false). */
  readonly reusePort: boolean;
  /** HttpConnectionManager's internal addresses 127.0.0.1/32, ::1/128 (from 2.9.19 / 2.10.0; none at 2.5.0 … 2.9.0). */
  readonly internalAddresses: boolean;
}

/** The names in the test's inbound listener: listener, route configuration, virtual host, route cluster, stat prefix. */
export interface InboundListenerNames {
  readonly listener: string;
  readonly route: string;
  readonly virtualHost: string;
  readonly cluster: string;
  readonly statPrefix: string;
}

/** createListener(NewInboundListenerBuilder(…), HttpInboundRoutes(GetInboundRouteName("backend"), "backend", …)) @ v2.14.3. */
const LEGACY_INBOUND_NAMES: InboundListenerNames = { listener: "inbound:127.0.0.1:80", route: "inbound:backend", virtualHost: "backend", cluster: "backend", statPrefix: "inbound_127_0_0_1_80" };

/**
 * createListener(NewInboundListenerBuilder(APIV3, "127.0.0.1", 80, TCP, reusePort), HttpInboundRoutes(
 * GetInboundRouteName("backend"), "backend", one route to cluster `backend`)): the HTTP connection manager (stats name
 * `inbound:127.0.0.1:80`, router filter) with the catch-all route (`timeout: 0s`). The 3.0 line's httpInboundListenerWith
 * names all of them `self_inbound_dp_80` (`names`).
 */
export function httpInboundListener(v: ListenerVariant, names: InboundListenerNames = LEGACY_INBOUND_NAMES): XdsResource {
  const name = names.listener;
  const hcm: JsonObject = {
    name: "envoy.filters.network.http_connection_manager",
    typedConfig: {
      "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
      httpFilters: [{ name: "envoy.filters.http.router", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } }],
      ...(v.internalAddresses ? { internalAddressConfig: { cidrRanges: [{ addressPrefix: "127.0.0.1", prefixLen: 32 }, { addressPrefix: "::1", prefixLen: 128 }] } } : {}),
      routeConfig: {
        name: names.route,
        requestHeadersToRemove: ["x-kuma-tags"],
        validateClusters: false,
        virtualHosts: [{ domains: ["*"], name: names.virtualHost, routes: [{ match: { prefix: "/" }, route: { cluster: names.cluster, timeout: "0s" } }] }],
      },
      statPrefix: names.statPrefix,
    },
  };
  return {
    type: "listener",
    name,
    origin: ORIGIN.inbound,
    value: { name, address: { socketAddress: { address: "127.0.0.1", portValue: 80 } }, enableReusePort: v.reusePort, filterChains: [{ filters: [hcm] }], trafficDirection: "INBOUND" },
  };
}

/**
 * NewOutboundListenerBuilder(APIV3, "127.0.0.1", 10002, TCP) with one chain TcpProxyDeprecated("127.0.0.1:10002",
 * cluster `backend` weight 100): the tcp_proxy to `backend`, stats `127_0_0_1_10002`. The 3.0 line builds it with
 * NewListenerBuilder(APIV3, id.String()) and TcpProxyDeprecated(id.String(), …): `name` is both its name and stats.
 */
export function tcpOutboundListener(kriName?: string): XdsResource {
  const name = kriName ?? "outbound:127.0.0.1:10002";
  return {
    type: "listener",
    name,
    origin: ORIGIN.outbound,
    value: {
      name,
      address: { socketAddress: { address: "127.0.0.1", portValue: 10002 } },
      filterChains: [{ filters: [{ name: "envoy.filters.network.tcp_proxy", typedConfig: { "@type": TYPE_URL.tcpProxy, cluster: "backend", statPrefix: kriName ?? "127_0_0_1_10002" } }] }],
      trafficDirection: "OUTBOUND",
    },
  };
}

/** The test's proxy; `unified`: the Mesh's MeshServices Exclusive and the DP's unified-resource-naming feature. */
export function backendProxy(unified: boolean) {
  const dp = dataplane("backend", "default", {
    networking: {
      address: "127.0.0.1",
      inbound: [{ port: 80, servicePort: 8080, tags: { "kuma.io/service": "backend", "kuma.io/protocol": "http" } }],
      outbound: [
        { port: 10001, tags: { "kuma.io/service": "other-service" } },
        { port: 10002, tags: { "kuma.io/service": "second-service" } },
      ],
    },
    ...(unified ? { meshsim: { features: ["feature-unified-resource-naming"] } } : {}),
  });
  // The test builds no default policies: the Mesh skips them (else meshsim would assume Kuma's).
  const m = mesh("default", { skipCreatingInitialPolicies: ["*"], ...(unified ? { meshServices: { mode: "Exclusive" } } : {}) });
  return { dp, mesh: m };
}

/** Runs a policy definition's plugin on the test's resources, as the test calls plugin.Apply. */
export function runPlugin(
  def: PolicyDefinition,
  runAt: KumaMinor | Release,
  resources: ResourceSet,
  policies: readonly PolicyResource[],
  targets: readonly OutboundTarget[],
  unified = false,
): { resources: ResourceSet; notes: string[] } {
  const f = features(runAt);
  const { dp, mesh: m } = backendProxy(unified);
  const out = def.plugin!.apply(resources, {
    features: f,
    dataplane: dp,
    mesh: m,
    transparentProxy: planTransparentProxy(dp, m, f),
    policies,
    meshPolicies: policies.map((p) => ({ ...p, kind: def.kind })),
    outboundTargets: targets,
    environment: "universal",
  });
  if (out.configError) throw new Error(`meshsim's ${def.kind} plugin failed: ${out.configError.message}`);
  return { resources: out.resources, notes: out.warnings.map((w) => `meshsim warns (${w.code}): ${w.message}`) };
}

/**
 * A golden the test writes with util_proto.ToYAML of one resource (no `@type`), or with util_yaml.GetResourcesToYaml
 * (`resources: [{name, resource}]`), as entries of `type`.
 */
export function readGolden(abs: string, type: "listener" | "cluster"): ResourceEntry[] {
  const text = readFileSync(abs, "utf8");
  const doc = parseYaml(text, { schema: "core", uniqueKeys: true }) as Record<string, unknown>;
  // GetResourcesToYaml names each item by its ResourceSet name (`inbound`): compare by the Envoy resource's own name.
  if (doc !== null && typeof doc === "object" && "resources" in doc)
    return readDeltaYamlText(text, abs)
      .filter((e) => e.typeUrl === TYPE_URL[type])
      .map((e) => ({ ...e, name: String((e.value as Record<string, unknown>)["name"] ?? e.name) }));
  const name = doc["name"];
  if (typeof name !== "string") throw new Error(`${abs}: a single-resource golden without a name`);
  return [{ typeUrl: TYPE_URL[type], name, value: { "@type": TYPE_URL[type], ...doc } }];
}

/** meshsim's resources of `type` named as in the golden (the test compares ListOf(type)[i]: one resource per golden). */
export function meshsimEntries(rs: ResourceSet, type: "listener" | "cluster", names: readonly string[]): ResourceEntry[] {
  return resourceSetEntries(rs.filter((r) => r.type === type && names.includes(r.name)));
}
