/**
 * The Slack form (`?format=slack`) of `POST /v1/passthrough-plan`: the same facts as its Markdown form
 * (src/core/simulate/passthrough-plan-markdown.ts), in the same order: whether the plan covers every destination
 * (or why not), what would be blocked, what needs no entry, alternatives and notes, then the Universal YAML when it
 * fits one section whole. At most eight blocks however many destinations.
 */
import { destinationLabel } from "../core/simulate/passthrough-plan-input.js";
import type { PassthroughPlanResult } from "../core/simulate/passthrough-plan.js";
import { clip, code, listSection, MAX_SECTION, message, mrkdwn, slackText, type SlackBlock, type SlackMessage } from "./slack.js";

/** The verdict word and the line after it, as the Markdown head says them. */
function head(r: PassthroughPlanResult): { verdict: string; text: string } {
  const s = r.summary;
  const where = `Kuma ${slackText(r.kumaVersion)}, ${s.destinations} destination(s) from ${s.dataplanes} dataplane(s)`;
  if (r.meshPassthrough === undefined) return { verdict: "NO PLAN", text: `(${where}): ${s.blocked} would be blocked with passthrough off, and this release has no MeshPassthrough (from 2.8)` };
  if (s.covered) return { verdict: "SAFE WITH PLAN", text: `(${where}): ${s.blocked} would be blocked; MeshPassthrough ${code(r.meshPassthrough.name)} (${r.meshPassthrough.entries} entries) keeps every one working, proven by re-simulation` };
  return { verdict: "STILL BLOCKED", text: `(${where}): ${s.stillBlocked} destination(s) stay blocked even with the plan` };
}

/**
 * The plan's YAML in a code block when it fits one section whole (a cut resource would be worse than none), else where
 * the JSON has it. Inside a code block Slack still reads `&`, `<` and `>`, so those are entities; nothing else is changed,
 * so that the YAML copies as it is.
 */
function yamlBlock(r: PassthroughPlanResult): SlackBlock[] {
  const p = r.meshPassthrough;
  if (p === undefined) return [];
  const yaml = p.universal.trimEnd().replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/```/g, "'''");
  const text = `*MeshPassthrough* (Universal; Kubernetes form in JSON \`meshPassthrough.kubernetes\`)\n\`\`\`\n${yaml}\n\`\`\``;
  if (text.length <= MAX_SECTION) return [{ type: "section", text: mrkdwn(text) }];
  const lines = p.universal.trimEnd().split("\n").length;
  return [{ type: "context", elements: [mrkdwn(`The MeshPassthrough (${lines} lines) is in the JSON answer: \`meshPassthrough.universal\` and \`meshPassthrough.kubernetes\``)] }];
}

/** The passthrough plan as a Slack message. */
export function passthroughPlanSlack(r: PassthroughPlanResult): SlackMessage {
  const { verdict, text } = head(r);
  return {
    text: `${verdict} ${text}`,
    blocks: [
      { type: "section", text: mrkdwn(clip(`*${verdict}* ${text}`, MAX_SECTION)) },
      ...listSection("Problems", r.problems.map((p) => message(p, 400))),
      ...listSection("Blocked with passthrough off", r.blocked.map((b) => `${code(destinationLabel(b.destination))} (${b.situations.join(", ")}): ${message(b.reason, 300)}`)),
      ...listSection("No entry needed", r.notNeeded.map((n) => `${code(destinationLabel(n.destination))} *${n.status}*: ${message(n.why, 300)}`)),
      ...listSection("Alternatives", (r.alternatives ?? []).map((a) => message(a, 400))),
      ...listSection("Notes", r.notes.map((n) => message(n, 400))),
      ...yamlBlock(r),
    ],
  };
}
