/**
 * ProxyTemplate `conf.modifications` (kuma `pkg/xds/generator/modifications/v3/*.go`, identical in behaviour from
 * 2.5.0 to v2.14.3): applied in order after the whole generation (profiles, raw resources, policy plugins and the
 * ResourceSet hooks: kuma `pkg/xds/server/v3/reconcile.go` GenerateSnapshot), each seeing the previous result; the
 * first error stops the snapshot for the proxy ("could not apply modifications: could not apply N modification: ...").
 *
 * The five operations are MeshProxyPatch's legacy-style modifications (meshsim's `meshproxypatch/mods`), with
 * these differences, all from the two Kuma sources at every supported tag:
 * - operations are lower-camel (`patch`, `addFirst`), there are no `jsonPatches`;
 * - an empty match field is no condition (`GetName() != ""`), where MeshProxyPatch compares a set pointer;
 * - listener names match exactly: MeshProxyPatch's legacy/unified listener-name equivalence is not in
 *   modifications/v3 (not even at v2.14.3);
 * - `value` is parsed for every operation, `remove` included (an unparsable one fails at apply time);
 * - added clusters and listeners get origin `proxy-template-modifications` in every release.
 */
import { assertNever } from "../../assert.js";
import { isJsonObject, type JsonObject } from "../../json.js";
import type { ModKind, ModificationReport, ModificationStatus } from "../../model/modification.js";
import type { PolicyResource } from "../../model/policy.js";
import type { VersionFeatures } from "../../model/versions.js";
import { parseEnvoyYaml } from "../../patch/proto-json.js";
import type { Warning } from "../../warnings.js";
import { ORIGIN, passthroughTwin } from "../../xds/names.js";
import { resourceKey, type Write } from "../../xds/provenance.js";
import type { ResourceSet } from "../../xds/resource-set.js";
import type { ModPayload } from "../meshproxypatch/api.js";
import type { ModInput, ModOutcome } from "../meshproxypatch/mods/common.js";
import { applyHttpFilterMod, applyNetworkFilterMod } from "../meshproxypatch/mods/filters.js";
import { applyResourceMod } from "../meshproxypatch/mods/resource.js";
import { applyVirtualHostMod } from "../meshproxypatch/mods/virtual-host.js";
import { deadThresholdIndices, ipv6NotPatched, writesBetween } from "../meshproxypatch/plugin.js";
import { VALUE_MESSAGE } from "../meshproxypatch/validator.js";
import { modKinds, type ProxyTemplateSpec, type PtModPayload } from "./api.js";
import { listLine, type TraceLine } from "../../model/trace-line.js";

/** What applying a ProxyTemplate's modifications did. */
export interface TemplateModsOutput {
  /** The config after the modifications; the input unchanged when one failed (Kuma produces no snapshot). */
  readonly resources: ResourceSet;
  readonly modifications: readonly ModificationReport[];
  readonly writes: readonly Write[];
  readonly warnings: readonly Warning[];
  readonly trace: readonly TraceLine[];
  /** Kuma's error when a modification failed. */
  readonly error?: { readonly message: string; readonly index: number };
}

/** `patch` → `Patch`, `addFirst` → `AddFirst`: the operation names meshsim's shared modification code reads. */
function sharedOperation(op: string): string {
  return op.length === 0 ? op : op[0]!.toUpperCase() + op.slice(1);
}

/** The payload as the shared code reads it: Go's `GetX() != ""` makes an empty match field no condition. */
function sharedPayload(p: PtModPayload): ModPayload {
  const match: Record<string, string | Record<string, string>> = {};
  for (const [k, v] of Object.entries(p.match ?? {})) {
    if (v === undefined || v === "") continue;
    if (typeof v === "object" && Object.keys(v).length === 0) continue;
    match[k] = v as string | Record<string, string>;
  }
  return { operation: sharedOperation(p.operation ?? ""), ...(p.value !== undefined ? { value: p.value } : {}), match } as ModPayload;
}

