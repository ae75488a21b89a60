/**
 * What kuma-cp writes into the `status` of MeshService, MeshExternalService and MeshMultiZoneService, for resources
 * that lack it (kept in git): a VIP from the kind's IPAM CIDR (kumahq/kuma@v2.14.3 pkg/ipam/components.go,
 * pkg/core/resources/apis/core/vip/allocator.go) and hostnames from the HostnameGenerators
 * (pkg/core/resources/apis/hostnamegenerator/hostname/generator.go, pkg/defaults/hostname_generator.go).
 * Hostnames follow from the inputs; the VIP depends on the order kuma-cp lists resources, so it is an assumption.
 */
import type { DestinationModel } from "../model/destination.js";
import { defaultHostnameGenerators, type HostnameGeneratorModel, type HostnameTargetKind } from "../model/hostname-generator.js";
import { IPAM_CIDRS, KUMA_CP_ZONE_NAME } from "../model/kuma-defaults.js";
import type { VersionFeatures } from "../model/versions.js";
import { evaluateTemplate, isDns1123Subdomain } from "../go/text-template.js";

export interface ServiceAddresses {
  /** The destinations, with the VIP and hostnames kuma-cp would have written where `status` lacks them. */
  readonly destinations: readonly DestinationModel[];
  /** One line per destination meshsim filled in: what it assumed and why (reported under `assumptions`). */
  readonly notes: readonly { readonly mesh: string; readonly text: string }[];
}

const ORIGIN = "kuma.io/origin";
const ZONE = "kuma.io/zone";
const ENV = "kuma.io/env";
const NAMESPACE = "k8s.kuma.io/namespace";
const DISPLAY_NAME = "kuma.io/display-name";

type TargetDestination = DestinationModel & { readonly kind: HostnameTargetKind };
const isTarget = (d: DestinationModel): d is TargetDestination => d.kind === "MeshService" || d.kind === "MeshExternalService" || d.kind === "MeshMultiZoneService";
const coreName = (x: { name: string; namespace?: string | undefined }) => (x.namespace ? `${x.name}.${x.namespace}` : x.name);

/**
 * The labels kuma-cp computes when a resource is created on a zone CP (kumahq/kuma@v2.14.3
 * pkg/core/resources/labels/compute.go Compute; `pkg/core/resources/model/resource.go` @ 2.9.0): origin `zone`, the
 * zone's name and environment (2.9.0+), and on Kubernetes the namespace. A MeshMultiZoneService exists only on
 * Global, so one without an origin label reached the zone from there (`kuma.io/origin: global`).
 */
function computedLabels(d: TargetDestination, f: VersionFeatures, environment: "universal" | "kubernetes"): Record<string, string> {
  const labels: Record<string, string> = { "kuma.io/mesh": d.mesh, ...d.labels };
  labels[ORIGIN] ??= d.kind === "MeshMultiZoneService" ? "global" : "zone";
  if (labels[ORIGIN] !== "global") {
    labels[ZONE] ??= KUMA_CP_ZONE_NAME;
    if (f.envLabelAndZoneFallback) labels[ENV] ??= environment;
    if (environment === "kubernetes" && d.namespace) labels[NAMESPACE] ??= d.namespace;
  }
  return labels;
}

/** kuma hostname/generator.go sortGenerators: zone-originated first, then by creation time, then by name. */
function sortGenerators(gs: readonly HostnameGeneratorModel[]): HostnameGeneratorModel[] {
  const rank = (g: HostnameGeneratorModel) => (g.labels[ORIGIN] === "zone" ? 0 : 1);
  return [...gs].sort((a, b) => {
    if (a.labels[ORIGIN] !== b.labels[ORIGIN] && (a.labels[ORIGIN] === "zone" || b.labels[ORIGIN] === "zone")) return rank(a) - rank(b);
    return byCreation(a, b);
  });
}

/** Creation time, then name (kuma hostname/generator.go sortResources); a missing time sorts first, as Go's zero time. */
function byCreation(a: { creationTime?: string; name: string; namespace?: string | undefined }, b: { creationTime?: string; name: string; namespace?: string | undefined }): number {
  const ta = a.creationTime ?? "";
  const tb = b.creationTime ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  return cmp(coreName(a), coreName(b));
}

