/**
 * Builds one normalised Snapshot from the request's `resources` and what-if `patches`: both forms,
 * `kind: List`, and a multi-document YAML string; every violation is collected with its path.
 */
import * as z from "zod";
import { joinPath, type Violation } from "../errors.js";
import { parseYamlStream, YamlMemo } from "../parse/yaml.js";
import type { PolicyKindInfo, PolicyResource, PolicyRole } from "../model/policy.js";
import { atLeast, kindIntroducedIn, kindIntroduction, kindRemoval, minorOf, type MeshDestinationKind, type VersionFeatures } from "../model/versions.js";
import type { Warning } from "../warnings.js";
import { ZOD_PARSE, zodViolations } from "../zod-issues.js";
import { DataplaneSpecSchema, dataplaneModel } from "./dataplane.js";
import { type DataplaneModel } from "../model/dataplane.js";
import { flattenEntries, flattenLists, readEnvelope } from "./envelope.js";
import { SYSTEM_NAMESPACES, type Envelope } from "../model/envelope.js";
import { MeshSpecSchema, meshModel } from "./mesh.js";
import { type MeshModel } from "../model/mesh.js";
import { DESTINATION_KINDS, destinationModel } from "./services.js";
import { type DestinationModel } from "../model/destination.js";
import { TrafficLogSpecSchema, trafficLogModel, validateTrafficLog } from "./traffic-log.js";
import { type TrafficLogModel } from "../model/traffic-log.js";
import { dropRemovedFields } from "./release-fields.js";
import { HostnameGeneratorSpecSchema, hostnameGeneratorModel, validateHostnameGenerator } from "./hostname-generator.js";
import { type HostnameGeneratorModel } from "../model/hostname-generator.js";
import { applyRemovals, mergeWhatIfs, type RemoveRef, type WhatIfChanges } from "./what-if.js";

export type { RemoveRef, WhatIfChanges, WhatIfRef } from "./what-if.js";

/** Kinds that arrived after 2.5 with the new service model (the version table says which release admits each). */
const LATER_KINDS: ReadonlySet<string> = new Set<MeshDestinationKind>(["MeshService", "MeshExternalService", "MeshMultiZoneService", "HostnameGenerator"]);

/**
 * Kuma kinds meshsim accepts without modelling (they do not change what it simulates), with a warning. Registered
 * policies that meshsim does not parse (a definition without `api`) are accepted the same way.
 */
export const KNOWN_UNMODELLED_KINDS: readonly string[] = [
  "MeshRetry", "MeshHealthCheck", "MeshHTTPRoute", "MeshTCPRoute",
  "MeshLoadBalancingStrategy", "MeshTrace", "MeshMetric", "MeshFaultInjection", "MeshRateLimit",
  "MeshIdentity", "MeshTrust", "Workload", "MeshOpenTelemetryBackend", "MeshZoneAddress",
  "TrafficRoute", "TrafficTrace", "HealthCheck", "CircuitBreaker", "Retry", "Timeout",
  "VirtualOutbound", "ZoneEgress", "ZoneIngress", "MeshGateway", "MeshGatewayRoute", "MeshGatewayInstance",
  "Zone", "Secret", "GlobalSecret", "DataplaneInsight", "MeshInsight", "ZoneInsight",
];

/** Kinds whose Universal form keeps the spec at the top level (not under `spec`). */
const OLD_STYLE_KINDS = new Set(["Mesh", "Dataplane", "ExternalService", "TrafficLog", "ProxyTemplate", "FaultInjection", "RateLimit", "TrafficPermission"]);

export interface Snapshot {
  readonly meshes: ReadonlyMap<string, MeshModel>;
  readonly dataplanes: readonly DataplaneModel[];
  readonly destinations: readonly DestinationModel[];
  readonly policies: readonly (PolicyResource & { readonly kind: string })[];
  /** HostnameGenerator resources of the snapshot (kuma-cp's defaults are added where hostnames are generated). */
  readonly hostnameGenerators: readonly HostnameGeneratorModel[];
  /** Legacy TrafficLog resources (meshsim applies them to the outbound passthrough listeners only). */
  readonly trafficLogs: readonly TrafficLogModel[];
  /** Resources accepted and ignored (kinds meshsim does not model), each also reported as a warning. */
  readonly ignored: readonly { readonly kind: string; readonly name: string; readonly mesh: string }[];
  /** Resources of a kind the release removed, left out (only with `removedKinds: "ignore"`; otherwise they are errors). */
  readonly removed: readonly RemovedResource[];
  readonly warnings: readonly Warning[];
  readonly assumptions: readonly string[];
  /** What the what-if `patches` replaced and added, and what `remove` deleted. */
  readonly whatIf: WhatIfChanges;
  /** The YAML texts admission parsed (`value:` patches), for the plugins that read them again. */
  readonly yaml?: YamlMemo;
}

/** A resource left out because its kind does not exist at the release, and Kuma's refusal of it. */
export interface RemovedResource {
  readonly kind: string;
  readonly name: string;
  readonly mesh: string;
  readonly path: string;
  readonly message: string;
}

