/**
 * The Slack form of the chat answers (`?format=slack`): a Block Kit message (`{text, blocks}`) with `mrkdwn`
 * text, because Slack renders neither Markdown tables nor headings. The same facts as the Markdown form:
 * verdict and reason, release, dataplane and path, limits with their sources, modifications and warnings
 * (a remedy on a line of its own), or a batch's summary and a line per request.
 *
 * User-controlled text is escaped as Slack asks (api.slack.com/reference/surfaces/formatting#escaping:
 * `&`, `<`, `>` as entities, which also keeps `<!here>`, `<@U…>` and `<url|text>` from being made), names
 * go in code spans, and a zero-width space after `@` keeps a client with `link_names` from mentioning.
 */
import type { Limit } from "../core/match/limits.js";
import type { BatchResult, ExpectationFailure, SimulationResult } from "../core/simulate/result.js";
import { pathSteps, repeatedModification, splitRemedy } from "../core/simulate/markdown.js";

/** Slack's limits: 3000 characters per section text, 10 fields per section, 50 blocks per message. */
export const MAX_SECTION = 3000;
/** At most 50 blocks per message. */
export const MAX_BLOCKS = 50;
const MAX_FIELDS = 10;
const MAX_ITEMS = 8;

type Text = { readonly type: "mrkdwn"; readonly text: string };
/** The Block Kit blocks meshsim uses. */
export type SlackBlock =
  | { readonly type: "section"; readonly text: Text }
  | { readonly type: "section"; readonly fields: readonly Text[] }
  | { readonly type: "context"; readonly elements: readonly Text[] };
/** A message a bot posts as it is (`chat.postMessage` or an incoming webhook). */
export interface SlackMessage {
  /** The notification and screen-reader text. */
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

/** Text Slack shows as written. */
export function slackText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@(?=\S)/g, "@\u200b");
}
/** User text in a code span: nothing inside is a link, mention or emphasis; a backtick would end it early. */
export const code = (s: string) => `\`${slackText(s.replace(/`/g, "'").replace(/\n/g, " "))}\``;
/** A `mrkdwn` text object. */
export const mrkdwn = (text: string): Text => ({ type: "mrkdwn", text });
/** Text cut to `max` characters with an ellipsis. */
export const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A message as a fact (shortened if need be) and its remedy on its own line (never shortened). */
export function message(m: string, max: number): string {
  const { fact, remedy } = splitRemedy(m);
  return `${slackText(clip(fact, max))}${remedy !== undefined ? `\n↳ ${slackText(remedy)}` : ""}`;
}

/** A titled list in one section: whole items only, within Slack's section limit. Items are mrkdwn already escaped. */
export function listSection(title: string, items: readonly string[]): SlackBlock[] {
  if (items.length === 0) return [];
  let text = `*${title}*`;
  let shown = 0;
  for (const item of items.slice(0, MAX_ITEMS)) {
    if (text.length + item.length + 80 > MAX_SECTION) break;
    text += `\n• ${item}`;
    shown++;
  }
  if (shown < items.length) text += `\n• … and ${items.length - shown} more (ask for JSON)`;
  return [{ type: "section", text: mrkdwn(text) }];
}

function limitFields(r: SimulationResult): SlackBlock[] {
  const cb = r.limits.circuitBreakers;
  const rows: [string, Limit<string | number> | undefined][] = [
    ["connect timeout", r.limits.connectTimeout],
    ["idle timeout", r.limits.idleTimeout],
    ["route timeout", r.limits.routeTimeout],
    ["stream idle timeout", r.limits.streamIdleTimeout],
    ["max connections", cb?.maxConnections],
    ["max pending requests", cb?.maxPendingRequests],
    ["max requests", cb?.maxRequests],
    ["max retries", cb?.maxRetries],
    ...(r.limits.rateLimit ? [["rate limit", { value: `${r.limits.rateLimit.value.requests} per ${r.limits.rateLimit.value.interval}, then ${r.limits.rateLimit.value.status}`, source: r.limits.rateLimit.source }] as [string, Limit<string>]] : []),
    ...(r.limits.faults ?? []).map((f): [string, Limit<string>] => [
      "fault",
      { value: [f.value.delay ? `delay ${f.value.delay.fixedDelay}` : "", f.value.abort ? `abort ${f.value.abort.httpStatus}` : "", f.value.responseBandwidth ? `${f.value.responseBandwidth.kbps} kbps` : ""].filter((x) => x !== "").join(", "), source: f.source },
    ]),
    ...(r.limits.accessLogs ?? []).map((a): [string, Limit<string>] => ["access log", { value: `${a.value.logger} ${a.value.path ?? a.value.cluster ?? ""}`.trim(), source: a.source }]),
  ];
  const fields = rows.filter((x): x is [string, Limit<string | number>] => x[1] !== undefined).map(([k, v]) => mrkdwn(`*${k}*\n${slackText(String(v.value))} · ${code(v.source)}`));
  const out: SlackBlock[] = [];
  for (let i = 0; i < fields.length; i += MAX_FIELDS) out.push({ type: "section", fields: fields.slice(i, i + MAX_FIELDS) });
  return out;
}

