/**
 * The Mesh facts the generators read (kuma `api/mesh/v1alpha1/mesh.proto` @ v2.14.3); `snapshot/mesh.ts` builds them
 * from a resource.
 */

export type MtlsMode = "off" | "STRICT" | "PERMISSIVE";

/** The Mesh facts the generators read. */
export interface MeshModel {
  readonly name: string;
  /** `networking.outbound.passthrough`, true when unset. */
  readonly passthrough: boolean;
  readonly meshServicesMode: "Disabled" | "Everywhere" | "ReachableBackends" | "Exclusive";
  readonly mtls: MtlsMode;
  readonly zoneEgress: boolean;
  /** `logging`: the backends legacy TrafficLog uses. */
  readonly logging: MeshLogging;
  /**
   * `skipCreatingInitialPolicies`: the kinds (or `*`) of default policies kuma-cp did not create with this Mesh
   * (kuma `pkg/defaults/mesh/mesh.go` EnsureDefaultMeshResources); absent when the Mesh does not set it.
   */
  readonly skipCreatingInitialPolicies?: readonly string[];
}

export interface LoggingBackendModel {
  readonly name: string;
  readonly type: "file" | "tcp";
  /** Custom format; "" means Kuma's default for the listener kind. */
  readonly format: string;
  /** `conf.path` (file) or `conf.address` (tcp). */
  readonly path: string;
  readonly address: string;
}

export interface MeshLogging {
  readonly defaultBackend: string;
  readonly backends: readonly LoggingBackendModel[];
}

/** The Mesh meshsim assumes when the snapshot has none. */
export const DEFAULT_MESH_NAME = "default";
