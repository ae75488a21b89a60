/**
 * Kuma's MeshCircuitBreaker plugin unit test (`pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/plugin_test.go`
 * @ v2.14.3, the sidecar table "should generate proper Envoy config") as meshsim inputs; goldens
 * `plugin/v1alpha1/testdata/*.golden.yaml`. The proxy and the hand-built clusters are in timeouts-fixture.ts. The
 * test's rules are transcribed as the MeshCircuitBreaker Kuma would build them from: a `from` rule on the inbound
 * 127.0.0.1:80 as `from: [{targetRef: Mesh, default}]`, a `to` rule on `kuma.io/service: X` as `to: [{targetRef:
 * {kind: MeshService, name: X}}]`, a ResourceRule on the real MeshService `backend` (mesh default) as a `to` entry
 * naming it; `withoutPolicy` as no MeshCircuitBreaker at all.
 *
 * The test's confs: genConnectionLimits (pools 1111, connections 2222, pending 3333, requests 4444, retries 5555) and
 * genOutlierDetection(disabled) (interval 10s, base ejection 8s, max ejection 88%, split errors, total 12, gateway 91,
 * local origin 3, success rate hosts 33 / volume 99 / stdev factor "1.9", failure percentage hosts 32 / volume 182 /
 * threshold 80, and from 2.10.0 the healthy panic threshold "30.2").
 *
 * meshsim side: the MeshCircuitBreaker definition's plugin (`src/core/policies/meshcircuitbreaker`).
 */
import type { JsonObject } from "../../../src/core/json.js";
import type { OutboundTarget } from "../../../src/core/model/outbound-target.js";
import type { PolicyResource } from "../../../src/core/model/policy.js";
import type { KumaMinor, Release } from "../../../src/core/model/versions.js";
import { meshCircuitBreaker } from "../../../src/core/policies/meshcircuitbreaker/index.js";
import type { XdsResource } from "../../../src/core/xds/resource-set.js";
import type { Comparison, Plan } from "../lib/types.js";
import { cluster, legacyTarget, meshsimEntries, policy, readGolden, runPlugin } from "./timeouts-fixture.js";

/** Tags whose test builds the inbound cluster with GetInboundClusterName(8080, 80) (`localhost:8080`); before, `localhost:80`. */
const WORKLOAD_PORT_FIXTURE = new Set(["v2.10.11", "v2.11.18", "v2.12.14", "v2.13.0", "v2.13.10", "v2.14.0", "v2.14.3"]);
/** Tags whose genOutlierDetection sets HealthyPanicThreshold (2.10.0 on). */
const PANIC_THRESHOLD = new Set(["2.10.0", "v2.10.11", "2.11.0", "v2.11.18", "2.12.0", "v2.12.14", "v2.13.0", "v2.13.10", "v2.14.0", "v2.14.3"]);

const LIMITS: JsonObject = { maxConnectionPools: 1111, maxConnections: 2222, maxPendingRequests: 3333, maxRequests: 4444, maxRetries: 5555 };
function outlier(disabled: boolean, tag: string): JsonObject {
  return {
    disabled,
    interval: "10s",
    baseEjectionTime: "8s",
    maxEjectionPercent: 88,
    splitExternalAndLocalErrors: true,
    detectors: {
      totalFailures: { consecutive: 12 },
      gatewayFailures: { consecutive: 91 },
      localOriginFailures: { consecutive: 3 },
      successRate: { minimumHosts: 33, requestVolume: 99, standardDeviationFactor: "1.9" },
      failurePercentage: { minimumHosts: 32, requestVolume: 182, threshold: 80 },
    },
    ...(PANIC_THRESHOLD.has(tag) ? { healthyPanicThreshold: "30.2" } : {}),
  };
}

const MESH = { kind: "Mesh" };
const from = (conf: JsonObject) => policy("MeshCircuitBreaker", "mcb", { targetRef: MESH, from: [{ targetRef: MESH, default: conf }] });
const toService = (service: string, conf: JsonObject) => policy("MeshCircuitBreaker", "mcb", { targetRef: MESH, to: [{ targetRef: { kind: "MeshService", name: service }, default: conf }] });

