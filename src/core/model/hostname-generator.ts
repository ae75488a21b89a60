/**
 * HostnameGenerators: the snapshot's own and the defaults kuma-cp creates, which give MeshService,
 * MeshExternalService and MeshMultiZoneService their hostnames (`status.addresses`).
 */
import type { VersionFeatures } from "./versions.js";

/** The kinds a HostnameGenerator can select. */
export type HostnameTargetKind = "MeshService" | "MeshExternalService" | "MeshMultiZoneService";

export interface HostnameGeneratorModel {
  /** Kuma's core name (`<name>.<namespace>` for a Kubernetes resource); addresses are ordered by it. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `spec.selector.<kind>.matchLabels` for each kind it names a selector for (`{}` selects every resource of the kind). */
  readonly selector: Readonly<Partial<Record<HostnameTargetKind, Readonly<Record<string, string>>>>>;
  readonly template: string;
  readonly creationTime?: string;
  /** `spec.extension.type` (a Kong Mesh plugin meshsim does not run), when set. */
  readonly extension?: string;
  /** Where it comes from: the request's resources, or a default kuma-cp creates. */
  readonly source: "snapshot" | "kuma-default";
}

const ORIGIN = "kuma.io/origin";

/**
 * The HostnameGenerators kuma-cp creates on start (kumahq/kuma@v2.14.3 pkg/defaults/hostname_generator.go, the same
 * templates and selectors from 2.9.0): on a Global CP the `synced-*` ones, which reach a federated zone with
 * `kuma.io/origin: global` and select only resources synced from Global; on a zone CP `local-mesh-external-service`
 * and, on Universal, `local-universal-mesh-service`. On Kubernetes they live in the system namespace (meshsim
 * assumes `kuma-system`). Skipped when kuma-cp runs with `defaults.skipHostnameGenerators` (default false).
 */
export function defaultHostnameGenerators(f: VersionFeatures, environment: "universal" | "kubernetes"): readonly HostnameGeneratorModel[] {
  if (!f.defaultHostnameGenerators) return [];
  const k8s = environment === "kubernetes";
  const name = (n: string) => (k8s ? `${n}.kuma-system` : n);
  const make = (n: string, origin: "global" | "zone", kind: HostnameTargetKind, matchLabels: Record<string, string>, template: string): HostnameGeneratorModel => ({
    name: name(n),
    labels: { [ORIGIN]: origin },
    selector: { [kind]: matchLabels },
    template,
    source: "kuma-default",
  });
  const global = { [ORIGIN]: "global" };
  const zone = { [ORIGIN]: "zone" };
  return [
    make("synced-mesh-multi-zone-service", "global", "MeshMultiZoneService", global, "{{ .DisplayName }}.mzsvc.mesh.local"),
    make("synced-kube-mesh-service", "global", "MeshService", { ...global, "k8s.kuma.io/is-headless-service": "false", "kuma.io/env": "kubernetes" }, "{{ .DisplayName }}.{{ .Namespace }}.svc.{{ .Zone }}.mesh.local"),
    make(
      "synced-headless-kube-mesh-service",
      "global",
      "MeshService",
      { ...global, "k8s.kuma.io/is-headless-service": "true", "kuma.io/env": "kubernetes" },
      '{{ label "statefulset.kubernetes.io/pod-name" }}.{{ label "k8s.kuma.io/service-name" }}.{{ .Namespace }}.svc.{{ .Zone }}.mesh.local',
    ),
    make("synced-universal-mesh-service", "global", "MeshService", { ...global, "kuma.io/env": "universal" }, "{{ .DisplayName }}.svc.{{ .Zone }}.mesh.local"),
    make("synced-mesh-external-service", "global", "MeshExternalService", global, "{{ .DisplayName }}.extsvc.mesh.local"),
    make("local-mesh-external-service", "zone", "MeshExternalService", zone, "{{ .DisplayName }}.extsvc.mesh.local"),
    ...(k8s ? [] : [make("local-universal-mesh-service", "zone", "MeshService", zone, "{{ .DisplayName }}.svc.mesh.local")]),
  ];
}
