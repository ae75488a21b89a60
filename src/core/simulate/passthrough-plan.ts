/**
 * `POST /v1/passthrough-plan`: which destinations seen today would be blocked once passthrough is turned off, and a
 * MeshPassthrough that keeps exactly those working, admitted by meshsim's own checks and proven by re-simulation.
 *
 * Situations (each walked with the batch simulator's per-request walk, every destination from every dataplane):
 * - today: `resources` without the what-ifs (`patches`, `remove`): what the access logs were written under;
 * - `mesh-passthrough-off`: the what-if snapshot with Mesh `networking.outbound.passthrough: false` (not at 3.0, which
 *   removed the field: kumahq/kuma@348b6528bc UPGRADE.md "Mesh.spec.networking.outbound.passthrough removed");
 * - `matched-without-entry`: the what-if snapshot where every MeshPassthrough is `passthroughMode: Matched` (and one
 *   Mesh-wide Matched policy without entries selects every proxy), so only appendMatch entries let traffic out
 *   (kumahq/kuma@v2.14.3 pkg/plugins/policies/meshpassthrough/plugin/v1alpha1/plugin.go);
 * - proof: both at once (flag off and Matched), before and after adding the plan.
 * Pure and synchronous.
 */
import { type Violation, joinPath } from "../errors.js";
import { parseYamlStream } from "../parse/yaml.js";
import { kindExistsAt } from "../model/policy.js";
import { POLICIES } from "../policies/registry.js";
import type { Match, MeshPassthroughSpec } from "../policies/meshpassthrough/api.js";
import { validateAppendMatch } from "../policies/meshpassthrough/validator.js";
import { meshModel } from "../snapshot/mesh.js";
import type { SnapshotInput, WhatIfChanges } from "../snapshot/snapshot.js";
import { dataplaneLabel, proxyFor, type ProxyCache } from "./dataplane.js";
import { type PlanDestination, destinationLabel, readDestinations, requestOf } from "./passthrough-plan-input.js";
import { planDocuments, planName } from "./passthrough-plan-yaml.js";
import { type Prepared, prepare, whatIfField } from "./prepare.js";
import { simulateRequest } from "./request.js";
import type { RequestPart, Verdict } from "./result.js";
import type { PassthroughPlanBody } from "./schema.js";

export const SITUATIONS = ["mesh-passthrough-off", "matched-without-entry"] as const;
/** Why a destination would be blocked: the Mesh flag off, or MeshPassthrough Matched without an entry for it. */
export type Situation = (typeof SITUATIONS)[number];

/** Why a destination needs no entry. */
export type NoEntryStatus = "covered" | "in-mesh" | "not-captured" | "blocked-today";

export type DestinationOut = Omit<PlanDestination, "input"> & { readonly input: string };

export interface BlockedDestination {
  readonly destination: DestinationOut;
  readonly situations: readonly Situation[];
  /** The dataplanes it would be blocked from. */
  readonly dataplanes: readonly string[];
  /** What Envoy does to it (one walk's reason when both situations block it alike, else each situation's). */
  readonly reason: string;
  /** The plan's entry for it; null when none can be written (the reason says why). */
  readonly entry: Match | null;
}

export interface NotNeededDestination {
  readonly destination: DestinationOut;
  readonly status: NoEntryStatus;
  readonly dataplanes: readonly string[];
  readonly why: string;
}

export interface ProofRow {
  readonly destination: DestinationOut;
  readonly dataplane: string;
  /** Flag off (where the release has it) and every MeshPassthrough Matched, without the plan. */
  readonly before: Verdict;
  /** The same with the plan. */
  readonly after: Verdict;
  /** Whether `after` is today's verdict (passthrough stays passthrough, in-mesh stays in-mesh). */
  readonly kept: boolean;
  readonly reason: string;
}

