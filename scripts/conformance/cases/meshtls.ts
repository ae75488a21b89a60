/**
 * Kuma's MeshTLS plugin unit test (`pkg/plugins/policies/meshtls/plugin/v1alpha1/plugin_test.go @ v2.14.3`, the
 * table "should generate proper Envoy config") as meshsim inputs; goldens `testdata/<case>.{listeners,clusters}
 * .golden.yaml`, the policy `testdata/<case>.policy.yaml` (read as it is at the tag: the test reads it).
 *
 * The test hands the plugin a resource set it builds by hand (getResources / getMeshServiceResources, not the
 * generators): listener `inbound:127.0.0.1:17777` (an HTTP connection manager routing to cluster `backend`),
 * listener `inbound:127.0.0.1:17778` (a tcp_proxy to `frontend`), both without RBAC, and one outbound cluster
 * (`outgoing`, or `outbound` when `meshService`) with the client-side mTLS of the Mesh. Its proxy is DP `test` in
 * mesh `default`, address 127.0.0.1, `WithTransparentProxying(15006, 15001, "ipv4")` (outbound 15006, inbound 15001,
 * ipFamilyMode IPv4), inbounds 17777 `backend` and 17778 `frontend` (no protocol tag: tcp), outbound 27777 `outgoing`,
 * no TrafficPermissions (Kuma's NetworkRBAC renders `rules: {}`), the MeshTLS policy's `from[].default` as the
 * inbound rule of both inbounds (getFromRules).
 *
 * meshsim side: the MeshTLS definition's plugin (`src/core/policies/meshtls`), on the same hand-built listeners.
 */