/** Code-unit order (as Go compares strings), independent of the runtime's locale. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function ipv4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join(".");
}
function ipv4Number(ip: string): bigint | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  return m ? m.slice(1).reduce((a, o) => (a << 8n) + BigInt(o), 0n) : undefined;
}

/** VIPs for resources without one: the CIDR's addresses from its first, skipping those other resources hold (Nordix simple-ipam Allocate, no reserved first address). */
function allocateVips(all: readonly TargetDestination[], f: VersionFeatures): Map<TargetDestination, { ip: string; cidr: string }> {
  const out = new Map<TargetDestination, { ip: string; cidr: string }>();
  if (!f.ipamVips) return out;
  for (const kind of ["MeshService", "MeshExternalService", "MeshMultiZoneService"] as const) {
    const cidr = IPAM_CIDRS[kind];
    const [base, len] = cidr.split("/") as [string, string];
    const first = ipv4Number(base)!;
    const size = 1n << BigInt(32 - Number(len));
    const held = new Set(all.filter((d) => d.kind === kind).flatMap((d) => d.addresses.map(ipv4Number)).filter((n): n is bigint => n !== undefined && n >= first && n < first + size));
    let next = first;
    const wanting = all.filter((d) => d.kind === kind && d.missing?.vip).sort((a, b) => cmp(coreName(a), coreName(b)) || cmp(a.mesh, b.mesh));
    for (const d of wanting) {
      while (held.has(next) && next < first + size) next++;
      if (next >= first + size) break;
      out.set(d, { ip: ipv4(next), cidr });
      next++;
    }
  }
  return out;
}

interface Generated {
  readonly hostnames: { hostname: string; generator: string }[];
  readonly failures: string[];
}

/** Runs every generator over every resource of each kind, as kuma-cp's hostname generator does on a zone. */
function generateHostnames(all: readonly TargetDestination[], generators: readonly HostnameGeneratorModel[], f: VersionFeatures, environment: "universal" | "kubernetes"): Map<TargetDestination, Generated> {
  const out = new Map<TargetDestination, Generated>();
  const sorted = sortGenerators(generators);
  // Kuma goes kind by kind (MeshExternalService, MeshService, MeshMultiZoneService); collisions are per kind and mesh.
  for (const kind of ["MeshExternalService", "MeshService", "MeshMultiZoneService"] as const) {
    const resources = all.filter((d) => d.kind === kind).sort(byCreation);
    const taken = new Map<string, string>();
    const perService = new Map<TargetDestination, Map<string, string>>();
    for (const g of sorted) {
      const matchLabels = g.selector[kind];
      if (matchLabels === undefined) continue;
      for (const d of resources) {
        const labels = computedLabels(d, f, environment);
        if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) continue;
        const entry = out.get(d) ?? { hostnames: [], failures: [] };
        out.set(d, entry);
        if (g.extension) {
          entry.failures.push(`HostnameGenerator ${g.name} has extension ${g.extension}, a plugin meshsim does not run`);
          continue;
        }
        const name = d.name;
        const zone = labels[ZONE] ?? (f.envLabelAndZoneFallback ? KUMA_CP_ZONE_NAME : "");
        const r = evaluateTemplate(g.template, {
          fields: { Name: name, DisplayName: labels[DISPLAY_NAME] ?? name, Namespace: labels[NAMESPACE] ?? "", Mesh: d.mesh, Zone: zone },
          labels,
        });
        if (!r.ok) {
          entry.failures.push("error" in r ? `HostnameGenerator ${g.name} selects it but Kuma's template evaluation fails (${r.error}): no hostname` : `HostnameGenerator ${g.name}: ${r.unsupported}; meshsim assumes no hostname`);
          continue;
        }
        if (r.text === "") continue;
        // kumahq/kuma@v2.14.0 hostname/generator.go EvaluateTemplate: IsDNS1123Subdomain (commit 7ba1a162a0).
        if (f.hostnameDns1123Check && !isDns1123Subdomain(r.text)) {
          entry.failures.push(`HostnameGenerator ${g.name} generates "${r.text}", which is not a valid DNS name: Kuma writes no hostname`);
          continue;
        }
        const key = `${d.mesh}/${r.text}`;
        const owner = taken.get(key);
        if (owner !== undefined && owner !== coreName(d)) {
          entry.failures.push(`HostnameGenerator ${g.name} generates ${r.text}, which ${kind} ${owner} already has (Kuma's CollisionReason): no hostname`);
          continue;
        }
        taken.set(key, coreName(d));
        const m = perService.get(d) ?? new Map<string, string>();
        m.set(g.name, r.text);
        perService.set(d, m);
      }
    }
    // status.addresses are in the order of the generators' names (maps.SortedKeys).
    for (const [d, m] of perService) {
      const entry = out.get(d)!;
      for (const g of [...m.keys()].sort()) entry.hostnames.push({ hostname: m.get(g)!, generator: g });
    }
  }
  return out;
}