/** How {@link buildSnapshot} treats what the release does not accept. */
export interface BuildOptions {
  /**
   * `reject` (default): a resource of a kind the release removed is a violation, as Kuma refuses it. `ignore`: it is
   * left out and listed in `removed` (the upgrade check simulates the new release without it and reports it).
   */
  readonly removedKinds?: "reject" | "ignore";
  /** What-if deletions (`remove`), applied after `patches`. */
  readonly remove?: readonly RemoveRef[] | undefined;
}

/** A list of resources, one YAML string of them, or one object (a resource, a `kind: List` or a kumactl list). */
export type SnapshotInput = readonly unknown[] | string | Readonly<Record<string, unknown>> | undefined;

function items(input: SnapshotInput, path: string, errors: Violation[], assumptions: string[]): { item: unknown; path: string }[] {
  if (input === undefined) return [];
  const onPage = (at: string, next: string) =>
    assumptions.push(`${at} is one page of a kumactl list (next: ${next.slice(0, 200)}): resources on later pages are not in the snapshot; list them all (kumactl get --size) to simulate the whole mesh`);
  if (typeof input === "string") {
    const docs = parseYamlStream(input, path);
    if (!docs.ok) {
      errors.push(...docs.errors);
      return [];
    }
    // Documents of a YAML string are addressed as `resources[<document index>]`; a document may also be a
    // YAML list of resources (`resources[<document>][<item>]`).
    return flattenEntries(docs.value.flatMap((doc, i) => (Array.isArray(doc) ? doc.map((item, j) => ({ item, path: joinPath(path, i, j) })) : [{ item: doc, path: joinPath(path, i) }])), onPage);
  }
  if (!Array.isArray(input)) return flattenEntries([{ item: input, path }], onPage);
  return flattenLists(input, path, onPage);
}

const VALID_ROLES: readonly PolicyRole[] = ["system", "producer", "consumer", "workload-owner"];

/** kuma `pkg/core/resources/labels/compute.go` ComputePolicyRole, for policies without to/from. */
function roleOf(e: Envelope): PolicyRole {
  const label = e.labels["kuma.io/policy-role"];
  if (label && (VALID_ROLES as readonly string[]).includes(label)) return label as PolicyRole;
  if (e.form === "universal" || e.namespace === undefined || SYSTEM_NAMESPACES.includes(e.namespace)) return "system";
  return "workload-owner";
}

function parseSpec<T>(schema: z.ZodType<T>, e: Envelope, errors: Violation[]): T | undefined {
  const r = schema.safeParse(e.spec, ZOD_PARSE);
  if (!r.success) {
    errors.push(...zodViolations(r.error, e.specPath));
    return undefined;
  }
  return r.data;
}

/**
 * Reads `resources` and `patches` for a Kuma release. `kinds` are the policy kinds the caller knows (the
 * registry, passed in as `kinds` so that parsing does not depend on the policy plugins). Returns the snapshot, or every
 * violation found. What-if patches (any kind) replace a resource of the same kind, mesh and name or add one;
 * `options.remove` deletes resources.
 */
