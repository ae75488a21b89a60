/**
 * The default targetRef policies kuma-cp creates with every Mesh (kuma `pkg/defaults/mesh/mesh.go`
 * EnsureDefaultMeshResources @ 2.6.0 … v2.14.3 and 348b6528bc): each kind's folder says which ones per release; this
 * module decides whether meshsim assumes them. Kuma creates them once, when the Mesh is created, unless the Mesh's
 * `skipCreatingInitialPolicies` lists the kind (or `*`); on Kubernetes they live in the system namespace as
 * `<name>.kuma-system`. A snapshot that lists any policy of the kind in the mesh is taken as complete (the defaults
 * may have been deleted or changed), as for the default TrafficPermission.
 */
import type { Envelope } from "../model/envelope.js";
import type { PolicyResource } from "../model/policy.js";
import type { TargetRef } from "../model/target-ref.js";
import { kumaTag, LINE_COMMITS, type KumaMinor, type Release } from "../model/versions.js";
import { effectiveTargetRef, selectsDataplane, sortPolicies } from "./target-ref.js";
import type { PluginContext } from "./types.js";

/** A default policy: its name prefix (the Mesh name is appended) and spec. */
export interface DefaultPolicy {
  readonly prefix: string;
  readonly spec: { readonly targetRef?: TargetRef } & Record<string, unknown>;
}

/** The system namespace meshsim assumes for a Kubernetes zone (Kuma's default). */
const SYSTEM_NAMESPACE = "kuma-system";

function resource(kind: string, mesh: string, d: DefaultPolicy, kubernetes: boolean): PolicyResource {
  const name = `${d.prefix}-${mesh}${kubernetes ? `.${SYSTEM_NAMESPACE}` : ""}`;
  const envelope: Envelope = {
    kind,
    name,
    mesh,
    form: kubernetes ? "kubernetes" : "universal",
    namespace: kubernetes ? SYSTEM_NAMESPACE : undefined,
    labels: {},
    specPath: `kuma default ${kind} ${name}`,
    spec: d.spec,
    path: `kuma default ${kind} ${name}`,
    status: undefined,
  };
  return { envelope, spec: d.spec, role: "system", whatIf: false };
}

/** How a Kuma file at this release is cited: the tag, or for a line without one the commit it follows. */
function kumaRef(release: Release, minor: string): string {
  const line = LINE_COMMITS[minor as KumaMinor];
  return `kumahq/kuma@${line ? line.commit.slice(0, 10) : kumaTag(release)}`;
}

export interface EffectivePolicies {
  /** The policies of the kind that select the dataplane, least specific first: the snapshot's, or Kuma's defaults. */
  readonly policies: readonly PolicyResource[];
  /** Set when meshsim assumed Kuma's defaults, or says why it did not. */
  readonly assumption?: string;
}

/**
 * The policies of `kind` the plugin applies: the pipeline's selection when the snapshot has a policy of the kind in the
 * dataplane's mesh; otherwise Kuma's defaults for the release (`defaults`), unless the Mesh skips them.
 */
export function effectivePolicies(ctx: PluginContext, kind: string, defaults: readonly DefaultPolicy[], describe: string, file: string): EffectivePolicies {
  const source = `${kumaRef(ctx.features.release, ctx.features.minor)} ${file}`;
  const mesh = ctx.mesh.name;
  const listed = (ctx.meshPolicies ?? []).some((p) => p.kind === kind && p.envelope.mesh === mesh);
  if (listed || ctx.policies.length > 0 || defaults.length === 0) return { policies: ctx.policies };
  const skip = ctx.mesh.skipCreatingInitialPolicies ?? [];
  if (skip.includes("*") || skip.includes(kind))
    return { policies: [], assumption: `the snapshot has no ${kind} in mesh ${mesh} and the Mesh's skipCreatingInitialPolicies lists ${skip.includes("*") ? "*" : kind}: Kuma created no default ${kind}` };
  const all = defaults.map((d) => resource(kind, mesh, d, ctx.environment === "kubernetes"));
  const selected = sortPolicies(
    all.filter((p) => selectsDataplane(effectiveTargetRef((p.spec as DefaultPolicy["spec"]).targetRef), ctx.dataplane, p.envelope.namespace, p.role)),
    (p) => effectiveTargetRef((p.spec as DefaultPolicy["spec"]).targetRef),
  );
  const names = all.map((p) => p.envelope.name).join(", ");
  return {
    policies: selected,
    assumption: `the snapshot has no ${kind} in mesh ${mesh}: assumed Kuma ${ctx.features.minor}'s default ${names} (${describe}), created with the Mesh unless its skipCreatingInitialPolicies lists ${kind} (${source}); ${selected.length > 0 ? `${selected.map((p) => p.envelope.name).join(", ")} selects ${ctx.dataplane.name}` : `none selects ${ctx.dataplane.name}`}. Kuma creates default policies once, when the Mesh is created; a snapshot that lists ${kind} resources of the mesh is taken as complete`,
  };
}
