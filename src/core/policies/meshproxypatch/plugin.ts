/**
 * The MeshProxyPatch plugin (kuma `pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/plugin.go`, order 9999):
 * the `appendModifications` of every selected policy, least specific first, concatenated and applied
 * in order, each seeing the previous result; the first error stops generation for the proxy.
 * Around Kuma's behaviour meshsim records what each modification matched, where it wrote (for the
 * provenance of limits) and whether Envoy will ever read what it wrote.
 */
import { assertNever } from "../../assert.js";
import { diffJson } from "../../diff.js";
import { DecodeCache, type DecodeNote } from "../../patch/proto-json.js";
import type { Warning } from "../../warnings.js";
import { isJsonObject, type Json, type JsonObject } from "../../json.js";
import { LINE_COMMITS } from "../../model/versions.js";
import { passthroughName, passthroughTwin } from "../../xds/names.js";
import type { ResourceSet } from "../../xds/resource-set.js";
import { resourceKey, type Write } from "../../xds/provenance.js";
import type { PluginContext, PluginOutput, PolicyPlugin, ConfigError } from "../types.js";
import type { PolicyResource } from "../../model/policy.js";
import { modKind, type MeshProxyPatchSpec, type ModPayload } from "./api.js";
import { type ModKind } from "../../model/modification.js";
import { applyHttpFilterMod, applyNetworkFilterMod } from "./mods/filters.js";
import { parseModValue, type Match, type ModInput, type ModOutcome } from "./mods/common.js";
import { applyResourceMod } from "./mods/resource.js";
import { applyVirtualHostMod } from "./mods/virtual-host.js";
import type { ModificationReport, ModificationStatus } from "../../model/modification.js";
import { listLine, type TraceLine } from "../../model/trace-line.js";


/** The JSON pointers in which two resource sets differ, per resource. Unchanged resources keep their identity, so only changed ones are diffed. */
export function writesBetween(before: ResourceSet, after: ResourceSet): { resource: string; pointer: string }[] {
  const out: { resource: string; pointer: string }[] = [];
  if (before.length === after.length) {
    // A modification keeps the resources it did not touch by identity: compare in place while the order holds.
    let inPlace = true;
    for (let i = 0; i < before.length && inPlace; i++) {
      const r = before[i]!;
      const next = after[i]!;
      if (r === next) continue;
      if (r.type !== next.type || r.name !== next.name) inPlace = false;
      else if (r.value !== next.value) {
        const resource = resourceKey(r);
        for (const op of diffJson(r.value, next.value)) out.push({ resource, pointer: op.path });
      }
    }
    if (inPlace) return out.sort((x, y) => (x.resource < y.resource ? -1 : x.resource > y.resource ? 1 : 0));
    out.length = 0;
  }
  const a = new Map(before.map((r) => [resourceKey(r), r.value]));
  const b = new Map(after.map((r) => [resourceKey(r), r.value]));
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const va = a.get(key);
    const vb = b.get(key);
    if (va === vb) continue;
    if (va === undefined || vb === undefined) out.push({ resource: key, pointer: "" });
    else for (const op of diffJson(va, vb)) out.push({ resource: key, pointer: op.path });
  }
  return out;
}

function dispatch(kind: ModKind, input: ModInput, addedClusterOrigin: string): ModOutcome {
  switch (kind) {
    case "cluster":
      return applyResourceMod("cluster", input, addedClusterOrigin);
    case "listener":
      // Listeners MeshProxyPatch adds carry `mesh-proxy-patch` in every version.
      return applyResourceMod("listener", input, "mesh-proxy-patch");
    case "networkFilter":
      return applyNetworkFilterMod(input);
    case "httpFilter":
      return applyHttpFilterMod(input);
    case "virtualHost":
      return applyVirtualHostMod(input);
    default:
      return assertNever(kind, "modification kind");
  }
}