/** The proxy's legacy outbounds (WithOutbounds: other-service on 10001, second-service on 10002); no listeners here. */
const targets = (...clusters: [string, string][]): OutboundTarget[] => clusters.map(([service, c]) => legacyTarget(service, `outbound:127.0.0.1:${service === "other-service" ? 10001 : 10002}`, c, "unknown"));
const LEGACY = () => targets(["other-service", "other-service"], ["second-service", "second-service"]);

interface CbCase {
  readonly title: string;
  /** The cluster the golden holds. */
  readonly resource: (tag: string) => string;
  readonly resources: (tag: string) => XdsResource[];
  readonly policies: (tag: string) => PolicyResource[];
  readonly targets: () => OutboundTarget[];
  readonly unified?: boolean;
  /** Entries that exist only from some release (the golden does not exist before either). */
  readonly notCovered?: (tag: string) => string | undefined;
}

const unifiedName = (tag: string) => (tag === "v2.12.14" ? "self_inbound_dp_8080" : "self_inbound_dp_80");
const inboundName = (tag: string) => (WORKLOAD_PORT_FIXTURE.has(tag) ? "localhost:8080" : "localhost:80");
const inbound = (title: string, conf: (tag: string) => JsonObject): CbCase => ({
  title,
  resource: inboundName,
  resources: (t) => [cluster(inboundName(t), "inbound")],
  policies: (t) => [from(conf(t))],
  targets: LEGACY,
});
const outbound = (title: string, service: string, conf: (tag: string) => JsonObject): CbCase => ({
  title,
  resource: () => service,
  resources: () => [cluster(service)],
  policies: (t) => [toService(service, conf(t))],
  targets: LEGACY,
});