export interface PlannedMeshPassthrough {
  readonly name: string;
  readonly meshes: readonly string[];
  readonly entries: number;
  /** Universal YAML, one document per mesh. */
  readonly universal: string;
  /** Kubernetes YAML (namespace kuma-system), one document per mesh. */
  readonly kubernetes: string;
  /** meshsim's admission checks: the MeshPassthrough validator and the snapshot builder, on both forms. */
  readonly admission: { readonly passed: boolean; readonly errors: readonly Violation[] };
}

export interface PassthroughPlanSummary {
  readonly destinations: number;
  readonly dataplanes: number;
  readonly blocked: number;
  readonly notNeeded: number;
  /** Proof rows whose verdict the plan does not keep (plus destinations no entry can be written for). */
  readonly stillBlocked: number;
  /** A plan exists, is admitted, and keeps every destination: passthrough can be turned off safely with it. */
  readonly covered: boolean;
}

export interface PassthroughPlanResult {
  readonly kumaVersion: string;
  readonly dataplanes: readonly string[];
  /** Whether the release reads Mesh `networking.outbound.passthrough` (removed at 3.0). */
  readonly meshFlag: "read" | "removed";
  readonly blocked: readonly BlockedDestination[];
  readonly notNeeded: readonly NotNeededDestination[];
  /** Absent before 2.8 (no MeshPassthrough kind): `alternatives` says what to do instead. */
  readonly meshPassthrough?: PlannedMeshPassthrough;
  readonly proof: readonly ProofRow[];
  readonly alternatives?: readonly string[];
  readonly summary: PassthroughPlanSummary;
  /** Everything that keeps the plan from covering every destination, in words. Empty when covered. */
  readonly problems: readonly string[];
  readonly notes: readonly string[];
  readonly assumptions: readonly string[];
  readonly whatIf?: WhatIfChanges;
}

export type PassthroughPlanOutcome = { readonly ok: true; readonly result: PassthroughPlanResult } | { readonly ok: false; readonly errors: readonly Violation[] };

const MESH_PASSTHROUGH = POLICIES.find((p) => p.kind === "MeshPassthrough")!;

/** Kuma's alternatives before MeshPassthrough, with their sources. */
export const PRE_2_8_ALTERNATIVES: readonly string[] = [
  "Declare each destination as an ExternalService (kumahq/kuma@v2.7.29 api/mesh/v1alpha1/externalservice.proto: networking.address host:port, optional tls): its traffic goes through its own outbound listener and cluster, not the passthrough cluster, so it keeps working with passthrough off; the application must call it by that host (Kuma DNS gives it a VIP) and MeshTrafficPermission/TrafficPermission must allow it.",
  "Keep Mesh networking.outbound.passthrough true (kumahq/kuma@v2.7.29 api/mesh/v1alpha1/mesh.proto Networking.Outbound.passthrough, default true): nothing is blocked.",
  "Upgrade to Kuma 2.8 or newer and ask again: MeshPassthrough (kumahq/kuma commit 93c7b39cd2, #10314) lets out exactly the listed destinations.",
];

/** One walk of every request of a situation: its part per (destination, dataplane), in request order. */
type Walked = ({ part: RequestPart; dataplane: string; policies: readonly string[] } | undefined)[];

interface Probe {
  readonly d: PlanDestination;
  readonly from: string | undefined;
}

function walk(p: Prepared, probes: readonly Probe[]): { walked: Walked } | { errors: Violation[] } {
  const cache: ProxyCache = new Map();
  const walked: Walked = [];
  const errors: Violation[] = [];
  for (const probe of probes) {
    const out = simulateRequest(p, requestOf(probe.d, probe.from), probe.d.input, cache);
    if (!out.ok) {
      errors.push(...out.errors.map((e) => ({ ...e, path: e.path.replace(/\.to(?=\.|$)/, "") })));
      walked.push(undefined);
      continue;
    }
    const policies = out.proxy.policies.filter((x) => x.kind === "MeshPassthrough").map((x) => x.name);
    walked.push({ part: out.part, dataplane: dataplaneLabel(out.proxy.dataplane, p.snapshot.dataplanes), policies });
  }
  return errors.length > 0 ? { errors: errors.slice(0, 20) } : { walked };
}

