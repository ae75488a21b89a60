/**
 * The passthrough plan as a chat answer (`POST /v1/passthrough-plan` with `Accept: text/markdown`): whether the plan
 * covers every destination (or why not), what would be blocked, what needs no entry, then the Universal YAML, at most
 * 40 lines. Destinations and reasons carry user text: code spans or mdText.
 */
import { mdMessage } from "./markdown.js";
import { destinationLabel } from "./passthrough-plan-input.js";
import type { PassthroughPlanResult } from "./passthrough-plan.js";

export const MAX_PLAN_MARKDOWN_LINES = 40;
const MAX_LIST = 5;

const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\n/g, " ")}\``;

function list<T>(title: string, items: readonly T[], line: (x: T) => string): string[] {
  if (items.length === 0) return [];
  return ["", `**${title}**`, ...items.slice(0, MAX_LIST).map((x) => `- ${line(x)}`), ...(items.length > MAX_LIST ? [`- … and ${items.length - MAX_LIST} more (ask for JSON)`] : [])];
}

function head(r: PassthroughPlanResult): string {
  const s = r.summary;
  const where = `Kuma ${r.kumaVersion}, ${s.destinations} destination(s) from ${s.dataplanes} dataplane(s)`;
  if (r.meshPassthrough === undefined) return `**NO PLAN** (${where}): ${s.blocked} would be blocked with passthrough off, and this release has no MeshPassthrough (from 2.8)`;
  if (s.covered) return `**SAFE WITH PLAN** (${where}): ${s.blocked} would be blocked; MeshPassthrough ${code(r.meshPassthrough.name)} (${r.meshPassthrough.entries} entries) keeps every one working, proven by re-simulation`;
  return `**STILL BLOCKED** (${where}): ${s.stillBlocked} destination(s) stay blocked even with the plan`;
}

/** The Markdown answer for one passthrough plan. */
export function passthroughPlanMarkdown(r: PassthroughPlanResult): string {
  const lines = [
    head(r),
    ...list("Problems", r.problems, (p) => mdMessage(p, 240)),
    ...list("Blocked with passthrough off", r.blocked, (b) => `${code(destinationLabel(b.destination))} (${b.situations.join(", ")}): ${mdMessage(b.reason, 140)}`),
    ...list("No entry needed", r.notNeeded, (n) => `${code(destinationLabel(n.destination))} **${n.status}**: ${mdMessage(n.why, 140)}`),
    ...list("Alternatives", r.alternatives ?? [], (a) => mdMessage(a, 240)),
    ...list("Notes", r.notes, (n) => mdMessage(n, 240)),
  ];
  const yaml = r.meshPassthrough?.universal.trimEnd().split("\n") ?? [];
  // The YAML only when it fits whole; a cut resource would be worse than none.
  if (yaml.length > 0) {
    const block = ["", `**MeshPassthrough** (Universal; Kubernetes form in JSON \`meshPassthrough.kubernetes\`)`, "```yaml", ...yaml, "```"];
    if (lines.length + block.length <= MAX_PLAN_MARKDOWN_LINES) lines.push(...block);
    else lines.push("", `The MeshPassthrough (${yaml.length} lines) is in the JSON answer: \`meshPassthrough.universal\` and \`meshPassthrough.kubernetes\``);
  }
  return `${lines.slice(0, MAX_PLAN_MARKDOWN_LINES).join("\n")}\n`;
}