/** Per golden file, the Entry it comes from, transcribed from plugin_test.go @ v2.14.3. */
const CASES: Readonly<Record<string, CbCase>> = {
  "outbound_cluster_connection_limits.golden.yaml": outbound("basic outbound cluster with connection limits", "other-service", () => ({ connectionLimits: LIMITS })),
  "outbound_cluster_track_remaining_only.golden.yaml": { title: "basic outbound cluster without MeshCircuitBreaker", resource: () => "other-service", resources: () => [cluster("other-service")], policies: () => [], targets: LEGACY },
  "outbound_cluster_existing_circuit_breakers.golden.yaml": {
    title: "basic outbound cluster preserves existing circuit breakers without MeshCircuitBreaker",
    resource: () => "other-service",
    // clusterWithExistingCircuitBreakers: a DEFAULT threshold with maxConnections 66 (the enum zero: no `priority`).
    resources: () => [{ ...cluster("other-service"), value: { name: "other-service", circuitBreakers: { thresholds: [{ maxConnections: 66 }] } } }],
    policies: () => [],
    targets: LEGACY,
  },
  "outbound_cluster_outlier_detection.golden.yaml": outbound("basic outbound cluster with outlier detection", "second-service", (t) => ({ outlierDetection: outlier(false, t) })),
  "outbound_cluster_outlier_detection_disabled.golden.yaml": outbound("basic outbound cluster with outlier detection and disabled=true", "second-service", (t) => ({ outlierDetection: outlier(true, t) })),
  "outbound_cluster_connection_limits_outlier_detection.golden.yaml": outbound("basic outbound cluster with connection limits and outlier detection", "second-service", (t) => ({
    connectionLimits: LIMITS,
    outlierDetection: outlier(false, t),
  })),
  "outbound_cluster_connection_limits_outlier_detection_disabled.golden.yaml": outbound("basic outbound cluster with connection limits, outlier detection and disabled=true", "second-service", (t) => ({
    connectionLimits: LIMITS,
    outlierDetection: outlier(true, t),
  })),
  "inbound_cluster_connection_limits.golden.yaml": inbound("basic inbound cluster with connection limits", () => ({ connectionLimits: LIMITS })),
  "inbound_cluster_connection_limits_unified_naming.golden.yaml": {
    title: "basic inbound cluster with connection limits (unified naming)",
    // naming.MustContextualInboundName(core_mesh.NewDataplaneResource(), builders.FirstInboundServicePort) @ v2.12.14
    // (2.12.x names inbounds by the workload port), builders.FirstInboundPort from v2.13.10.
    resource: unifiedName,
    resources: (t) => [cluster(unifiedName(t), "inbound")],
    policies: () => [from({ connectionLimits: LIMITS })],
    targets: LEGACY,
    unified: true,
  },
  "inbound_cluster_outlier_detection.golden.yaml": inbound("basic inbound cluster with outlier detection", (t) => ({ outlierDetection: outlier(false, t) })),
  "inbound_cluster_outlier_detection_disabled.golden.yaml": inbound("basic inbound cluster with outlier detection and disabled=true", (t) => ({ outlierDetection: outlier(true, t) })),
  "inbound_cluster_connection_limits_outlier_detection.golden.yaml": inbound("basic inbound cluster with connection limits and outlier detection", (t) => ({ connectionLimits: LIMITS, outlierDetection: outlier(false, t) })),
  "inbound_cluster_connection_limits_outlier_detection_disabled.golden.yaml": inbound("basic inbound cluster with connection limits, outlier detection and disabled=true", (t) => ({
    connectionLimits: LIMITS,
    outlierDetection: outlier(true, t),
  })),
  // Split clusters: `other-service` and its split `other-service-5ab6003f460fabce` (ServiceFromClusterName: other-service).
  "outbound_split_cluster_connection_limits_outlier_detection.golden.yaml": split("other-service"),
  "outbound_split_cluster_0_connection_limits_outlier_detection.golden.yaml": split("other-service-5ab6003f460fabce"),
  "outbound_cluster_connection_limits_real_resource.golden.yaml": {
    title: "basic outbound cluster with connection limits targeting real MeshService",
    resource: () => "backend",
    resources: () => [cluster("backend")],
    // backendMeshServiceIdentifier: MeshService `backend` in mesh default (no namespace, zone or section).
    policies: (t) => [policy("MeshCircuitBreaker", "mcb", { targetRef: MESH, to: [{ targetRef: { kind: "MeshService", name: "backend" }, default: { connectionLimits: LIMITS, outlierDetection: outlier(false, t) } }] })],
    targets: () => [...LEGACY(), { listener: "outbound:backend", cluster: "backend", destination: { kind: "MeshService", name: "backend", mesh: "default", namespace: undefined, labels: {}, port: 80, section: "80" }, protocol: "unknown" }],
  },
};

function split(resource: string): CbCase {
  return {
    title: "split outbound cluster with connection limits and outlier detection",
    resource: () => resource,
    resources: () => [cluster("other-service"), cluster("other-service-5ab6003f460fabce")],
    policies: (t) => [toService("other-service", { connectionLimits: LIMITS, outlierDetection: outlier(false, t) })],
    targets: () => [...targets(["other-service", "other-service"], ["other-service", "other-service-5ab6003f460fabce"]), ...targets(["second-service", "second-service"])],
  };
}

export const MESHCIRCUITBREAKER_CASES: readonly string[] = Object.keys(CASES);

/** Plan for a MeshCircuitBreaker plugin golden at `tag` (the test source there is one the case was checked at). */
export function meshCircuitBreakerPlan(abs: string, file: string, runAt: KumaMinor | Release, tag: string): Plan {
  const c = CASES[file];
  if (!c) return { kind: "not-covered", reason: `no input is known for MeshCircuitBreaker plugin golden "${file}"` };
  const why = c.notCovered?.(tag);
  if (why) return { kind: "not-covered", reason: why };
  return {
    kind: "compare",
    describe: `MeshCircuitBreaker plugin @ ${runAt}, plugin_test Entry "${c.title}": cluster ${c.resource(tag)}`,
    run: (): Comparison => {
      const out = runPlugin(meshCircuitBreaker, runAt, c.resources(tag), c.policies(tag), c.targets(), c.unified ?? false);
      return { kuma: readGolden(abs, "cluster"), meshsim: meshsimEntries(out.resources, "cluster", [c.resource(tag)]), notes: out.notes };
    },
  };
}