/** The snapshot with Mesh `networking.outbound.passthrough: false` on every mesh a dataplane of it uses. */
function meshFlagOff(p: Prepared, meshes: readonly string[]): Prepared {
  const out = new Map(p.snapshot.meshes);
  for (const m of meshes) if (!out.has(m)) out.set(m, meshModel(m, {}));
  for (const [name, m] of out) out.set(name, { ...m, passthrough: false });
  return { ...p, snapshot: { ...p.snapshot, meshes: out } };
}

/** The snapshot with every MeshPassthrough in `passthroughMode: Matched`, its entries kept. */
function allMatched(p: Prepared): Prepared {
  const policies = p.snapshot.policies.map((x) => {
    if (x.kind !== "MeshPassthrough") return x;
    const spec = x.spec as MeshPassthroughSpec;
    return { ...x, spec: { ...spec, default: { ...spec.default, passthroughMode: "Matched" } } };
  });
  return { ...p, snapshot: { ...p.snapshot, policies } };
}

/** The body's what-ifs with `extra` resources added after them (same forms the snapshot reader accepts). */
function withPatches(patches: PassthroughPlanBody["patches"], extra: readonly unknown[]): PassthroughPlanBody["patches"] {
  return joined(patches, extra) as PassthroughPlanBody["patches"];
}

function joined(patches: SnapshotInput, extra: readonly unknown[]): SnapshotInput {
  if (patches === undefined) return extra;
  if (Array.isArray(patches)) return [...patches, ...extra];
  if (typeof patches === "string") {
    // Already read once by prepare(body), so it parses.
    const docs = parseYamlStream(patches, "patches");
    return [...(docs.ok ? docs.value : []), ...extra];
  }
  return [patches, ...extra];
}

const blockedVerdict = (v: Verdict) => v === "blocked" || v === "config-error";

/** The appendMatch entry that lets `d` out, or why none can be written. */
export function entryFor(d: PlanDestination): { entry: Match } | { error: string } {
  if (d.protocol === "tcp") {
    // validator.go rule: "protocol tcp is not supported for a domain"; a tcp entry matches by address only.
    if (d.ip === undefined)
      return { error: `${destinationLabel(d)} is tcp with only a hostname: MeshPassthrough matches tcp by IP or CIDR only (Kuma refuses a Domain entry with protocol tcp, meshpassthrough validator.go); give the address it connects to as \`ip\`` };
    return { entry: { type: "IP", value: d.ip, port: d.port, protocol: "tcp" } };
  }
  if (d.host !== undefined) return { entry: { type: "Domain", value: d.host, port: d.port, protocol: d.protocol } };
  return { entry: { type: "IP", value: d.ip!, port: d.port, protocol: d.protocol } };
}

const entryKey = (m: Match) => `${m.type}|${m.value}|${m.port ?? ""}|${m.protocol ?? "tcp"}`;

function outOf(d: PlanDestination): DestinationOut {
  return d;
}

/** Groups (destination index → dataplanes) keeping first-seen order. */
function groupBy<T>(items: readonly { i: number; dp: string; value: T }[], key: (v: T) => string): { i: number; value: T; dataplanes: string[] }[] {
  const out = new Map<string, { i: number; value: T; dataplanes: string[] }>();
  for (const it of items) {
    const k = `${it.i}|${key(it.value)}`;
    const g = out.get(k);
    if (g) g.dataplanes.push(it.dp);
    else out.set(k, { i: it.i, value: it.value, dataplanes: [it.dp] });
  }
  return [...out.values()];
}

