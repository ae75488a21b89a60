/**
 * Short Markdown answers for chat (`Accept: text/markdown` or `?format=markdown`): the verdict in one
 * line, the path, a limits table, then modifications and warnings, within 40 lines.
 *
 * Text that carries user input (names, hosts, messages quoting them) is escaped so that GitHub and
 * other CommonMark renderers show it as written: no links, images, HTML or @-mentions made from it.
 * A message's remedy (its closing "Use …" sentence) is never cut: it gets a line of its own.
 */
import type { Limit } from "../match/limits.js";
import type { BatchResult, ExpectationFailure, SimulationResult } from "./result.js";
import type { WhatIfChanges, WhatIfRef } from "../snapshot/snapshot.js";
import type { ModificationReport } from "../model/modification.js";
import type { Warning } from "../warnings.js";

export const MAX_MARKDOWN_LINES = 40;
const MAX_LIST = 4;

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
/** A code span (CommonMark §6.1): nothing inside is a link, HTML or mention; a backtick would end it early. */
const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\n/g, " ")}\``;

/**
 * Plain text as CommonMark shows it literally: ASCII punctuation that starts markup is backslash-escaped
 * (§2.4; `[`/`]` make links and images, `<` HTML and autolinks, `*`/`_`/`~` emphasis, `&` entities,
 * `#` issue references; `|` is escaped by the table cell that holds the text), and a zero-width space after `@` and in `://` / `www.` stops GitHub's mentions and its
 * extended autolinks (GFM §6.9), which backslashes do not reach.
 */