// --- The 3.0 line ---------------------------------------------------------------------------------------------------

/**
 * plugin_test.go at the 3.0 line's commit (kumahq/kuma@348b6528bc), transcribed there: the same Entries and confs
 * (genOutlierDetection with HealthyPanicThreshold "30.2"), but the proxy has no outbounds and every outbound cluster is
 * a real MeshService port: `test_xds.ClusterWithName(id.String())` with `ResourceOrigin: id` for the kri.Identifiers
 * otherServiceIdentifier / secondServiceIdentifier / backendMeshServiceIdentifier (MeshService, mesh `default`, section
 * "80"), its rules `ResourceRules[id]` (transcribed as a `to` entry naming that MeshService and section); the inbound
 * cluster is `naming.MustContextualInboundName(core_mesh.NewDataplaneResource(), builders.FirstInboundPort)`
 * (`self_inbound_dp_80`), its rules `InboundRules` on 127.0.0.1:80 (transcribed as `rules: [{default}]`, as the 3.0
 * API has no `from`).
 */
const kriOf = (service: string) => `kri_msvc_default___${service}_80`;
const meshServicePort = (service: string, clusterName = kriOf(service)): OutboundTarget => ({
  listener: `outbound:${kriOf(service)}`,
  cluster: clusterName,
  destination: { kind: "MeshService", name: service, mesh: "default", namespace: undefined, labels: {}, port: 80, section: "80" },
  protocol: "unknown",
});
const rules30 = (conf: JsonObject) => policy("MeshCircuitBreaker", "mcb", { targetRef: MESH, rules: [{ default: conf }] });
const toPort30 = (service: string, conf: JsonObject) => policy("MeshCircuitBreaker", "mcb", { targetRef: MESH, to: [{ targetRef: { kind: "MeshService", name: service, sectionName: "80" }, default: conf }] });
const outlier30 = (disabled: boolean) => outlier(disabled, "2.10.0"); // with HealthyPanicThreshold, as from 2.10.0

interface CbCase30 {
  readonly title: string;
  /** The cluster the golden holds. */
  readonly resource: string;
  readonly resources: () => XdsResource[];
  readonly policies: PolicyResource[];
  readonly targets: OutboundTarget[];
}

const INBOUND_30 = "self_inbound_dp_80";
const inbound30 = (title: string, conf: JsonObject): CbCase30 => ({ title, resource: INBOUND_30, resources: () => [cluster(INBOUND_30, "inbound")], policies: [rules30(conf)], targets: [] });
const outbound30 = (title: string, service: string, conf: JsonObject): CbCase30 => ({
  title,
  resource: kriOf(service),
  resources: () => [cluster(kriOf(service))],
  policies: [toPort30(service, conf)],
  targets: [meshServicePort(service)],
});
const SPLIT_30 = `${kriOf("other-service")}-5ab6003f460fabce`;
const split30 = (resource: string): CbCase30 => ({
  title: "split outbound cluster with connection limits and outlier detection",
  resource,
  resources: () => [cluster(kriOf("other-service")), cluster(SPLIT_30)],
  policies: [toPort30("other-service", { connectionLimits: LIMITS, outlierDetection: outlier30(false) })],
  targets: [meshServicePort("other-service"), meshServicePort("other-service", SPLIT_30)],
});

