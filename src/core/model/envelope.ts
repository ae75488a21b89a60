/** What every Kuma resource carries besides its spec, whichever form it came in (`snapshot/envelope.ts` reads it). */

export type ResourceForm = "universal" | "kubernetes";

/** Namespaces Kuma treats as the system namespace (`kuma-system` by default; Kong Mesh uses `kong-mesh-system`). */
export const SYSTEM_NAMESPACES: readonly string[] = ["kuma-system", "kong-mesh-system"];

export interface Envelope {
  readonly kind: string;
  readonly name: string;
  readonly mesh: string;
  readonly form: ResourceForm;
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  /** Where the spec lives in the request, for violation paths. */
  readonly specPath: string;
  /** The spec object (top-level fields minus the envelope for old-style Universal kinds). */
  readonly spec: unknown;
  /** Path of the resource itself in the request. */
  readonly path: string;
  /** `status` (Kubernetes form and new-style Universal resources), for VIPs and addresses. */
  readonly status: unknown;
  /** Universal `creationTime` / Kubernetes `metadata.creationTimestamp`, when given (legacy policy tie-breaks). */
  readonly creationTime?: string;
}
