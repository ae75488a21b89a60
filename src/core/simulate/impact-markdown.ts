/**
 * The impact check as a chat answer (`POST /v1/impact` with `Accept: text/markdown`): the affected dataplanes first,
 * then what breaks (verdicts, limits, modifications that stop applying), at most 40 lines.
 */
import type { ImpactDataplane, ImpactResult } from "./impact.js";
import { mdMessage } from "./markdown.js";
import { changeText, MAX_UPGRADE_MARKDOWN_LINES, mdCode, mdList, requestTarget } from "./upgrade-markdown.js";

const isBreaking = (field: string) => field === "verdict" || field.startsWith("limits.");

/** What changed for one dataplane, in words (the Markdown and Slack forms put its name in front). */
export function dataplaneChanges(d: ImpactDataplane): string {
  const r = d.resources;
  return [
    r ? `${r.added.count} added, ${r.removed.count} removed, ${r.changed.count} changed resource(s)` : "",
    d.modifications && d.modifications.length > 0 ? `${d.modifications.length} modification(s) change status` : "",
    d.requests && d.requests.length > 0 ? `${d.requests.length} request(s) change` : "",
  ]
    .filter((x) => x !== "")
    .join("; ");
}

const dataplaneLine = (d: ImpactDataplane): string => `${mdCode(d.name)}: ${dataplaneChanges(d)}`;

/** The Markdown answer for one impact check. */
export function impactMarkdown(u: ImpactResult): string {
  const s = u.summary;
  const affected = u.dataplanes.filter((d) => d.changed);
  const broken = u.dataplanes.flatMap((d) => (d.requests ?? []).filter((r) => r.changes.some((c) => isBreaking(c.field))).map((r) => ({ dp: d.name, r })));
  const stopped = u.dataplanes.flatMap((d) => (d.modifications ?? []).filter((m) => m.before === "applied" && m.after !== "applied").map((m) => ({ dp: d.name, m })));
  const head = `**${s.affected} of ${s.dataplanes} dataplane(s) affected**, ${s.breaking ? "**BREAKING**" : "not breaking"} (Kuma ${u.kumaVersion})`;
  const w = u.whatIf;
  const whatIf = w
    ? [
        `What-if: ${[...w.replaced.map((x) => `replaced ${x.kind} ${mdCode(x.name)}`), ...w.added.map((x) => `added ${x.kind} ${mdCode(x.name)}`), ...w.removed.map((x) => `removed ${x.kind} ${mdCode(x.name)}`)].slice(0, 6).join(", ")}`,
      ]
    : ["No what-if: nothing to compare (give `patches` or `remove`)"];
  const lines = [
    head,
    ...whatIf,
    ...mdList("Affected dataplanes", affected, dataplaneLine),
    ...mdList("What breaks", broken, ({ dp, r }) => `${mdCode(requestTarget(r.request))} from ${mdCode(dp)}: ${r.changes.filter((c) => isBreaking(c.field)).map(changeText).join(", ")}`),
    ...mdList("Modifications that stop applying", stopped, ({ dp, m }) => `${mdCode(m.source)} on ${mdCode(dp)}: ${m.before} → **${m.after}**${m.message ? `: ${mdMessage(m.message, 160)}` : ""}`),
    "",
    `${s.dataplanes} dataplane(s), ${s.affected} affected · ${s.requests} request(s), ${s.requestsChanged} changed · ${s.modificationsChanged} modification(s) change status${s.expectationsFailed > 0 ? ` · ${s.expectationsFailed} expectation(s) failed` : ""}`,
  ];
  return `${lines.slice(0, MAX_UPGRADE_MARKDOWN_LINES).join("\n")}\n`;
}