import { parse as parseYaml } from "yaml";
import { planTransparentProxy } from "../../../src/core/model/transparent-proxy.js";
import type { PolicyResource } from "../../../src/core/model/policy.js";
import { features, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
import { MeshTlsSpecSchema } from "../../../src/core/policies/meshtls/api.js";
import { meshTls } from "../../../src/core/policies/meshtls/index.js";
import { ORIGIN, TYPE_URL } from "../../../src/core/xds/names.js";
import type { ResourceSet, XdsResource } from "../../../src/core/xds/resource-set.js";
import type { JsonObject } from "../../../src/core/json.js";
import { readDeltaYaml } from "../lib/golden.js";
import { dataplane, mesh, resourceSetEntries } from "../lib/meshsim.js";
import type { Comparison, Plan } from "../lib/types.js";

type MeshMtls = "off" | "STRICT" | "PERMISSIVE";

interface TlsCase {
  readonly title: string;
  /** samples.MeshDefaultBuilder() (off), MeshMTLSBuilder() (builtin backend `builtin-1`, STRICT), `.WithPermissiveMTLSBackends()`. */
  readonly mesh: MeshMtls;
  /** getMeshServiceResources: the outbound cluster is `outbound` (a MeshService's, by its ResourceOrigin). */
  readonly meshService: boolean;
  /** The proxy's DataplaneMetadata features. */
  readonly features?: readonly string[];
  /** Why meshsim cannot take the Entry (a feature it does not model, named). */
  readonly notCovered?: string;
}

const IDENTITY =
  "MeshIdentity workload identity (the test's proxy.WorkloadIdentity: an SDS identity source, MeshTrust CAs by trust domain, external validation SDS) is not modelled by meshsim's MeshTLS on 2.x";
const MESH_TRUST =
  "MeshTrust (the test's CAsByTrustDomain: the inbound validation context becomes the `system_trust_bundle` SDS secret) is not modelled by meshsim";

/** Entries of plugin_test.go @ v2.14.3 by case name, transcribed by hand (each checked against the Go source). */
const CASES: Readonly<Record<string, TlsCase>> = {
  "strict-no-mtls": { title: "strict with no mTLS on the mesh", mesh: "off", meshService: false },
  "permissive-no-mtls": { title: "permissive with no mTLS on the mesh", mesh: "off", meshService: false },
  "strict-with-permissive-mtls": { title: "strict with permissive mTLS on the mesh", mesh: "PERMISSIVE", meshService: false },
  "permissive-with-permissive-mtls": { title: "permissive with permissive mTLS on the mesh", mesh: "PERMISSIVE", meshService: false },
  "strict-with-permissive-mtls-meshservice": { title: "strict with permissive mTLS on the mesh for MeshService", mesh: "PERMISSIVE", meshService: true },
  "strict-with-workload-identity": { title: "strict based on workload identity", mesh: "STRICT", meshService: true, notCovered: IDENTITY },
  "permissive-with-workload-identity-custom-functions": {
    title: "permissive based on workload identity and custom functions",
    mesh: "STRICT",
    meshService: true,
    notCovered: IDENTITY,
  },
  "strict-with-mesh-trust": { title: "strict with MeshTrust", mesh: "STRICT", meshService: true, notCovered: MESH_TRUST },
  "strict-with-external-validator": { title: "strict using external validator", mesh: "STRICT", meshService: true, notCovered: IDENTITY },
  "strict-with-mesh-trust-kuma-managed": { title: "strict with MeshTrust and kuma managed identity", mesh: "STRICT", meshService: true, notCovered: IDENTITY },
  "strict-with-multiple-mesh-trust-kuma-managed": {
    title: "strict with multiple MeshTrust and kuma managed identity",
    mesh: "STRICT",
    meshService: true,
    notCovered: IDENTITY,
  },
  "strict-with-strict-mtls": { title: "strict mode + strict mesh = no passthrough listeners", mesh: "STRICT", meshService: false },
  "permissive-with-strict-mtls": { title: "permissive mode + strict mesh = passthrough listeners", mesh: "STRICT", meshService: false },
  "strict-with-workload-identity-no-ca": { title: "workload identity without CA = passthrough listeners", mesh: "off", meshService: true, notCovered: IDENTITY },
  "strict-with-feature-strict-inbound-ports": {
    title: "strict inbound ports feature = port filtering",
    mesh: "PERMISSIVE",
    meshService: false,
    features: ["feature-strict-inbound-ports"],
  },
};

/** The case names this module has an input for (the runner checks each Entry's source at the tag). */
export const MESHTLS_CASES: readonly string[] = Object.keys(CASES);

function meshSpec(m: MeshMtls): Record<string, unknown> {
  return m === "off" ? {} : { mtls: { enabledBackend: "builtin-1", backends: [{ name: "builtin-1", type: "builtin", ...(m === "PERMISSIVE" ? { mode: "PERMISSIVE" } : {}) }] } };
}

const socket = (port: number): JsonObject => ({ socketAddress: { address: "127.0.0.1", portValue: port } });

/**
 * How the test's hand-built listeners render at the tag whose source the case was checked at (upstream/suites.ts):
 * NewInboundListenerBuilder's reuse-port argument is `true` from v2.13.10 (absent before: enableReusePort false), and
 * the HCM's internal address config (127.0.0.1/32, ::1/128) is there from 2.9.19 (HttpConnectionManager(…, false)
 * at 2.9.0 renders none). Shown by each tag's `strict-no-mtls.listeners.golden.yaml`, where the plugin does nothing.
 */
export interface FixtureVariant {
  readonly reusePort: boolean;
  readonly internalAddresses: boolean;
}

/**
 * getResources' listeners @ v2.14.3: NewInboundListenerBuilder(…, "127.0.0.1", port, TCP, true) (enableReusePort true,
 * trafficDirection INBOUND) with one filter chain: for 17777 HttpConnectionManager("127.0.0.1:17777", false, nil, true)
 * (router filter, internal addresses 127.0.0.1/32 and ::1/128) and HttpInboundRoutes(GetInboundRouteName("backend"),
 * "backend", one catch-all route to cluster `backend`); for 17778 TcpProxyDeprecated to cluster `frontend`.
 */
function fixtureListeners(v: FixtureVariant): XdsResource[] {
  const hcm: JsonObject = {
    name: "envoy.filters.network.http_connection_manager",
    typedConfig: {
      "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
      httpFilters: [{ name: "envoy.filters.http.router", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } }],
      ...(v.internalAddresses ? { internalAddressConfig: { cidrRanges: [{ addressPrefix: "127.0.0.1", prefixLen: 32 }, { addressPrefix: "::1", prefixLen: 128 }] } } : {}),
      routeConfig: {
        name: "inbound:backend",
        requestHeadersToRemove: ["x-kuma-tags"],
        validateClusters: false,
        virtualHosts: [{ domains: ["*"], name: "backend", routes: [{ match: { prefix: "/" }, route: { cluster: "backend", timeout: "0s" } }] }],
      },
      statPrefix: "127_0_0_1_17777",
    },
  };
  const tcp: JsonObject = {
    name: "envoy.filters.network.tcp_proxy",
    typedConfig: { "@type": TYPE_URL.tcpProxy, cluster: "frontend", statPrefix: "127_0_0_1_17778" },
  };
  const listener = (port: number, filter: JsonObject): XdsResource => {
    const name = `inbound:127.0.0.1:${port}`;
    return { type: "listener", name, origin: ORIGIN.inbound, value: { name, address: socket(port), enableReusePort: v.reusePort, filterChains: [{ filters: [filter] }], trafficDirection: "INBOUND" } };
  };
  return [listener(17777, hcm), listener(17778, tcp)];
}

