/**
 * Expectations a CI job attaches to a batch request: each named field of the result must hold the
 * expected value, the modifications that select the request's dataplane must have the expected status,
 * and the named warnings must be present or absent. A batch's `failOn` turns every modification status
 * or warning code it lists into a failure of each request that meets it, without an expectation per
 * request. Failures say which field, what was expected and what came out; those about a modification
 * or a warning also carry its message (and a modification's hints: what to do about it).
 */
import * as z from "zod";
import { MODIFICATION_STATUSES, type ModificationReport, type ModificationStatus } from "../model/modification.js";
import { WARNING_CODES, type Warning, type WarningCode } from "../warnings.js";
import type { DataplanePart, ExpectationFailure, ExpectationOutcome, RequestPart, Verdict } from "./result.js";

const limitValue = z.union([z.string().max(64), z.number()]);

/** The key of `expect.modifications` that stands for every modification of the request's dataplane. */
export const ANY_MODIFICATION = "*";

/** `<policy name>#<index in its appendModifications>` (a modification's `source`), or `*`. */
const MODIFICATION_KEY = /^(\*|[^#]+#[0-9]+)$/;

/** The modification statuses `failOn` takes: every one but `applied`. */
const FAILING_STATUSES = ["no-match", "ineffective", "failed", "skipped", "rejected"] as const satisfies readonly ModificationStatus[];
// Compile-time check: a new status must be added above (or be `applied`).
const everyStatusListed: [Exclude<ModificationStatus, "applied" | (typeof FAILING_STATUSES)[number]>] extends [never] ? true : never = true;

/** What `failOn` takes: any modification status except `applied`, or any warning code. */
export const FAIL_ON = [...FAILING_STATUSES, ...WARNING_CODES] as const;
export type FailOn = (typeof FAIL_ON)[number];

const warningCodeList = z.array(z.enum(WARNING_CODES)).max(WARNING_CODES.length);

/** Every verdict an answer can give, outbound and inbound (`accepted`), so a batch can expect any of them. */
const VERDICTS = ["passthrough", "blocked", "mesh", "direct", "accepted", "config-error"] as const satisfies readonly Verdict[];
// Compile-time check: a new verdict must be listed above.
const everyVerdictListed: [Exclude<Verdict, (typeof VERDICTS)[number]>] extends [never] ? true : never = true;

export const ExpectationSchema = z.strictObject({
  verdict: z.enum(VERDICTS).optional(),
  reason: z.string().max(64).optional().describe("reason.code"),
  listener: z.string().max(253).optional().describe("listener.name"),
  cluster: z.string().max(253).optional().describe("cluster.name"),
  limits: z
    .strictObject({
      connectTimeout: limitValue.optional(),
      idleTimeout: limitValue.optional(),
      routeTimeout: limitValue.optional(),
      streamIdleTimeout: limitValue.optional(),
      circuitBreakers: z
        .strictObject({ maxConnections: z.number().optional(), maxPendingRequests: z.number().optional(), maxRequests: z.number().optional(), maxRetries: z.number().optional() })
        .optional(),
    })
    .optional(),
  modifications: z
    .record(z.string().max(300).regex(MODIFICATION_KEY, 'a modification source "<policy>#<index>" or "*"'), z.enum(MODIFICATION_STATUSES))
    .optional()
    .describe(
      'The status each modification that selects the request\'s dataplane must have, by source ("<policy>#<index>", as in `modifications[].source`); "*" stands for every one of them not named on its own (and holds when there is none). A named source that does not select the dataplane fails.',
    ),
  warnings: z
    .strictObject({
      present: warningCodeList.optional().describe("Codes the request's warnings (its own and its dataplane's) must include."),
      absent: warningCodeList.optional().describe("Codes the request's warnings (its own and its dataplane's) must not include."),
    })
    .superRefine((w, ctx) => {
      for (const code of w.present ?? []) if (w.absent?.includes(code)) ctx.addIssue({ code: "custom", path: ["absent"], message: `${code} cannot be both present and absent` });
    })
    .optional()
    .describe("Warning codes that must be present among, or absent from, the request's warnings (its own and its dataplane's: what /v1/simulate answers as `warnings`)."),
});
export type Expectation = z.infer<typeof ExpectationSchema>;

/** What each status means, for a modification that carries no message of its own. */
const STATUS_MEANING: Readonly<Record<ModificationStatus, string>> = {
  applied: "it changed the config and Envoy reads what it changed",
  "no-match": "its match selected nothing on this proxy, and Kuma ignores it silently",
  ineffective: "it changed the config only where Envoy never reads",
  failed: "it made Kuma's generation fail; the proxy keeps its previous config",
  skipped: "it never ran: an earlier modification failed and Kuma stopped there",
  rejected: "it changed a listener or cluster Envoy rejects, so Envoy keeps the version it had",
};

const about = (m: ModificationReport) => `${m.source} (${m.kind} ${m.operation}) is ${m.status}`;
const why = (m: ModificationReport) => m.message ?? STATUS_MEANING[m.status];

function modificationFailure(m: ModificationReport, field: string, expected: ModificationStatus | null, message: string): ExpectationFailure {
  return { field, expected, actual: m.status, source: m.source, message, hints: m.hints };
}

function warningFailure(field: string, expected: string | null, actual: string | null, code: WarningCode, message: string): ExpectationFailure {
  return { field, expected, actual, code, message };
}

/**
 * Checks one batch request's result against its expectation and the batch's `failOn`.
 * `shared` is what the request's dataplane shares with its other requests: the modifications that select
 * it and its generation warnings (the request's warnings are those plus `r.warnings`, as `/v1/simulate`
 * answers them). An expectation that names a modification (by source or `*`) or a warning code decides
 * it for this request: `failOn` does not add a second failure about it.
 */
export function checkExpectation(r: RequestPart, shared: Pick<DataplanePart, "modifications" | "warnings">, e: Expectation, failOn: readonly FailOn[] = []): ExpectationOutcome {
  const failures: ExpectationFailure[] = [];
  const check = (field: string, expected: string | number | undefined, actual: string | number | null | undefined) => {
    if (expected !== undefined && expected !== actual) failures.push({ field, expected, actual: actual ?? null });
  };
  check("verdict", e.verdict, r.verdict);
  check("reason", e.reason, r.reason.code);
  check("listener", e.listener, r.listener?.name);
  check("cluster", e.cluster, r.cluster?.name);
  const l = e.limits ?? {};
  check("limits.connectTimeout", l.connectTimeout, r.limits.connectTimeout?.value);
  check("limits.idleTimeout", l.idleTimeout, r.limits.idleTimeout?.value);
  check("limits.routeTimeout", l.routeTimeout, r.limits.routeTimeout?.value);
  check("limits.streamIdleTimeout", l.streamIdleTimeout, r.limits.streamIdleTimeout?.value);
  for (const k of ["maxConnections", "maxPendingRequests", "maxRequests", "maxRetries"] as const) check(`limits.circuitBreakers.${k}`, l.circuitBreakers?.[k], r.limits.circuitBreakers?.[k].value);

  // Modifications, in the order Kuma applies them; then named sources that do not select this dataplane.
  const mods = shared.modifications;
  const wanted = e.modifications ?? {};
  const named = (source: string) => Object.hasOwn(wanted, source);
  const wantOf = (m: ModificationReport) => (named(m.source) ? wanted[m.source] : wanted[ANY_MODIFICATION]);
  for (const m of mods) {
    const want = wantOf(m);
    if (want !== undefined && m.status !== want) failures.push(modificationFailure(m, `modifications.${m.source}`, want, `${about(m)}, expected ${want}: ${why(m)}`));
  }
  for (const [source, want] of Object.entries(wanted)) {
    if (source === ANY_MODIFICATION || mods.some((m) => m.source === source)) continue;
    const has = mods.length > 0 ? `its modifications are ${mods.map((m) => m.source).join(", ")}` : "no modification selects it";
    failures.push({ field: `modifications.${source}`, expected: want, actual: null, source, message: `${source} does not select this request's dataplane (${has}), expected ${want}`, hints: [] });
  }

  // Warnings: the dataplane's, then the request's own.
  const warnings: readonly Warning[] = [...shared.warnings, ...r.warnings];
  const present = [...new Set(e.warnings?.present ?? [])];
  const absent = [...new Set(e.warnings?.absent ?? [])];
  for (const code of present) {
    if (warnings.some((w) => w.code === code)) continue;
    const has = warnings.length > 0 ? `its warnings are ${[...new Set(warnings.map((w) => w.code))].join(", ")}` : "it has no warnings";
    failures.push(warningFailure(`warnings.${code}`, "present", "absent", code, `no ${code} warning for this request (${has})`));
  }
  for (const code of absent) for (const w of warnings) if (w.code === code) failures.push(warningFailure(`warnings.${code}`, "absent", "present", code, w.message));

  // failOn: each finding it lists, unless the request's expectation already decides it.
  if (failOn.length > 0) {
    const fail = new Set<string>(failOn);
    for (const m of mods) if (fail.has(m.status) && wantOf(m) === undefined) failures.push(modificationFailure(m, "failOn", null, `${about(m)}, which failOn lists: ${why(m)}`));
    const decided = new Set<string>([...present, ...absent]);
    for (const w of warnings) if (fail.has(w.code) && !decided.has(w.code)) failures.push(warningFailure("failOn", null, w.code, w.code, w.message));
  }
  return { passed: failures.length === 0, failures };
}