export function planPassthrough(body: PassthroughPlanBody): PassthroughPlanOutcome {
  const read = readDestinations(body.destinations);
  if ("errors" in read) return { ok: false, errors: read.errors };
  const destinations = read.destinations;
  // The what-if snapshot first: its errors are the caller's, with the caller's paths.
  const whatIf = prepare(body);
  if ("errors" in whatIf) return { ok: false, errors: whatIf.errors };
  const p = whatIf.prepared;
  const todayPrep = prepare({ ...body, patches: undefined, remove: undefined });
  if ("errors" in todayPrep) return { ok: false, errors: todayPrep.errors };

  // Source dataplanes: `from`, else every dataplane, else the default sidecar.
  const cache: ProxyCache = new Map();
  const sources: (string | undefined)[] = body.from !== undefined ? [body.from] : p.snapshot.dataplanes.length > 0 ? p.snapshot.dataplanes.map((d) => dataplaneLabel(d, p.snapshot.dataplanes)) : [undefined];
  const labels: string[] = [];
  const meshes: string[] = [];
  const meshOf = new Map<string, string>();
  for (const from of sources) {
    const got = proxyFor(p, from, "from", cache);
    if ("error" in got) return { ok: false, errors: [got.error] };
    const label = dataplaneLabel(got.proxy.dataplane, p.snapshot.dataplanes);
    labels.push(label);
    meshOf.set(label, got.proxy.dataplane.mesh);
    if (!meshes.includes(got.proxy.dataplane.mesh)) meshes.push(got.proxy.dataplane.mesh);
  }
  const probes: Probe[] = destinations.flatMap((d) => sources.map((from) => ({ d, from })));
  const indexOf = (k: number) => Math.floor(k / sources.length);

  const hasKind = kindExistsAt(MESH_PASSTHROUGH, p.release);
  const flagRead = p.features.meshPassthroughField;
  const today = walk(todayPrep.prepared, probes);
  if ("errors" in today) return { ok: false, errors: today.errors };
  const off = flagRead ? walk(meshFlagOff(p, meshes), probes) : undefined;
  if (off && "errors" in off) return { ok: false, errors: off.errors };

  // The plan's name must not replace a MeshPassthrough of the snapshot.
  const name = planName(p.snapshot.policies.filter((x) => x.kind === "MeshPassthrough").map((x) => x.envelope.name));
  let matched: Walked | undefined;
  let before: Walked | undefined;
  if (hasKind) {
    const empty = prepare({ ...body, patches: withPatches(body.patches, planDocuments(name, meshes.map((m) => ({ mesh: m, entries: [] }))).universal) });
    if ("errors" in empty) return { ok: false, errors: empty.errors };
    const m = walk(allMatched(empty.prepared), probes);
    if ("errors" in m) return { ok: false, errors: m.errors };
    matched = m.walked;
    const b = walk(flagRead ? meshFlagOff(allMatched(empty.prepared), meshes) : allMatched(empty.prepared), probes);
    if ("errors" in b) return { ok: false, errors: b.errors };
    before = b.walked;
  }

  // Classify every (destination, dataplane).
  const needs: { i: number; dp: string; value: { situations: Situation[]; reason: string } }[] = [];
  const fine: { i: number; dp: string; value: { status: NoEntryStatus; why: string } }[] = [];
  today.walked.forEach((t, k) => {
    const i = indexOf(k);
    const w = t!;
    const dp = w.dataplane;
    switch (w.part.verdict) {
      case "mesh":
        fine.push({ i, dp, value: { status: "in-mesh", why: `${w.part.reason.message}: traffic to an in-mesh destination (MeshService, MeshExternalService, ExternalService, a Dataplane outbound) does not use the passthrough cluster` } });
        return;
      case "direct":
        fine.push({ i, dp, value: { status: "not-captured", why: `${w.part.reason.message}: the sidecar never sees it, so passthrough settings do not apply` } });
        return;
      case "passthrough":
        break;
      default:
        fine.push({ i, dp, value: { status: "blocked-today", why: `already ${w.part.verdict} today: ${w.part.reason.message}; the plan does not open it` } });
        return;
    }
    const situations: Situation[] = [];
    const reasons: string[] = [];
    const o = off?.walked[k];
    if (o && blockedVerdict(o.part.verdict)) {
      situations.push("mesh-passthrough-off");
      reasons.push(`with Mesh networking.outbound.passthrough false: ${o.part.reason.message}`);
    }
    const m = matched?.[k];
    if (m && blockedVerdict(m.part.verdict)) {
      situations.push("matched-without-entry");
      reasons.push(`with passthroughMode Matched and no entry for it: ${m.part.reason.message}`);
    }
    // One reason when both situations block it the same way.
    const same = o && m && situations.length === 2 && o.part.reason.message === m.part.reason.message;
    const reason = same ? o.part.reason.message : reasons.join("; ");
    if (situations.length > 0) needs.push({ i, dp, value: { situations, reason } });
    else {
      const by = (m ?? o)?.policies.filter((x) => x !== name) ?? [];
      fine.push({
        i,
        dp,
        value: {
          status: "covered",
          why: by.length > 0 ? `an appendMatch entry of the existing MeshPassthrough ${by.join(", ")} lets it out (cluster ${(m ?? o)?.part.cluster?.name ?? "?"})` : `still ${(m ?? o)?.part.verdict ?? "passthrough"} without passthrough: ${(m ?? o)?.part.reason.message ?? ""}`,
        },
      });
    }
  });

  const problems: string[] = [];
  const blocked: BlockedDestination[] = groupBy(needs, (v) => `${v.situations.join(",")}`).map((g) => {
    const d = destinations[g.i]!;
    const e = hasKind ? entryFor(d) : undefined;
    if (e && "error" in e) problems.push(`${d.input}: ${e.error}`);
    return { destination: outOf(d), situations: g.value.situations, dataplanes: g.dataplanes, reason: g.value.reason, entry: e && "entry" in e ? e.entry : null };
  });
  const notNeeded: NotNeededDestination[] = groupBy(fine, (v) => v.status).map((g) => ({ destination: outOf(destinations[g.i]!), status: g.value.status, dataplanes: g.dataplanes, why: g.value.why }));

  const notes: string[] = [];
  if (!flagRead)
    notes.push(
      `Kuma ${p.label} removed Mesh networking.outbound.passthrough (kumahq/kuma@348b6528bc UPGRADE.md "Mesh.spec.networking.outbound.passthrough removed"; the field is accepted and ignored): only MeshPassthrough decides, so only the matched-without-entry situation applies. A proxy no MeshPassthrough selects lets external traffic out at that commit (docs/fidelity.md "Kuma 3.0")`,
    );
  const assumptions = [...p.assumptions, "today is `resources` without `patches` and `remove`; the situations and the proof are the what-if snapshot (with them)"];

  // What every answer holds, in field order; `parts` sets the plan, proof and alternatives, `tally` the summary's end.
  const answer = (parts: Pick<PassthroughPlanResult, "proof"> & Partial<Pick<PassthroughPlanResult, "meshPassthrough" | "alternatives">>, tally: { stillBlocked: number; covered: boolean }) => ({
    ok: true as const,
    result: {
      kumaVersion: p.label,
      dataplanes: labels,
      meshFlag: flagRead ? ("read" as const) : ("removed" as const),
      blocked,
      notNeeded,
      ...(parts.meshPassthrough ? { meshPassthrough: parts.meshPassthrough } : {}),
      proof: parts.proof,
      ...(parts.alternatives ? { alternatives: parts.alternatives } : {}),
      summary: { destinations: destinations.length, dataplanes: labels.length, blocked: blocked.length, notNeeded: notNeeded.length, ...tally },
      problems,
      notes,
      assumptions,
      ...whatIfField(p.snapshot),
    },
  });

  if (!hasKind) {
    problems.push(`Kuma ${p.label} has no MeshPassthrough (it arrives in ${MESH_PASSTHROUGH.since}): no plan can be written; see alternatives`);
    return answer({ proof: [], alternatives: PRE_2_8_ALTERNATIVES }, { stillBlocked: blocked.length, covered: false });
  }

  // The plan: one entry per blocked destination (once per mesh whose dataplanes need it), in input order.
  const perMesh = meshes.map((mesh) => {
    const seen = new Set<string>();
    const entries: Match[] = [];
    for (const b of blocked) {
      if (b.entry === null || !b.dataplanes.some((dp) => meshOf.get(dp) === mesh)) continue;
      const k = entryKey(b.entry);
      if (!seen.has(k)) {
        seen.add(k);
        entries.push(b.entry);
      }
    }
    return { mesh, entries };
  });
  const docs = planDocuments(name, perMesh);
  const admissionErrors: Violation[] = perMesh.flatMap((m, i) => validateAppendMatch(m.entries, joinPath("meshPassthrough", i, "spec", "default", "appendMatch")));
  // The snapshot builder on both forms, as YAML text: what it refuses, Kuma's admission refuses.
  const forms = { universal: docs.universalYaml, kubernetes: docs.kubernetesYaml };
  let planned: Prepared | undefined;
  for (const [form, text] of Object.entries(forms) as ["universal" | "kubernetes", string][]) {
    const parsed = parseYamlStream(text, `meshPassthrough.${form}`);
    if (!parsed.ok) {
      admissionErrors.push(...parsed.errors);
      continue;
    }
    const built = prepare({ ...body, patches: withPatches(body.patches, parsed.value) });
    if ("errors" in built) admissionErrors.push(...built.errors.map((e) => ({ path: `meshPassthrough.${form}: ${e.path}`, message: e.message })));
    else if (form === "universal") planned = built.prepared;
  }
  const admission = { passed: admissionErrors.length === 0, errors: admissionErrors.slice(0, 20) };
  if (!admission.passed) problems.push(`meshsim's admission checks refuse the plan: ${admission.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);

  // Proof: every destination that works today, from every dataplane, with the flag off, every MeshPassthrough Matched, and the plan.
  const proof: ProofRow[] = [];
  if (planned) {
    const after = walk(flagRead ? meshFlagOff(allMatched(planned), meshes) : allMatched(planned), probes);
    if ("errors" in after) return { ok: false, errors: after.errors };
    today.walked.forEach((t, k) => {
      const v = t!.part.verdict;
      if (v !== "passthrough" && v !== "mesh" && v !== "direct") return;
      const a = after.walked[k]!;
      const row: ProofRow = { destination: outOf(destinations[indexOf(k)]!), dataplane: t!.dataplane, before: before![k]!.part.verdict, after: a.part.verdict, kept: a.part.verdict === v, reason: a.part.reason.message };
      proof.push(row);
      if (!row.kept) problems.push(`${row.destination.input} (${destinationLabel(row.destination)}) from ${row.dataplane}: ${v} today, ${row.after} with the plan: ${row.reason}`);
    });
  }
  const stillBlocked = proof.filter((r) => !r.kept).length + blocked.filter((b) => b.entry === null).length;
  const covered = admission.passed && planned !== undefined && stillBlocked === 0;
  const meshPassthrough: PlannedMeshPassthrough = { name, meshes, entries: perMesh.reduce((n, m) => n + m.entries.length, 0), universal: docs.universalYaml, kubernetes: docs.kubernetesYaml, admission };
  if (perMesh.some((m) => m.entries.length === 0))
    notes.push(`a plan without entries (mesh ${perMesh.filter((m) => m.entries.length === 0).map((m) => m.mesh).join(", ")}) only sets passthroughMode Matched: nothing listed needs an entry there`);
  const nonMatched = p.snapshot.policies.filter((x) => x.kind === "MeshPassthrough" && ((x.spec as MeshPassthroughSpec).default?.passthroughMode ?? "Matched") !== "Matched");
  if (nonMatched.length > 0)
    notes.push(
      `MeshPassthrough ${nonMatched.map((x) => `${x.envelope.name} (passthroughMode ${(x.spec as MeshPassthroughSpec).default?.passthroughMode})`).join(", ")} sets another mode: the proof assumes Matched everywhere; where such a policy is more specific than the plan (targetRef Mesh) its mode wins`,
    );
  return answer({ meshPassthrough, proof }, { stillBlocked, covered });
}
