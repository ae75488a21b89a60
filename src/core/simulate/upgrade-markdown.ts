/**
 * The upgrade check as a chat answer (`POST /v1/upgrade` with `Accept: text/markdown`): what breaks first (verdicts,
 * limits, modifications that stop applying), then the other changes and the upgrade notes, at most 40 lines.
 */
import { mdMessage, mdText } from "./markdown.js";
import type { SimRequest } from "./schema.js";
import type { UpgradeNote, UpgradeRequest, UpgradeResult } from "./upgrade.js";

/** Chat answers stay this short. */
export const MAX_UPGRADE_MARKDOWN_LINES = 40;
const MAX_LIST = 6;

/** Inline code for user text (a backtick inside would end it). */
export const mdCode = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** A request as one short line: its direction and URL. */
export function requestTarget(r: SimRequest): string {
  const to = typeof r.to === "string" ? r.to : `${r.to.protocol ?? "tcp"}://${r.to.host ?? r.to.ip ?? ""}${r.to.port ? `:${r.to.port}` : ""}`;
  return `${r.direction === "inbound" ? "inbound " : ""}${to}`;
}

const isBreaking = (field: string) => field === "verdict" || field.startsWith("limits.");

/** A changed field and its two values; values can be user text (cluster and listener names, a limit's policy). */
export const changeText = (c: { readonly field: string; readonly before: unknown; readonly after: unknown }) => `${c.field} ${mdText(String(c.before ?? "none"))} → ${mdText(String(c.after ?? "none"))}`;

/** A titled list of at most six lines, and how many more there are. */
export function mdList<T>(title: string, items: readonly T[], line: (x: T) => string): string[] {
  if (items.length === 0) return [];
  return ["", `**${title}**`, ...items.slice(0, MAX_LIST).map((x) => `- ${line(x)}`), ...(items.length > MAX_LIST ? [`- … and ${items.length - MAX_LIST} more (ask for JSON)`] : [])];
}

function requestLine(r: UpgradeRequest, breaking: boolean): string {
  const fields = r.changes.filter((c) => isBreaking(c.field) === breaking).map(changeText);
  return `${mdCode(requestTarget(r.request))} from ${mdCode(r.dataplane)}: ${fields.join(", ")}`;
}

function noteLine(n: UpgradeNote): string {
  return `${n.class}: ${mdMessage(n.message, 180)}`;
}

/** The Markdown answer for one upgrade check. */
export function upgradeMarkdown(u: UpgradeResult): string {
  const s = u.summary;
  const broken = u.requests.filter((r) => r.changes.some((c) => isBreaking(c.field)));
  const stopped = u.modifications.filter((m) => m.before === "applied" && m.after !== "applied");
  const head = s.breaking
    ? `**BREAKING** (Kuma ${u.fromVersion} → ${u.toVersion}): ${[
        broken.length > 0 ? `${broken.length} of ${s.requests} request(s) change verdict or limits` : "",
        stopped.length > 0 ? `${stopped.length} modification(s) stop applying` : "",
      ]
        .filter((x) => x !== "")
        .join("; ")}`
    : `**NOT BREAKING** (Kuma ${u.fromVersion} → ${u.toVersion}): no verdict or limit of ${s.requests} request(s) changes and every applied modification still applies`;
  const other = u.requests.filter((r) => r.changes.some((c) => !isBreaking(c.field)));
  const renamed = Object.entries(u.resources).flatMap(([dp, r]) => r.renamed.map((x) => ({ dp, ...x })));
  const lines = [
    head,
    ...mdList("What breaks", broken, (r) => requestLine(r, true)),
    ...mdList("Modifications that stop applying", stopped, (m) => `${mdCode(m.source)} on ${mdCode(m.dataplane)}: ${m.before} → **${m.after}**: ${mdMessage(m.why, 160)}`),
    ...mdList("Notes", u.notes, noteLine),
    ...mdList("Other changes", other, (r) => requestLine(r, false)),
    ...mdList("Renamed", renamed, (r) => `${mdCode(r.dp)} ${r.type} ${mdCode(r.before)} → ${mdCode(r.after)}${r.patches.length > 0 ? ` (breaks ${r.patches.map((p) => mdCode(p.source)).join(", ")})` : ""}`),
    "",
    `${s.requests} request(s), ${s.requestsChanged} changed · ${s.modifications} modification(s), ${s.modificationsChanged} changed · ${s.renamed} renamed, ${s.added} added, ${s.removed} removed resource(s)`,
  ];
  return `${lines.slice(0, MAX_UPGRADE_MARKDOWN_LINES).join("\n")}\n`;
}