/** One simulation as a Slack message. */
export function simulationSlack(r: SimulationResult): SlackMessage {
  const path = pathSteps(r, code);
  const mods = r.modifications.map((m) => {
    const text = m.message ?? m.hints[0];
    return `${code(m.source)} ${m.kind} ${m.operation}: *${m.status}*${text ? `: ${message(text, 300)}` : ""}`;
  });
  const warnings = r.warnings.map((w) => {
    const about = repeatedModification(w, r.modifications);
    return about !== undefined ? `${code(w.code)} ${code(about)}: see Modifications` : `${code(w.code)} ${message(w.message, 300)}`;
  });
  const verdict = r.verdict.toUpperCase();
  return {
    text: clip(`${verdict}: ${r.reason.message}`, 300),
    blocks: [
      { type: "section", text: mrkdwn(`*${verdict}*: ${message(r.reason.message, 600)}`) },
      { type: "context", elements: [mrkdwn(clip(`Kuma ${r.kumaVersion} · dataplane ${code(r.dataplane)}${path.length > 0 ? ` · ${path.join(" → ")}` : ""}`, MAX_SECTION))] },
      ...limitFields(r),
      ...listSection("Modifications", mods),
      ...listSection("Warnings", warnings),
    ],
  };
}

function failureText(f: ExpectationFailure): string {
  const wantGot = `want ${slackText(String(f.expected))}, got ${slackText(String(f.actual))}`;
  if (f.message === undefined) return `${code(f.field)}: ${wantGot}`;
  if (f.source !== undefined) return `${code(f.field)}: ${message(f.message, 200)}`;
  return `${code(f.field)}: ${f.field === "failOn" ? slackText(String(f.actual)) : wantGot}: ${message(f.message, 200)}`;
}

/** A batch as a Slack message: the summary, then a line per request (whole lines, within Slack's limits). */
export function batchSlack(b: BatchResult, targets: readonly string[]): SlackMessage {
  const { total, passed, failed } = b.summary;
  const head = `${failed === 0 ? "PASS" : "FAIL"}: ${passed}/${total} expectations hold${failed > 0 ? `, ${failed} failed` : ""}`;
  const lines = b.results.map((r, i) => {
    const exp = r.expectation === null ? "—" : r.expectation.passed ? "pass" : `*FAIL* ${r.expectation.failures.map(failureText).join("; ")}`;
    return `${i} ${targets[i] ? code(targets[i]!) : ""} → ${r.verdict} · cluster ${r.cluster ? code(r.cluster.name) : "—"} · ${exp}`;
  });
  const blocks: SlackBlock[] = [{ type: "section", text: mrkdwn(`*${head.split(":")[0]}*:${head.slice(head.indexOf(":") + 1)}`) }];
  let text = "";
  let shown = 0;
  for (const line of lines) {
    if (blocks.length >= 45) break;
    if (text.length + line.length + 1 > MAX_SECTION - 80) {
      if (text !== "") blocks.push({ type: "section", text: mrkdwn(text) });
      text = "";
      if (line.length > MAX_SECTION - 80) break;
    }
    text += `${text === "" ? "" : "\n"}${line}`;
    shown++;
  }
  if (shown < lines.length) text += `\n… and ${lines.length - shown} more (ask for JSON)`;
  if (text !== "") blocks.push({ type: "section", text: mrkdwn(text) });
  return { text: head, blocks };
}
