/**
 * Short Markdown answers for chat (`Accept: text/markdown` or `?format=markdown`): the verdict in one
 * line, the path, a limits table, then modifications and warnings, cut to stay under 40 lines.
 */
import type { Limit } from "../core/match/limits.js";
import type { BatchResult, ExpectationFailure, SimulationResult } from "../core/simulate/result.js";

export const MAX_MARKDOWN_LINES = 40;
const MAX_LIST = 4;

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

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
  ];
  const present = rows.filter((x): x is [string, Limit<string | number>] => x[1] !== undefined);
  if (present.length === 0) return [];
  return ["", "| limit | value | source |", "|---|---|---|", ...present.map(([k, v]) => `| ${k} | ${cell(String(v.value))} | ${cell(v.source)} |`)];
}

function list<T>(title: string, items: readonly T[], line: (x: T) => string): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, MAX_LIST).map((x) => `- ${line(x)}`);
  return ["", `**${title}**`, ...shown, ...(items.length > MAX_LIST ? [`- … and ${items.length - MAX_LIST} more (ask for JSON)`] : [])];
}

function oneLine(s: string, max = 220): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function simulationMarkdown(r: SimulationResult): string {
  const path = [
    r.listener ? `listener ${code(r.listener.name)}` : undefined,
    r.filterChain ? `chain ${r.filterChain.name ? code(r.filterChain.name) : `#${r.filterChain.index}`}` : undefined,
    r.route?.virtualHost ? `vhost ${code(r.route.virtualHost)}` : undefined,
    r.cluster ? `cluster ${code(r.cluster.name)}${r.cluster.type ? ` (${r.cluster.type})` : " (missing)"}` : undefined,
  ].filter((x): x is string => x !== undefined);
  const lines = [
    `**${r.verdict.toUpperCase()}**: ${oneLine(r.reason.message)}`,
    `Kuma ${r.kumaVersion} · dataplane ${code(r.dataplane)}${path.length > 0 ? ` · ${path.join(" → ")}` : ""}`,
    ...limitRows(r),
    ...list("Modifications", r.modifications, (m) => `${code(m.source)} ${m.kind} ${m.operation}: **${m.status}**${m.message ? `: ${oneLine(m.message, 160)}` : ""}`),
    ...list("Warnings", r.warnings, (w) => `${code(w.code)} ${oneLine(w.message, 180)}`),
  ];
  return `${lines.slice(0, MAX_MARKDOWN_LINES).join("\n")}\n`;
}

/** One failure in words: the field, what was wanted and what came out; a modification's or warning's failure adds its message. */
function failureText(f: ExpectationFailure): string {
  const wantGot = `want ${f.expected}, got ${f.actual}`;
  if (f.message === undefined) return `${f.field}: ${wantGot}`;
  // A modification's message already names it and both statuses.
  if (f.source !== undefined) return `${f.field}: ${oneLine(f.message, 160)}`;
  return `${f.field}: ${f.field === "failOn" ? f.actual : wantGot}: ${oneLine(f.message, 160)}`;
}

export function batchMarkdown(b: BatchResult, targets: readonly string[]): string {
  const { total, passed, failed } = b.summary;
  const rows = b.results.slice(0, 25).map((r, i) => {
    const exp = r.expectation === null ? "—" : r.expectation.passed ? "pass" : `**FAIL** ${r.expectation.failures.map(failureText).join("; ")}`;
    return `| ${i} | ${cell(targets[i] ?? "")} | ${r.verdict} | ${cell(r.cluster?.name ?? "—")} | ${cell(exp)} |`;
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