/** Envoy reads only the first circuit-breaker threshold of each priority (upstream_impl.cc, std::find_if). */
export function deadThresholdIndices(cluster: JsonObject): Set<number> {
  const cb = cluster["circuitBreakers"];
  const ts = isJsonObject(cb) && Array.isArray(cb["thresholds"]) ? (cb["thresholds"] as JsonObject[]) : [];
  const seen = new Set<string>();
  const dead = new Set<number>();
  ts.forEach((t, i) => {
    const p = typeof t["priority"] === "string" ? t["priority"] : "DEFAULT";
    if (seen.has(p)) dead.add(i);
    seen.add(p);
  });
  return dead;
}

function isDeadWrite(w: { resource: string; pointer: string }, final: ReadonlyMap<string, JsonObject>): boolean {
  if (!w.pointer.startsWith("/circuitBreakers/thresholds/")) return false;
  const m = /^\/circuitBreakers\/thresholds\/(\d+)(\/|$)/.exec(w.pointer);
  const cluster = final.get(w.resource);
  return !!m && w.resource.startsWith("cluster/") && !!cluster && deadThresholdIndices(cluster).has(Number(m[1]));
}

function snakeToCamelPointer(pointer: string): string {
  return pointer.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function noteWarnings(notes: readonly DecodeNote[], source: string): Warning[] {
  const out: Warning[] = [];
  for (const n of notes) {
    if (n.kind === "dropped-unknown") out.push({ code: "kuma-drops-field", message: `${source}: Kuma silently drops "${n.key}" at ${n.path || "(root)"}: the Envoy message has no such field` });
    else if (n.kind === "zero-ignored") out.push({ code: "kuma-ignores-zero", message: `${source}: ${n.path} is set to its zero value, which Kuma's proto merge ignores (use jsonPatches to zero a field)` });
  }
  return out;
}

/** Paths of zero scalars (false, 0, "") inside a parsed `value:`, outside lists (lists append whole). */
function zeroLeaves(v: Json, path: string[] = []): string[][] {
  if (v === false || v === 0 || v === "") return [path];
  if (!isJsonObject(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => (k === "@type" ? [] : zeroLeaves(x, [...path, k])));
}

function at(v: Json | undefined, path: readonly string[]): Json | undefined {
  let cur = v;
  for (const k of path) cur = isJsonObject(cur) && Object.prototype.hasOwnProperty.call(cur, k) ? cur[k] : undefined;
  return cur;
}

/**
 * A value Patch can never write a zero (google_proto.go skips unpopulated fields, and a wrapper's zero
 * inner value too): warn for each zero the patched resources did not end up holding.
 */
function ignoredZeros(kind: ModKind, value: JsonObject | undefined, matched: readonly Match[], after: ResourceSet, source: string): Warning[] {
  if (!value || (kind !== "cluster" && kind !== "listener")) return [];
  const out: Warning[] = [];
  for (const leaf of zeroLeaves(value)) {
    for (const { resource, label } of matched) {
      const r = after.find((x) => x.type === kind && x.name === resource);
      if (r && at(r.value, leaf) !== at(value, leaf))
        out.push({ code: "kuma-ignores-zero", message: `${source}: "${leaf.join(".")}: ${JSON.stringify(at(value, leaf))}" has no effect on ${label}: Kuma's proto merge skips zero values (pkg/util/proto/google_proto.go); use jsonPatches (replace) to zero a field` });
    }
  }
  return out;
}

/** The docs' example patches only the IPv4 passthrough resources: say so when the IPv6 twin exists and keeps Kuma's defaults. */
export function ipv6NotPatched(touched: ReadonlySet<string>, rs: ResourceSet): Warning[] {
  const out: Warning[] = [];
  for (const scheme of ["legacy", "unified"] as const) {
    const name = passthroughName("outbound", "ipv4", scheme);
    const v6 = passthroughName("outbound", "ipv6", scheme);
    if (!touched.has(name)) continue;
    if (rs.some((r) => r.name === v6) && !touched.has(v6))
      out.push({ code: "docs-ipv6-not-patched", message: `Modifications change ${name} but not ${v6}: IPv6 non-mesh traffic keeps the defaults (the docs' example patches only the IPv4 resources).` });
  }
  return out;
}

interface FlatMod {
  readonly policy: PolicyResource;
  readonly policyIndex: number;
  readonly kind: ModKind;
  readonly payload: ModPayload;
}

/** The hint for a cluster match that names the resource under the other naming scheme, if that is why it missed. */
function namingTwinHint(m: FlatMod, resources: ResourceSet): string | undefined {
  const name = m.payload.match?.["name"];
  if (m.kind !== "cluster" || typeof name !== "string") return undefined;
  const twin = passthroughTwin(name);
  if (!twin || !resources.some((r) => r.type === "cluster" && r.name === twin)) return undefined;
  return `no cluster is named "${name}"; this proxy uses the other naming scheme, where it is "${twin}" (cluster names have no legacy/unified equivalence in MeshProxyPatch)`;
}

function hintsFor(m: FlatMod, status: ModificationStatus, resources: ResourceSet, error: string | undefined): string[] {
  const hints: string[] = [];
  const name = m.payload.match?.["name"];
  const twinHint = status === "no-match" ? namingTwinHint(m, resources) : undefined;
  if (twinHint) hints.push(twinHint);
  else if (status === "no-match" && m.kind === "cluster" && typeof name === "string") {
    if (!resources.some((r) => r.type === "cluster" && r.name === name)) {
      const names = resources.filter((r) => r.type === "cluster").map((r) => r.name);
      hints.push(`no cluster is named "${name}"; clusters on this proxy: ${names.length > 0 ? names.join(", ") : "(none)"}`);
    }
  }
  if (status === "no-match" && (m.kind === "listener" || m.kind === "networkFilter" || m.kind === "httpFilter")) {
    const ln = m.kind === "listener" ? name : m.payload.match?.["listenerName"];
    if (typeof ln === "string" && !resources.some((r) => r.type === "listener" && (r.name === ln || passthroughTwin(ln) === r.name))) {
      const names = resources.filter((r) => r.type === "listener").map((r) => r.name);
      hints.push(`no listener is named "${ln}"; listeners on this proxy: ${names.length > 0 ? names.join(", ") : "(none)"}`);
    }
  }
  if (error && m.payload.jsonPatches) {
    for (const p of m.payload.jsonPatches) {
      if (p.path && p.path.includes("_") && snakeToCamelPointer(p.path) !== p.path)
        hints.push(`JSON patch paths use protojson camelCase names: "${p.path}" is probably "${snakeToCamelPointer(p.path)}"`);
    }
  }
  return hints;
}

function apply(resources: ResourceSet, ctx: PluginContext): PluginOutput {
  const flat: FlatMod[] = [];
  for (const policy of ctx.policies) {
    const spec = policy.spec as MeshProxyPatchSpec;
    (spec.default.appendModifications ?? []).forEach((m, policyIndex) => {
      const kind = modKind(m);
      if (kind) flat.push({ policy, policyIndex, kind, payload: m[kind] as ModPayload });
    });
  }
  let rs = resources;
  const reports: ModificationReport[] = [];
  const writes: Write[] = [];
  const warnings: Warning[] = [];
  const trace: TraceLine[] = [];
  let configError: ConfigError | undefined;
  const modWrites = new Map<number, { resource: string; pointer: string }[]>();
  const matchedResources = new Map<number, readonly string[]>();
  const namingMismatches: Warning[] = [];
  const decodeCache = new DecodeCache();

  flat.forEach((m, index) => {
    const source = `${m.policy.envelope.name}#${m.policyIndex}`;
    const base = { source, policy: m.policy.envelope.name, policyIndex: m.policyIndex, index, kind: m.kind, operation: m.payload.operation };
    if (configError) {
      reports.push({ ...base, status: "skipped", matched: [], message: `not run: Kuma stopped at modification ${configError.modification}`, hints: [] });
      return;
    }
    const parsed = parseModValue(m.kind, m.payload, ctx.yaml);
    const outcome: ModOutcome = parsed.ok
      ? dispatch(m.kind, { resources: rs, mod: m.payload, features: ctx.features, value: parsed.value, decodeCache }, ctx.features.addedClusterOrigin)
      : { resources: rs, matched: [], error: parsed.message, notes: [] };
    // Zero values only vanish in a proto merge (Patch); Add inserts the parsed value whole.
    if (parsed.ok) warnings.push(...noteWarnings(m.payload.operation === "Patch" ? parsed.notes : parsed.notes.filter((n) => n.kind !== "zero-ignored"), source));
    warnings.push(...noteWarnings(outcome.notes, source));
    if (outcome.error !== undefined) {
      const message = `could not apply policy plugin meshproxypatch: could not apply ${index} modification: ${outcome.error}`;
      configError = { plugin: "MeshProxyPatch", message, policy: m.policy.envelope.name, modification: index };
      reports.push({ ...base, status: "failed", matched: outcome.matched.map((x) => x.label), message, hints: hintsFor(m, "failed", rs, outcome.error) });
      trace.push(`MeshProxyPatch ${source} (${m.kind} ${m.payload.operation}) failed: ${outcome.error}`);
      return;
    }
    const w = writesBetween(rs, outcome.resources);
    modWrites.set(index, w);
    for (const x of w) writes.push({ resource: x.resource, pointer: x.pointer, source, seq: writes.length });
    rs = outcome.resources;
    if (parsed.ok && m.payload.operation === "Patch") warnings.push(...ignoredZeros(m.kind, parsed.value, outcome.matched, rs, source));
    const status: ModificationStatus = outcome.matched.length === 0 ? "no-match" : "applied";
    reports.push({ ...base, status, matched: outcome.matched.map((x) => x.label), hints: hintsFor(m, status, rs, undefined) });
    matchedResources.set(index, outcome.matched.map((x) => x.resource));
    const twin = status === "no-match" ? namingTwinHint(m, rs) : undefined;
    if (twin) namingMismatches.push({ code: "unified-naming-mismatch", message: `${source}: ${twin}` });
    trace.push(
      status === "no-match"
        ? `MeshProxyPatch ${source} (${m.kind} ${m.payload.operation}) matched nothing; Kuma ignores it silently`
        : listLine(`MeshProxyPatch ${source} (${m.kind} ${m.payload.operation}) changed `, outcome.matched.map((x) => x.label), "; "),
    );
  });

  // Second pass on the final config: writes Envoy never reads make a modification ineffective.
  const final = new Map(rs.map((r) => [resourceKey(r), r.value]));
  const finalReports = reports.map((r): ModificationReport => {
    const w = modWrites.get(r.index) ?? [];
    if (r.status === "applied" && w.length === 0) {
      const message = "it matched, but the config is unchanged: what it wrote was already there, or Kuma dropped it when re-reading the resource (see warnings)";
      warnings.push({ code: "ineffective-modification", message: `${r.source}: ${message}` });
      return { ...r, status: "ineffective", message };
    }
    if (r.status !== "applied") return r;
    const dead = w.filter((x) => isDeadWrite(x, final));
    if (dead.length === 0) return r;
    const reason =
      "it appends a circuit-breaker threshold after one of the same priority (Kuma 2.14 puts {trackRemaining: true} first, and value: patches append to repeated fields); Envoy reads only the first threshold per priority, so the limits stay at Envoy's defaults. Use jsonPatches (replace /circuitBreakers) instead.";
    const line = LINE_COMMITS[ctx.features.minor];
    if (line) warnings.push({ code: "release-line-unsettled", message: `${r.source}: ${line.unsettled.meshProxyPatchCircuitBreakers}` });
    if (dead.length === w.length) {
      warnings.push({ code: "ineffective-modification", message: `${r.source}: ${reason}` });
      return { ...r, status: "ineffective", message: reason };
    }
    return { ...r, hints: [...r.hints, `part of this modification is ineffective: ${reason}`] };
  });

  const touched = new Set(finalReports.filter((r) => r.status === "applied" || r.status === "ineffective").flatMap((r) => matchedResources.get(r.index) ?? []));
  warnings.push(...ipv6NotPatched(touched, configError ? resources : rs), ...namingMismatches);
  return {
    resources: configError ? resources : rs,
    warnings,
    trace,
    modifications: finalReports,
    ...(configError ? { configError } : {}),
    writes: configError ? [] : writes,
  };
}

/** Applies every selected policy's modifications in Kuma's order, reporting each. */
export const meshProxyPatchPlugin: PolicyPlugin = { apply };