/**
 * Fills in the VIP and hostnames of every MeshService, MeshExternalService and MeshMultiZoneService whose `status`
 * lacks them, as kuma-cp on a zone would; `generators` are the snapshot's, kuma-cp's defaults are added unless the
 * snapshot has one of the same name (`ensureHostnameGeneratorExists` keeps an existing one).
 */
export function assignServiceAddresses(
  destinations: readonly DestinationModel[],
  generators: readonly HostnameGeneratorModel[],
  f: VersionFeatures,
  environment: "universal" | "kubernetes",
): ServiceAddresses {
  const targets = destinations.filter(isTarget);
  if (!targets.some((d) => d.missing?.vip || d.missing?.hostnames)) return { destinations, notes: [] };
  const names = new Set(generators.map((g) => g.name));
  const all = [...generators, ...defaultHostnameGenerators(f, environment).filter((g) => !names.has(g.name))];
  const vips = allocateVips(targets, f);
  const hostnames = generateHostnames(targets, all, f, environment);
  const notes: { mesh: string; text: string }[] = [];
  const out = destinations.map((d) => {
    if (!isTarget(d) || !(d.missing?.vip || d.missing?.hostnames)) return d;
    const parts: string[] = [];
    let addresses = d.addresses;
    let names = d.hostnames;
    let via: string | undefined;
    if (d.missing.vip) {
      const v = vips.get(d);
      if (v) {
        addresses = [v.ip];
        parts.push(
          `meshsim assumes the VIP ${v.ip}, the first free address of kuma-cp's default ipam CIDR for ${d.kind} (${v.cidr}) when the VIP-less resources are taken in name order; kuma-cp allocates in the order it lists them, so the real VIP may differ (a request by hostname reaches the same listener)`,
        );
      } else if (!f.ipamVips) parts.push(`nothing in kuma-cp ${f.minor} allocates ${d.kind} VIPs (no IPAM before 2.8), so it has no VIP and no outbound listener`);
      else parts.push(`its IPAM CIDR is exhausted: no VIP`);
    }
    if (d.missing.hostnames) {
      const g = hostnames.get(d);
      const list = g?.hostnames ?? [];
      names = list.map((h) => h.hostname.toLowerCase());
      via = list.length > 0 ? `(no status) hostname generated by HostnameGenerator ${list.map((h) => h.generator).join(", ")} as kuma-cp would${addresses !== d.addresses ? ", at the VIP meshsim assumes" : ""}` : undefined;
      if (list.length > 0)
        parts.push(
          `its hostnames are ${list.map((h) => `${h.hostname} (HostnameGenerator ${h.generator}${all.find((x) => x.name === h.generator)?.source === "kuma-default" ? `, a kuma-cp default since 2.9` : ""})`).join(", ")}, assuming a zone CP named "${KUMA_CP_ZONE_NAME}" with defaults.skipHostnameGenerators false${d.labels[ORIGIN] ? "" : d.kind === "MeshMultiZoneService" ? ", and that it reached the zone from Global, where MeshMultiZoneServices are created (kuma.io/origin: global)" : ", and that it was created on this zone CP (kuma.io/origin: zone)"}`,
        );
      else parts.push(`no HostnameGenerator gives it a hostname${f.defaultHostnameGenerators ? "" : ` (kuma-cp creates default HostnameGenerators from 2.9)`}, so only its VIP reaches it`);
      for (const x of g?.failures ?? []) parts.push(x);
    }
    const lacks = [d.missing.vip ? (d.kind === "MeshExternalService" ? "status.vip" : "status.vips") : "", d.missing.hostnames ? "status.addresses" : ""].filter(Boolean).join(" and ");
    notes.push({ mesh: d.mesh, text: `${d.kind} "${coreName(d)}" has no ${lacks} (a resource kept in git has no status; kuma-cp writes it): ${parts.join("; ")}` });
    return { ...d, addresses, hostnames: names, ...(via ? { hostnameVia: via } : {}) };
  });
  return { destinations: out, notes };
}