export function buildSnapshot(
  resources: SnapshotInput,
  patches: SnapshotInput,
  f: VersionFeatures,
  kinds: readonly PolicyKindInfo[],
  paths: { resources: string; patches: string; remove?: string } = { resources: "resources", patches: "patches" },
  options: BuildOptions = {},
): { snapshot: Snapshot } | { errors: Violation[] } {
  const POLICY_KINDS = new Map(kinds.map((p) => [p.kind, p]));
  const modelled = kinds.filter((p) => p.api).map((p) => p.kind);
  const errors: Violation[] = [];
  const warnings: Warning[] = [];
  const assumptions: string[] = [];
  const envelopes: { e: Envelope; whatIf: boolean }[] = [];
  const removed: RemovedResource[] = [];
  const newStyle = (k: string) => !OLD_STYLE_KINDS.has(k);
  const yaml = new YamlMemo();

  for (const [whatIf, list] of [[false, items(resources, paths.resources, errors, assumptions)], [true, items(patches, paths.patches, errors, assumptions)]] as const) {
    for (const { item, path } of list) {
      const r = readEnvelope(item, path, newStyle);
      if ("errors" in r) {
        errors.push(...r.errors);
        continue;
      }
      const e = r.envelope;
      const kindPath = joinPath(path, e.form === "kubernetes" ? "kind" : "type");
      const policyKind = POLICY_KINDS.get(e.kind);
      if (!OLD_STYLE_KINDS.has(e.kind) && !policyKind && !DESTINATION_KINDS.has(e.kind) && e.kind !== "HostnameGenerator" && !KNOWN_UNMODELLED_KINDS.includes(e.kind)) {
        errors.push({ path: kindPath, message: `unknown resource kind "${e.kind}"; meshsim models Mesh, Dataplane, TrafficLog, ${[...DESTINATION_KINDS, ...modelled, "HostnameGenerator"].join(", ")}` });
        continue;
      }
      if (LATER_KINDS.has(e.kind) && !f.meshDestinationKinds.includes(e.kind as MeshDestinationKind)) {
        errors.push({ path: kindPath, message: `${e.kind} does not exist in Kuma ${f.minor}: it was introduced in ${minorOf(kindIntroducedIn(e.kind as MeshDestinationKind))}` });
        continue;
      }
      const introduced = kindIntroduction(e.kind);
      if (introduced && !atLeast(f.release, introduced)) {
        errors.push({ path: kindPath, message: `${e.kind} does not exist in Kuma ${f.minor}: it was introduced in ${minorOf(introduced)}` });
        continue;
      }
      if (policyKind && !atLeast(f.release, policyKind.since)) {
        errors.push({ path: kindPath, message: `${e.kind} does not exist in Kuma ${f.minor}: it was introduced in ${minorOf(policyKind.since)}` });
        continue;
      }
      const removal = policyKind?.removedIn && atLeast(f.release, policyKind.removedIn) ? { removedIn: policyKind.removedIn, replacement: policyKind.replacement } : kindRemoval(e.kind, f.release);
      if (removal) {
        const message = `${e.kind} does not exist in Kuma ${f.minor}: it was removed in ${minorOf(removal.removedIn)}${removal.replacement ? `; migrate to ${removal.replacement} and delete it before upgrading` : ""}`;
        if (options.removedKinds === "ignore") {
          removed.push({ kind: e.kind, name: e.name, mesh: e.mesh, path: e.path, message });
          continue;
        }
        errors.push({ path: kindPath, message });
        continue;
      }
      envelopes.push({ e, whatIf });
    }
  }

  // What-if patches win over a resource with the same identity; `remove` deletes after them.
  const merged = mergeWhatIfs(envelopes, errors, assumptions);
  const byId = merged.byId;
  const removedByWhatIf = applyRemovals(byId, options.remove ?? [], paths.remove ?? "remove", errors);
  const whatIf: WhatIfChanges = { replaced: merged.replaced, added: merged.added, removed: removedByWhatIf };

  const meshes = new Map<string, MeshModel>();
  const dataplanes: DataplaneModel[] = [];
  const destinations: DestinationModel[] = [];
  const policies: (PolicyResource & { kind: string })[] = [];
  const trafficLogs: TrafficLogModel[] = [];
  const hostnameGenerators: HostnameGeneratorModel[] = [];
  const ignored: { kind: string; name: string; mesh: string }[] = [];
  for (const { e: read, whatIf } of byId.values()) {
    const dropped = dropRemovedFields(read, f);
    warnings.push(...dropped.warnings);
    const e: Envelope = dropped.spec === read.spec ? read : { ...read, spec: dropped.spec };
    if (e.kind === "Mesh") {
      const spec = parseSpec(MeshSpecSchema, e, errors);
      if (spec) meshes.set(e.name, meshModel(e.name, spec));
    } else if (e.kind === "Dataplane") {
      const spec = parseSpec(DataplaneSpecSchema, e, errors);
      if (spec) {
        const labels = e.namespace ? { "k8s.kuma.io/namespace": e.namespace, ...e.labels } : e.labels;
        dataplanes.push(dataplaneModel(e.name, e.mesh, labels, spec, f));
      }
    } else if (e.kind === "TrafficLog") {
      const spec = parseSpec(TrafficLogSpecSchema, e, errors);
      if (!spec) continue;
      const violations = validateTrafficLog(spec, e.specPath);
      if (violations.length > 0) errors.push(...violations);
      else trafficLogs.push(trafficLogModel(e.name, e.mesh, spec, e.creationTime));
    } else if (e.kind === "HostnameGenerator") {
      const spec = parseSpec(HostnameGeneratorSpecSchema, e, errors);
      if (!spec) continue;
      const violations = validateHostnameGenerator(spec, f, e.specPath);
      if (violations.length > 0) errors.push(...violations);
      else hostnameGenerators.push(hostnameGeneratorModel(e, spec, f));
    } else if (DESTINATION_KINDS.has(e.kind)) {
      const d = destinationModel(e);
      if ("errors" in d) errors.push(...d.errors);
      else destinations.push(d.model);
    } else {
      const api = POLICY_KINDS.get(e.kind)?.api;
      if (!api) {
        ignored.push({ kind: e.kind, name: e.name, mesh: e.mesh });
        warnings.push({ code: "resource-not-modelled", message: `${e.kind} "${e.name}" (${e.path}) is accepted but not modelled by meshsim; it is ignored` });
        continue;
      }
      const spec = parseSpec(api.specSchema, e, errors);
      if (spec === undefined) continue;
      const role = roleOf(e);
      const violations = api.validate(spec, { features: f, role, path: e.specPath, targetKinds: api.targetKinds(f, role), yaml });
      if (violations.length > 0) {
        errors.push(...violations);
        continue;
      }
      policies.push({ kind: e.kind, envelope: e, spec, role, whatIf });
    }
  }
  if (errors.length > 0) return { errors };
  return { snapshot: { meshes, dataplanes, destinations, policies, hostnameGenerators, trafficLogs, ignored, removed, warnings, assumptions, whatIf, yaml } };
}