function dispatch(kind: ModKind, input: ModInput): ModOutcome {
  switch (kind) {
    case "cluster":
      return applyResourceMod("cluster", input, ORIGIN.proxyTemplateModifications);
    case "listener":
      return applyResourceMod("listener", input, ORIGIN.proxyTemplateModifications);
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

/** A passthrough name that exists on this proxy only under the other naming scheme (legacy vs unified), if that is why it missed. */
function namingTwin(kind: ModKind, payload: ModPayload, rs: ResourceSet): string | undefined {
  const m = payload.match ?? {};
  const type = kind === "cluster" ? "cluster" : "listener";
  const name = kind === "cluster" || kind === "listener" ? m["name"] : kind === "virtualHost" ? undefined : m["listenerName"];
  if (typeof name !== "string") return undefined;
  const twin = passthroughTwin(name);
  if (!twin || rs.some((r) => r.type === type && r.name === name) || !rs.some((r) => r.type === type && r.name === twin)) return undefined;
  return `no ${type} is named "${name}"; this proxy uses the other naming scheme, where it is "${twin}" (ProxyTemplate has no legacy/unified name equivalence in any release)`;
}

function noMatchHints(kind: ModKind, payload: ModPayload, rs: ResourceSet): string[] {
  const twin = namingTwin(kind, payload, rs);
  if (twin) return [twin];
  const m = payload.match ?? {};
  const names = (t: "cluster" | "listener") => rs.filter((r) => r.type === t).map((r) => r.name);
  if (kind === "cluster" && typeof m["name"] === "string" && !rs.some((r) => r.type === "cluster" && r.name === m["name"]))
    return [`no cluster is named "${m["name"]}"; clusters on this proxy: ${names("cluster").join(", ") || "(none)"}`];
  const ln = kind === "listener" ? m["name"] : kind === "networkFilter" || kind === "httpFilter" ? m["listenerName"] : undefined;
  if (typeof ln === "string" && !rs.some((r) => r.type === "listener" && r.name === ln))
    return [`no listener is named "${ln}" (ProxyTemplate compares listener names exactly); listeners on this proxy: ${names("listener").join(", ") || "(none)"}`];
  return [];
}

const deadWrite = (w: { resource: string; pointer: string }, final: ReadonlyMap<string, JsonObject>) => {
  const m = /^\/circuitBreakers\/thresholds\/(\d+)(\/|$)/.exec(w.pointer);
  const cluster = final.get(w.resource);
  return !!m && w.resource.startsWith("cluster/") && !!cluster && deadThresholdIndices(cluster).has(Number(m[1]));
};

// kumahq/kuma@v2.14.3 pkg/xds/generator/modifications/v3/modifications.go Apply
/** Applies the selected template's modifications to the generated config, reporting each (`<template>#<index>`). */
export function applyTemplateModifications(resources: ResourceSet, template: PolicyResource, features: VersionFeatures): TemplateModsOutput {
  const spec = template.spec as ProxyTemplateSpec;
  const name = template.envelope.name;
  // modifications/v3 has no legacy/unified listener-name equivalence in any release.
  const f: VersionFeatures = { ...features, listenerNameEquivalence: false };
  let rs = resources;
  const reports: ModificationReport[] = [];
  const writes: Write[] = [];
  const warnings: Warning[] = [];
  const trace: TraceLine[] = [];
  const modWrites = new Map<number, { resource: string; pointer: string }[]>();
  const matchedResources = new Map<number, readonly string[]>();
  let error: { message: string; index: number } | undefined;

  (spec.conf?.modifications ?? []).forEach((m, index) => {
    const kind = modKinds(m)[0];
    const source = `${name}#${index}`;
    const payload = kind ? (m[kind] as PtModPayload) : {};
    const base = { source, policy: name, policyIndex: index, index, kind: kind ?? "cluster", operation: payload.operation ?? "" };
    if (error) {
      reports.push({ ...base, status: "skipped", matched: [], message: `not run: Kuma stopped at modification ${error.index}`, hints: [] });
      return;
    }
    const fail = (reason: string, matched: readonly string[] = []) => {
      const message = `could not apply modifications: could not apply ${index} modification: ${reason}`;
      error = { message, index };
      reports.push({ ...base, status: "failed", matched, message, hints: [] });
      trace.push(`ProxyTemplate ${source} failed: ${reason}`);
    };
    if (!kind) return fail("invalid modification type <nil>");
    // Every modificator parses its value first, whatever the operation (util_proto.FromYAML of "" is an empty message).
    // util_proto.FromYAML has no JSON fallback (the validator has): text that is not YAML fails here. The YAML
    // error text is meshsim's parser's, not go-yaml's.
    const parsed = parseEnvoyYaml(payload.value ?? "", VALUE_MESSAGE[kind], "value");
    if (!parsed.ok) return fail(parsed.yamlErrors ? `error converting YAML to JSON: ${parsed.yamlErrors.map((e) => e.message).join("; ")}` : parsed.message);
    const notYaml = parsed.notes.find((n) => n.kind === "yaml-json-fallback");
    if (notYaml && notYaml.kind === "yaml-json-fallback") return fail(`error converting YAML to JSON: ${notYaml.message}`);
    const shared = sharedPayload(payload);
    const value = isJsonObject(parsed.value) ? parsed.value : {};
    const outcome = dispatch(kind, { resources: rs, mod: shared, features: f, value });
    if (outcome.error !== undefined) return fail(outcome.error, outcome.matched.map((x) => x.label));
    const w = writesBetween(rs, outcome.resources);
    modWrites.set(index, w);
    for (const x of w) writes.push({ resource: x.resource, pointer: x.pointer, source, seq: writes.length });
    rs = outcome.resources;
    const status: ModificationStatus = outcome.matched.length === 0 ? "no-match" : "applied";
    reports.push({ ...base, status, matched: outcome.matched.map((x) => x.label), hints: status === "no-match" ? noMatchHints(kind, shared, rs) : [] });
    const twin = status === "no-match" ? namingTwin(kind, shared, rs) : undefined;
    if (twin) warnings.push({ code: "unified-naming-mismatch", message: `${source}: ${twin}` });
    matchedResources.set(index, outcome.matched.map((x) => x.resource));
    trace.push(
      status === "no-match"
        ? `ProxyTemplate ${source} (${kind} ${payload.operation}) matched nothing; Kuma ignores it silently`
        : listLine(`ProxyTemplate ${source} (${kind} ${payload.operation}) changed `, outcome.matched.map((x) => x.label), "; "),
    );
  });

  // As for MeshProxyPatch: a match that changed nothing, or only thresholds Envoy never reads, is ineffective.
  const final = new Map(rs.map((r) => [resourceKey(r), r.value]));
  const finalReports = reports.map((r): ModificationReport => {
    if (r.status !== "applied") return r;
    const w = modWrites.get(r.index) ?? [];
    if (w.length === 0) {
      const message = "it matched, but the config is unchanged: what it wrote was already there, or Kuma's proto merge dropped it (zero values, unknown fields)";
      warnings.push({ code: "ineffective-modification", message: `${r.source}: ${message}` });
      return { ...r, status: "ineffective", message };
    }
    if (w.every((x) => deadWrite(x, final))) {
      const message = "it appends a circuit-breaker threshold after one of the same priority; Envoy reads only the first threshold per priority";
      warnings.push({ code: "ineffective-modification", message: `${r.source}: ${message}` });
      return { ...r, status: "ineffective", message };
    }
    return r;
  });
  if (error) return { resources, modifications: finalReports, writes: [], warnings, trace, error };
  // The docs' examples patch only the IPv4 passthrough resources: say so when the IPv6 twin keeps Kuma's defaults.
  const touched = new Set(finalReports.filter((r) => r.status === "applied" || r.status === "ineffective").flatMap((r) => matchedResources.get(r.index) ?? []));
  warnings.push(...ipv6NotPatched(touched, rs));
  return { resources: rs, modifications: finalReports, writes, warnings, trace };
}