/**
 * The test's outbound cluster: ClientSideMTLS on a Mesh without mTLS leaves it `{name}`. With mTLS it carries the
 * Mesh's UpstreamTlsContext, which meshsim does not generate (its outbound clusters carry no mesh TLS): those
 * cluster goldens are not covered.
 */
function fixtureCluster(c: TlsCase): XdsResource {
  const name = c.meshService ? "outbound" : "outgoing";
  return { type: "cluster", name, origin: ORIGIN.outbound, value: { name } };
}

// --- the 3.0 line (kumahq/kuma@348b6528bc plugin_test.go) ---------------------------------------------------

/**
 * At the 3.0 line the table is rewritten: every Entry but "no workload identity = plugin does not run" hands the
 * proxy a workload identity (a MeshIdentity's SDS identity source, with MeshTrust CAs or an external validator in
 * some), and the plugin's inbound listeners take their mTLS from it, which meshsim does not model (its 3.0 MeshTLS
 * leaves the inbound listeners as generated). The hand-built fixture (getMeshServiceResources) carries contextual
 * names of an unnamed Dataplane (`naming.MustContextualInboundName(core_mesh.NewDataplaneResource(), port)`:
 * `self_inbound_dp_<port>`) and the outbound cluster `kri_msvc_default_zone-1_backend-ns_outgoing_80`, with no TLS
 * without a workload identity (outgoingCluster).
 */
const IDENTITY_30 =
  "the 3.0 MeshTLS Entry gives the proxy a workload identity (MeshIdentity: SDS identity source, MeshTrust CAs or external validator), from which Kuma builds the inbound listeners' mTLS; meshsim's 3.0 MeshTLS does not model a workload identity's inbound mTLS (it leaves the inbound listeners as generated)";

const CASES_30: Readonly<Record<string, { readonly title: string } | { readonly notCovered: string }>> = {
  "no-workload-identity": { title: "no workload identity = plugin does not run" },
};

function fixture30(): ResourceSet {
  const name = (port: number) => `self_inbound_dp_${port}`;
  const n1 = name(17777);
  const n2 = name(17778);
  const hcm: JsonObject = {
    name: "envoy.filters.network.http_connection_manager",
    typedConfig: {
      "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
      httpFilters: [{ name: "envoy.filters.http.router", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } }],
      internalAddressConfig: { cidrRanges: [{ addressPrefix: "127.0.0.1", prefixLen: 32 }, { addressPrefix: "::1", prefixLen: 128 }] },
      routeConfig: {
        name: n1,
        requestHeadersToRemove: ["x-kuma-tags"],
        validateClusters: false,
        virtualHosts: [{ domains: ["*"], name: n1, routes: [{ match: { prefix: "/" }, route: { cluster: n1, timeout: "0s" } }] }],
      },
      statPrefix: n1,
    },
  };
  const tcp: JsonObject = { name: "envoy.filters.network.tcp_proxy", typedConfig: { "@type": TYPE_URL.tcpProxy, cluster: n2, statPrefix: n2 } };
  const listener = (n: string, port: number, filter: JsonObject): XdsResource => ({
    type: "listener",
    name: n,
    origin: ORIGIN.inbound,
    value: { name: n, address: socket(port), enableReusePort: true, filterChains: [{ filters: [filter] }], trafficDirection: "INBOUND" },
  });
  const cluster = "kri_msvc_default_zone-1_backend-ns_outgoing_80";
  return [listener(n1, 17777, hcm), listener(n2, 17778, tcp), { type: "cluster", name: cluster, origin: ORIGIN.outbound, value: { name: cluster } }];
}

/** Plan for a MeshTLS plugin golden of the 3.0 line's test. */
export function meshTls30Plan(abs: string, file: string, policyText: string | undefined, runAt: KumaMinor | Release): Plan {
  const mm = /^(.+)\.(listeners|clusters)\.golden\.yaml$/.exec(file);
  if (!mm) return { kind: "not-covered", reason: `not a MeshTLS plugin golden name ("${file}")` };
  const [, name, what] = mm as unknown as [string, string, "listeners" | "clusters"];
  const c = CASES_30[name];
  if (!c) return { kind: "not-covered", reason: `meshsim gap: ${IDENTITY_30}` };
  if ("notCovered" in c) return { kind: "not-covered", reason: c.notCovered };
  if (policyText === undefined) return { kind: "not-covered", reason: `input differs: no ${name}.policy.yaml next to the golden` };
  const typeUrl = what === "clusters" ? TYPE_URL.cluster : TYPE_URL.listener;
  return {
    kind: "compare",
    describe: `MeshTLS plugin @ ${runAt}, plugin_test Entry "${c.title}" (${name}): ${what}`,
    run: (): Comparison => {
      const f = features(runAt);
      const dp = dataplane("test", "default", {
        networking: {
          address: "127.0.0.1",
          inbound: [
            { address: "127.0.0.1", port: 17777, tags: { "kuma.io/service": "backend" } },
            { address: "127.0.0.1", port: 17778, tags: { "kuma.io/service": "frontend" } },
          ],
          transparentProxying: { redirectPortOutbound: 15006, redirectPortInbound: 15001, ipFamilyMode: "IPv4" },
        },
      });
      const m = mesh("default", {});
      const out = meshTls.plugin!.apply(fixture30(), { features: f, dataplane: dp, mesh: m, transparentProxy: planTransparentProxy(dp, m, f), policies: [policyResource(policyText)], workloadIdentity: false });
      const notes = out.warnings.map((w) => `meshsim warns (${w.code}): ${w.message}`);
      return { kuma: readDeltaYaml(abs), meshsim: resourceSetEntries(out.resources).filter((e) => e.typeUrl === typeUrl), notes };
    },
  };
}

