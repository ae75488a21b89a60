/**
 * Envoy's acceptance of the config Kuma sends: which listeners and clusters Envoy rejects (NACKs), and the config
 * Envoy then runs. Pure: the resource sets are never mutated.
 */
import type { JsonObject } from "../../json.js";
import { resourceKey } from "../provenance.js";
import { resourcesOf, type ResourceSet, type XdsResource, type XdsType } from "../resource-set.js";
import { clusterFailure } from "./cluster.js";
import { listenerFailure } from "./listener.js";
import { envoyRule } from "./rules.js";
import type { EnvoyRejection, RuleFailure } from "./types.js";

/** The name Envoy reads: the resource's own `name` field (what Kuma's snapshot carries), else its key in the set. */
const envoyName = (r: XdsResource) => (typeof r.value["name"] === "string" ? r.value["name"] : r.name);

/**
 * Envoy's verdict on each resource value already checked in this simulation, by identity: the config before
 * and after the patches share most resources, and a resource's own checks depend on nothing else.
 */
export class ValidationMemo {
  private readonly verdicts = { listener: new WeakMap<JsonObject, RuleFailure | null>(), cluster: new WeakMap<JsonObject, RuleFailure | null>() };

  check(type: XdsType, value: JsonObject, check: (v: JsonObject) => RuleFailure | undefined): RuleFailure | undefined {
    const known = this.verdicts[type].get(value);
    if (known !== undefined) return known ?? undefined;
    const failure = check(value);
    this.verdicts[type].set(value, failure ?? null);
    return failure;
  }
}

function rejectionsOf(type: XdsType, set: ResourceSet, check: (v: JsonObject) => RuleFailure | undefined, memo: ValidationMemo | undefined): EnvoyRejection[] {
  const out: EnvoyRejection[] = [];
  const seen = new Set<string>();
  for (const r of resourcesOf(set, type)) {
    const name = envoyName(r);
    // lds_api.cc / cds_api_helper.cc: the first of two resources with one name is applied, the second rejected.
    const failure: RuleFailure | undefined = seen.has(name)
      ? type === "listener"
        ? { rule: "listener-duplicate-name", message: `duplicate listener ${name} found` }
        : { rule: "cluster-duplicate-name", message: `duplicate cluster ${name} found` }
      : memo
        ? memo.check(type, r.value, check)
        : check(r.value);
    seen.add(name);
    if (failure) out.push({ type, name: r.name, rule: failure.rule, scope: envoyRule(failure.rule).scope, message: failure.message });
  }
  return out;
}

/** Every listener and cluster of `set` that Envoy rejects, listeners first, each in the set's order. */
export function validateResources(set: ResourceSet, memo?: ValidationMemo): EnvoyRejection[] {
  return [...rejectionsOf("listener", set, listenerFailure, memo), ...rejectionsOf("cluster", set, clusterFailure, memo)];
}

/** Where Envoy's running version of a rejected resource is assumed to come from. */
export type KeptFrom = "previous" | "none";

/** One resource the accepted config does not take from the sent config. */
export interface KeptResource {
  readonly type: XdsType;
  readonly name: string;
  /** `previous`: the resource as in the previous config; `none`: Envoy has no such resource. */
  readonly keptFrom: KeptFrom;
}

export interface AcceptedConfig {
  /** The config Envoy runs: the sent config with every rejected resource replaced by the version Envoy keeps. */
  readonly resources: ResourceSet;
  readonly rejections: readonly EnvoyRejection[];
  readonly kept: readonly KeptResource[];
}

/**
 * The config Envoy runs after receiving `sent`, given the config it ran before (`previous`, assumed accepted where
 * Envoy accepts it). A resource-scope rejection keeps that resource's previous version (or none); an update-scope
 * rejection of a type keeps every resource of that type at its previous version, since Envoy NACKs the whole
 * response of that type. Resources the previous config had but `sent` drops are removed as usual.
 */
export function acceptedConfig(sent: ResourceSet, previous: ResourceSet, memo?: ValidationMemo): AcceptedConfig {
  const rejections = validateResources(sent, memo);
  if (rejections.length === 0) return { resources: sent, rejections, kept: [] };
  const previousRejections = validateResources(previous, memo);
  const previousRejected = new Set(previousRejections.map((r) => resourceKey(r)));
  // A type whose previous update was refused as a whole was never accepted from that config either.
  const previousWholeType = new Set(previousRejections.filter((r) => r.scope === "update").map((r) => r.type));
  const prevAccepted = (type: XdsType, name: string) =>
    previousWholeType.has(type) || previousRejected.has(resourceKey({ type, name })) ? undefined : previous.find((r) => r.type === type && r.name === name);
  const wholeType = new Set(rejections.filter((r) => r.scope === "update").map((r) => r.type));
  const rejectedKeys = new Set(rejections.map((r) => resourceKey(r)));
  const kept: KeptResource[] = [];
  const out: XdsResource[] = [];
  for (const type of ["listener", "cluster"] as const) {
    if (wholeType.has(type)) {
      // The whole update of this type is refused: Envoy keeps every resource of the type it had.
      if (!previousWholeType.has(type)) for (const r of resourcesOf(previous, type)) if (!previousRejected.has(resourceKey(r))) out.push(r);
      for (const r of resourcesOf(sent, type)) {
        const prev = prevAccepted(type, r.name);
        if (prev !== r) kept.push({ type, name: r.name, keptFrom: prev ? "previous" : "none" });
      }
      continue;
    }
    for (const r of resourcesOf(sent, type)) {
      if (!rejectedKeys.has(resourceKey(r))) {
        out.push(r);
        continue;
      }
      const prev = prevAccepted(type, r.name);
      if (prev) out.push(prev);
      kept.push({ type, name: r.name, keptFrom: prev ? "previous" : "none" });
    }
  }
  return { resources: out, rejections, kept };
}
