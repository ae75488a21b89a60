/**
 * The generated Envoy resources for one proxy, each remembering its origin (Kuma's internal
 * `ResourceSet`, `pkg/core/xds/resource.go`): keyed by (type, name); adding an existing name replaces it.
 * Values are protojson without the top-level `@type`, which is the form MeshProxyPatch JSON patches see.
 * Immutable: every operation returns a new set.
 */
import type { JsonObject } from "../json.js";
import { TYPE_URL } from "./names.js";

export type XdsType = "listener" | "cluster";

/**
 * The real resource an outbound listener or cluster serves (Kuma's `Resource.ResourceOrigin`, a KRI @ v2.14.3): policy
 * plugins that target destinations by resource (MeshAccessLog's `to: MeshService`) find their listeners by it.
 */
export interface ResourceOrigin {
  readonly kind: "MeshService" | "MeshExternalService" | "MeshMultiZoneService";
  readonly mesh: string;
  readonly name: string;
  readonly namespace?: string;
  readonly zone?: string;
  /** The port's name, or its number. */
  readonly sectionName?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface XdsResource {
  readonly type: XdsType;
  readonly name: string;
  readonly origin: string;
  readonly value: JsonObject;
  readonly resourceOrigin?: ResourceOrigin;
}

export type ResourceSet = readonly XdsResource[];

export function addResource(set: ResourceSet, r: XdsResource): ResourceSet {
  const i = set.findIndex((x) => x.type === r.type && x.name === r.name);
  if (i < 0) return [...set, r];
  const out = [...set];
  out[i] = r;
  return out;
}

/**
 * {@link addResource} of each of `rs` in order, in linear time: a resource whose type and name are already in the
 * set (or added earlier in `rs`) replaces that one in place, any other is appended. Generators that emit hundreds
 * of resources use it instead of a copy of the whole set per resource.
 */
export function addResources(set: ResourceSet, rs: readonly XdsResource[]): ResourceSet {
  const out = [...set];
  const index = new Map<string, number>();
  out.forEach((r, i) => {
    const key = `${r.type}/${r.name}`;
    if (!index.has(key)) index.set(key, i);
  });
  for (const r of rs) {
    const key = `${r.type}/${r.name}`;
    const i = index.get(key);
    if (i === undefined) {
      index.set(key, out.length);
      out.push(r);
    } else out[i] = r;
  }
  return out;
}

export function removeResources(set: ResourceSet, pred: (r: XdsResource) => boolean): ResourceSet {
  return set.filter((r) => !pred(r));
}

export function findResource(set: ResourceSet, type: XdsType, name: string): XdsResource | undefined {
  return set.find((r) => r.type === type && r.name === name);
}

export function resourcesOf(set: ResourceSet, type: XdsType): readonly XdsResource[] {
  return set.filter((r) => r.type === type);
}

/** The Envoy config as meshsim returns it: protojson with `@type`, each list sorted by name like Kuma's goldens. */
export interface EnvoyConfig {
  readonly listeners: readonly JsonObject[];
  readonly clusters: readonly JsonObject[];
}

export function renderConfig(set: ResourceSet): EnvoyConfig {
  const render = (type: XdsType) =>
    resourcesOf(set, type)
      .slice()
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((r) => ({ "@type": TYPE_URL[type], ...r.value }));
  return { listeners: render("listener"), clusters: render("cluster") };
}