function policyResource(text: string): PolicyResource {
  const spec = MeshTlsSpecSchema.parse(parseYaml(text, { schema: "core" }));
  return {
    envelope: { kind: "MeshTLS", name: "name", mesh: "default", form: "universal", namespace: undefined, labels: {}, specPath: "spec", spec, path: "policy", status: undefined },
    spec,
    role: "workload-owner",
    whatIf: false,
  };
}

function run(c: TlsCase, policyText: string, runAt: KumaMinor | Release, v: FixtureVariant): { resources: ResourceSet; notes: string[] } {
  const f = features(runAt);
  const dp = dataplane("test", "default", {
    networking: {
      address: "127.0.0.1",
      inbound: [
        { address: "127.0.0.1", port: 17777, tags: { "kuma.io/service": "backend" } },
        { address: "127.0.0.1", port: 17778, tags: { "kuma.io/service": "frontend" } },
      ],
      outbound: [{ address: "127.0.0.1", port: 27777, tags: { "kuma.io/service": "outgoing" } }],
      transparentProxying: { redirectPortOutbound: 15006, redirectPortInbound: 15001, ipFamilyMode: "IPv4" },
    },
    ...(c.features ? { meshsim: { features: c.features } } : {}),
  });
  const m = mesh("default", meshSpec(c.mesh));
  const fixture: ResourceSet = [...fixtureListeners(v), fixtureCluster(c)];
  const out = meshTls.plugin!.apply(fixture, { features: f, dataplane: dp, mesh: m, transparentProxy: planTransparentProxy(dp, m, f), policies: [policyResource(policyText)] });
  return { resources: out.resources, notes: out.warnings.map((w) => `meshsim warns (${w.code}): ${w.message}`) };
}

/**
 * Plan for a MeshTLS plugin golden `<case>.<listeners|clusters>.golden.yaml`; `policyText` is `<case>.policy.yaml`
 * at the tag.
 */
export function meshTlsPlan(abs: string, file: string, policyText: string | undefined, runAt: KumaMinor | Release, variant: FixtureVariant): Plan {
  const mm = /^(.+)\.(listeners|clusters)\.golden\.yaml$/.exec(file);
  if (!mm) return { kind: "not-covered", reason: `not a MeshTLS plugin golden name ("${file}")` };
  const [, name, what] = mm as unknown as [string, string, "listeners" | "clusters"];
  const c = CASES[name];
  if (!c) return { kind: "not-covered", reason: `no input is known for MeshTLS plugin case "${name}"` };
  if (c.notCovered) return { kind: "not-covered", reason: `meshsim gap: ${c.notCovered}` };
  if (policyText === undefined) return { kind: "not-covered", reason: `input differs: no ${name}.policy.yaml next to the golden` };
  if (what === "clusters" && c.mesh !== "off")
    return {
      kind: "not-covered",
      reason: `meshsim gap: the test's outbound cluster carries the Mesh's client-side mTLS (ClientSideMTLS), whose tlsParams MeshTLS sets (applyToOutbounds / applyToRealResources); meshsim's outbound clusters carry no mesh TLS`,
    };
  const typeUrl = what === "clusters" ? TYPE_URL.cluster : TYPE_URL.listener;
  return {
    kind: "compare",
    describe: `MeshTLS plugin @ ${runAt}, plugin_test Entry "${c.title}" (${name}): ${what}`,
    run: (): Comparison => {
      const out = run(c, policyText, runAt, variant);
      return { kuma: readDeltaYaml(abs), meshsim: resourceSetEntries(out.resources).filter((e) => e.typeUrl === typeUrl), notes: out.notes };
    },
  };
}