export function mdText(s: string): string {
  return s
    .replace(/[\\`*_[\]<>~&!#]/g, "\\$&")
    .replace(/@(?=\S)/g, "@\u200b")
    .replace(/:\/\//g, ":\u200b//")
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u200b.`);
}

const VERBS = "Use|Set|Add|Remove|Replace|Patch|Write|Send|Move|Ask|Give|Name|Change|List|Upgrade|Pin|Apply|Drop|Put|Try|Rename|Match|Select|Declare|Label|Run|Check|Enable|Disable|Keep";
/**
 * What tells the reader what to do (meshsim's messages end with it when there is a fix): a sentence that starts with
 * a verb ("… defaults. Use jsonPatches … instead."), a clause after a semicolon ("…; use jsonPatches (replace) to zero
 * a field"), or a closing parenthesis that starts with one ("… ignores (use jsonPatches to zero a field)"). Not a
 * capitalised word after a colon: that is a name a citation quotes ("meshtls plugin.go: Apply skips …").
 */
const REMEDY = new RegExp(
  `(?:^|(?<=[.;!?])\\s+)((?:${VERBS})\\b.*)$|(?<=;)\\s+((?:${VERBS.toLowerCase()})\\b.*)$|\\s(\\((?:${VERBS.toLowerCase()})\\b[^()]*\\))$`,
  "s",
);

/** Splits a message into what happened and the remedy, when it closes with one. */
export function splitRemedy(message: string): { fact: string; remedy: string | undefined } {
  const t = message.replace(/\s+/g, " ").trim();
  const m = REMEDY.exec(t);
  if (m === null || m.index === 0) return { fact: t, remedy: undefined };
  return { fact: t.slice(0, m.index).trim(), remedy: (m[1] ?? m[2] ?? m[3])!.trim() };
}

/** A message on one line: the fact shortened to `max` characters, then its remedy whole (never cut). */
export function mdMessage(message: string, max: number): string {
  const { fact, remedy } = splitRemedy(message);
  return `${mdText(oneLine(fact, max))}${remedy !== undefined ? ` ${mdText(remedy)}` : ""}`;
}

function limitRows(r: SimulationResult): string[] {
  const rows: [string, Limit<string | number> | undefined][] = [
    ["connect timeout", r.limits.connectTimeout],
    ["idle timeout", r.limits.idleTimeout],
    ["route timeout", r.limits.routeTimeout],
    ["stream idle timeout", r.limits.streamIdleTimeout],
    ["max connections", r.limits.circuitBreakers?.maxConnections],
    ["max pending requests", r.limits.circuitBreakers?.maxPendingRequests],
    ["max requests", r.limits.circuitBreakers?.maxRequests],
    ["max retries", r.limits.circuitBreakers?.maxRetries],
    ...(r.limits.faults ?? []).map((f): [string, Limit<string>] => [
      "fault",
      {
        value: [
          f.value.delay ? `delay ${f.value.delay.fixedDelay} (${f.value.delay.percent}%)` : "",
          f.value.abort ? `abort ${f.value.abort.httpStatus} (${f.value.abort.percent}%)` : "",
          f.value.responseBandwidth ? `${f.value.responseBandwidth.kbps} kbps (${f.value.responseBandwidth.percent}%)` : "",
        ]
          .filter((x) => x !== "")
          .join(", "),
        source: f.source,
      },
    ]),
    ...(r.limits.rateLimit ? [["rate limit", { value: `${r.limits.rateLimit.value.requests} per ${r.limits.rateLimit.value.interval}, then ${r.limits.rateLimit.value.status}`, source: r.limits.rateLimit.source }] as [string, Limit<string>]] : []),
    ...(r.limits.accessLogs ?? []).map((a): [string, Limit<string>] => ["access log", { value: `${a.value.logger} ${a.value.path ?? a.value.cluster ?? ""}`.trim(), source: a.source }]),
  ];
  const present = rows.filter((x): x is [string, Limit<string | number>] => x[1] !== undefined);
  if (present.length === 0) return [];
  return ["", "| limit | value | source |", "|---|---|---|", ...present.map(([k, v]) => `| ${k} | ${cell(mdText(String(v.value)))} | ${cell(mdText(v.source))} |`)];
}

/** One list entry: its line and, when its message closes with a remedy, the remedy on a line of its own. */
function entry(head: string, message: string | undefined, max: number, separator = ": "): string[] {
  if (message === undefined || message === "") return [`- ${head}`];
  const { fact, remedy } = splitRemedy(message);
  const line = `- ${head}${separator}${mdText(oneLine(fact, max))}`;
  return remedy === undefined ? [line] : [line, `  ↳ ${mdText(remedy)}`];
}

/** A titled list showing at most `shown` entries (whole entries only), then how many more. */
function list(title: string, entries: readonly string[][], shown: number): string[] {
  if (entries.length === 0) return [];
  const more = entries.length - Math.min(shown, entries.length);
  return ["", `**${title}**`, ...entries.slice(0, shown).flat(), ...(more > 0 ? [`- … and ${more}${shown === 0 ? "" : " more"} (ask for JSON)`] : [])];
}

function oneLine(s: string, max = 220): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * The modification a warning repeats word for word (`<source>: <the modification's message>`), whose entry already
 * shows it; undefined when the modification's entry does not carry that text (then the warning is listed whole).
 */
export function repeatedModification(w: Warning, modifications: readonly ModificationReport[]): string | undefined {
  return modifications.find((m) => {
    const text = m.message ?? m.hints[0];
    return text !== undefined && w.message === `${m.source}: ${text}`;
  })?.source;
}

/** Modification and warning entries of a result; a warning that repeats a listed modification's message points at it. */
export function resultEntries(r: Pick<SimulationResult, "modifications" | "warnings">): { modifications: string[][]; warnings: string[][] } {
  const modifications = r.modifications.map((m) => entry(`${code(m.source)} ${m.kind} ${m.operation}: **${m.status}**`, m.message ?? m.hints[0], 160));
  const warnings = r.warnings.map((w) => {
    const about = repeatedModification(w, r.modifications);
    return about !== undefined ? [`- ${code(w.code)} ${code(about)}: see Modifications`] : entry(code(w.code), w.message, 180, " ");
  });
  return { modifications, warnings };
}

/** The Envoy path of an answer as short steps (listener, chain, vhost, cluster), each name put through `quote`. */
export function pathSteps(r: SimulationResult, quote: (s: string) => string): string[] {
  return [
    r.listener ? `listener ${quote(r.listener.name)}` : undefined,
    r.filterChain ? `chain ${r.filterChain.name ? quote(r.filterChain.name) : `#${r.filterChain.index}`}` : undefined,
    r.route?.virtualHost ? `vhost ${quote(r.route.virtualHost)}` : undefined,
    r.cluster ? `cluster ${quote(r.cluster.name)}${r.cluster.type ? ` (${r.cluster.type})` : " (missing)"}` : undefined,
  ].filter((x): x is string => x !== undefined);
}

/** One line naming what the what-ifs replaced, added and removed (at most three names each), or none. */
export function whatIfLine(w: WhatIfChanges | undefined): string[] {
  if (w === undefined) return [];
  const names = (refs: readonly WhatIfRef[]) => `${refs.slice(0, 3).map((x) => code(`${x.kind} ${x.name}`)).join(", ")}${refs.length > 3 ? ` and ${refs.length - 3} more` : ""}`;
  const parts = ([["replaced", w.replaced], ["added", w.added], ["removed", w.removed]] as const).filter(([, refs]) => refs.length > 0).map(([verb, refs]) => `${verb} ${names(refs)}`);
  return [`What-if: ${parts.join("; ")}`];
}

export function simulationMarkdown(r: SimulationResult): string {
  const path = pathSteps(r, code);
  const reason = splitRemedy(r.reason.message);
  const head = [
    `**${r.verdict.toUpperCase()}**: ${mdText(oneLine(reason.fact))}`,
    ...(reason.remedy !== undefined ? [`↳ ${mdText(reason.remedy)}`] : []),
    `Kuma ${r.kumaVersion} · dataplane ${code(r.dataplane)}${path.length > 0 ? ` · ${path.join(" → ")}` : ""}`,
    ...whatIfLine(r.whatIf),
    ...limitRows(r),
  ];
  const { modifications, warnings } = resultEntries(r);
  // Fewer entries per list until everything fits; entries are never cut in two, so no remedy is lost.
  for (let shown = MAX_LIST; shown >= 0; shown--) {
    const lines = [...head, ...list("Modifications", modifications, shown), ...list("Warnings", warnings, shown)];
    if (lines.length <= MAX_MARKDOWN_LINES || shown === 0) return `${lines.slice(0, MAX_MARKDOWN_LINES).join("\n")}\n`;
  }
  return "";
}

/** One failure in words: the field, what was wanted and what came out; a modification's or warning's failure adds its message. */
function failureText(f: ExpectationFailure): string {
  const wantGot = `want ${mdText(String(f.expected))}, got ${mdText(String(f.actual))}`;
  const field = mdText(f.field);
  if (f.message === undefined) return `${field}: ${wantGot}`;
  // The remedy is kept whole; the rest of the message is what gets shortened.
  const text = mdMessage(f.message, 160);
  // A modification's message already names it and both statuses.
  if (f.source !== undefined) return `${field}: ${text}`;
  return `${field}: ${f.field === "failOn" ? mdText(String(f.actual)) : wantGot}: ${text}`;
}

export function batchMarkdown(b: BatchResult, targets: readonly string[]): string {
  const { total, passed, failed } = b.summary;
  const rows = b.results.slice(0, 25).map((r, i) => {
    const exp = r.expectation === null ? "—" : r.expectation.passed ? "pass" : `**FAIL** ${r.expectation.failures.map(failureText).join("; ")}`;
    return `| ${i} | ${targets[i] ? cell(code(targets[i]!)) : ""} | ${r.verdict} | ${r.cluster ? cell(code(r.cluster.name)) : "—"} | ${cell(exp)} |`;
  });
  const lines = [
    `**${failed === 0 ? "PASS" : "FAIL"}**: ${passed}/${total} expectations hold${failed > 0 ? `, ${failed} failed` : ""}`,
    "",
    "| # | to | verdict | cluster | expectation |",
    "|---|---|---|---|---|",
    ...rows,
    ...(b.results.length > rows.length ? [`| … | ${b.results.length - rows.length} more | | | |`] : []),
  ];
  return `${lines.slice(0, MAX_MARKDOWN_LINES).join("\n")}\n`;
}