/** Per golden file at the 3.0 line, the Entry it comes from. */
const CASES_30: Readonly<Record<string, CbCase30>> = {
  "outbound_cluster_connection_limits.golden.yaml": outbound30("basic outbound cluster with connection limits", "other-service", { connectionLimits: LIMITS }),
  // withoutPolicy: the clusters carry no ResourceOrigin.
  "outbound_cluster_track_remaining_only.golden.yaml": {
    title: "basic outbound cluster without MeshCircuitBreaker",
    resource: kriOf("other-service"),
    resources: () => [cluster(kriOf("other-service"))],
    policies: [],
    targets: [],
  },
  "outbound_cluster_existing_circuit_breakers.golden.yaml": {
    title: "basic outbound cluster preserves existing circuit breakers without MeshCircuitBreaker",
    resource: kriOf("other-service"),
    resources: () => [{ ...cluster(kriOf("other-service")), value: { name: kriOf("other-service"), circuitBreakers: { thresholds: [{ maxConnections: 66 }] } } }],
    policies: [],
    targets: [],
  },
  "outbound_cluster_outlier_detection.golden.yaml": outbound30("basic outbound cluster with outlier detection", "second-service", { outlierDetection: outlier30(false) }),
  "outbound_cluster_outlier_detection_disabled.golden.yaml": outbound30("basic outbound cluster with outlier detection and disabled=true", "second-service", { outlierDetection: outlier30(true) }),
  "outbound_cluster_connection_limits_outlier_detection.golden.yaml": outbound30("basic outbound cluster with connection limits and outlier detection", "second-service", {
    connectionLimits: LIMITS,
    outlierDetection: outlier30(false),
  }),
  "outbound_cluster_connection_limits_outlier_detection_disabled.golden.yaml": outbound30("basic outbound cluster with connection limits, outlier detection and disabled=true", "second-service", {
    connectionLimits: LIMITS,
    outlierDetection: outlier30(true),
  }),
  "inbound_cluster_connection_limits_resource_name.golden.yaml": inbound30("basic inbound cluster with connection limits", { connectionLimits: LIMITS }),
  "inbound_cluster_outlier_detection.golden.yaml": inbound30("basic inbound cluster with outlier detection", { outlierDetection: outlier30(false) }),
  "inbound_cluster_outlier_detection_disabled.golden.yaml": inbound30("basic inbound cluster with outlier detection and disabled=true", { outlierDetection: outlier30(true) }),
  "inbound_cluster_connection_limits_outlier_detection.golden.yaml": inbound30("basic inbound cluster with connection limits and outlier detection", { connectionLimits: LIMITS, outlierDetection: outlier30(false) }),
  "inbound_cluster_connection_limits_outlier_detection_disabled.golden.yaml": inbound30("basic inbound cluster with connection limits, outlier detection and disabled=true", {
    connectionLimits: LIMITS,
    outlierDetection: outlier30(true),
  }),
  "outbound_split_cluster_connection_limits_outlier_detection.golden.yaml": split30(kriOf("other-service")),
  "outbound_split_cluster_0_connection_limits_outlier_detection.golden.yaml": split30(SPLIT_30),
  "outbound_cluster_connection_limits_real_resource.golden.yaml": outbound30("basic outbound cluster with connection limits targeting real MeshService", "backend", {
    connectionLimits: LIMITS,
    outlierDetection: outlier30(false),
  }),
};

/** The golden names the 3.0 table has an input for. */
export const MESHCIRCUITBREAKER_CASES_30: readonly string[] = Object.keys(CASES_30);

/** Plan for a MeshCircuitBreaker plugin golden at the 3.0 line's commit (its Entry's source checked there). */
export function meshCircuitBreaker30Plan(abs: string, file: string, runAt: KumaMinor | Release): Plan {
  const c = CASES_30[file];
  if (!c) return { kind: "not-covered", reason: `no input is known for MeshCircuitBreaker plugin golden "${file}" at the 3.0 line` };
  return {
    kind: "compare",
    describe: `MeshCircuitBreaker plugin @ ${runAt}, plugin_test Entry "${c.title}": cluster ${c.resource}`,
    run: (): Comparison => {
      const out = runPlugin(meshCircuitBreaker, runAt, c.resources(), c.policies, c.targets, true);
      return { kuma: readGolden(abs, "cluster"), meshsim: meshsimEntries(out.resources, "cluster", [c.resource]), notes: out.notes };
    },
  };
}
