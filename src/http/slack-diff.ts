/**
 * The Slack form (`?format=slack`) of the two diff checks, `POST /v1/upgrade` and `POST /v1/impact`: the same facts
 * as their Markdown forms (src/core/simulate/upgrade-markdown.ts, impact-markdown.ts), in the same order, so what
 * breaks leads: the verdict line, then what breaks and the modifications that stop applying, then the rest and the
 * counts. Every list is one section of whole items (listSection), so a message has at most nine blocks however large
 * the input.
 */
import type { FieldChange } from "../core/simulate/compare.js";
import type { ImpactDataplane, ImpactResult } from "../core/simulate/impact.js";
import type { UpgradeRequest, UpgradeResult } from "../core/simulate/upgrade.js";
import { requestTarget } from "../core/simulate/upgrade-markdown.js";
import { dataplaneChanges } from "../core/simulate/impact-markdown.js";
import { clip, code, listSection, MAX_SECTION, message, mrkdwn, slackText, type SlackBlock, type SlackMessage } from "./slack.js";

/** As both Markdown forms: a verdict or a limit changing breaks; who sets a limit, a listener or a cluster name does not. */
const isBreaking = (field: string) => field === "verdict" || field.startsWith("limits.");

/** A changed field and its two values; values can be user text (cluster and listener names, a limit's policy). */
export function changeSlack(c: Pick<FieldChange, "field" | "before" | "after">): string {
  return `${slackText(c.field)} ${slackText(String(c.before ?? "none"))} → ${slackText(String(c.after ?? "none"))}`;
}

function requestLine(target: string, dataplane: string, changes: readonly FieldChange[], breaking: boolean): string {
  return `${code(target)} from ${code(dataplane)}: ${changes.filter((c) => isBreaking(c.field) === breaking).map(changeSlack).join(", ")}`;
}

const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(clip(text, MAX_SECTION)) });
const context = (text: string): SlackBlock => ({ type: "context", elements: [mrkdwn(clip(text, MAX_SECTION))] });

/** The upgrade check as a Slack message. */
export function upgradeSlack(u: UpgradeResult): SlackMessage {
  const s = u.summary;
  const line = (r: UpgradeRequest, breaking: boolean) => requestLine(requestTarget(r.request), r.dataplane, r.changes, breaking);
  const broken = u.requests.filter((r) => r.changes.some((c) => isBreaking(c.field)));
  const stopped = u.modifications.filter((m) => m.before === "applied" && m.after !== "applied");
  const other = u.requests.filter((r) => r.changes.some((c) => !isBreaking(c.field)));
  const renamed = Object.entries(u.resources).flatMap(([dp, r]) => r.renamed.map((x) => ({ dp, ...x })));
  const releases = `Kuma ${slackText(u.fromVersion)} → ${slackText(u.toVersion)}`;
  const verdict = s.breaking ? "BREAKING" : "NOT BREAKING";
  const why = s.breaking
    ? [broken.length > 0 ? `${broken.length} of ${s.requests} request(s) change verdict or limits` : "", stopped.length > 0 ? `${stopped.length} modification(s) stop applying` : ""].filter((x) => x !== "").join("; ")
    : `no verdict or limit of ${s.requests} request(s) changes and every applied modification still applies`;
  return {
    text: `${verdict} (${releases}): ${why}`,
    blocks: [
      section(`*${verdict}* (${releases}): ${why}`),
      ...listSection("What breaks", broken.map((r) => line(r, true))),
      ...listSection("Modifications that stop applying", stopped.map((m) => `${code(m.source)} on ${code(m.dataplane)}: ${m.before} → *${m.after}*: ${message(m.why, 300)}`)),
      ...listSection("Notes", u.notes.map((n) => `${n.class}: ${message(n.message, 300)}`)),
      ...listSection("Other changes", other.map((r) => line(r, false))),
      ...listSection(
        "Renamed",
        renamed.map((r) => `${code(r.dp)} ${slackText(r.type)} ${code(r.before)} → ${code(r.after)}${r.patches.length > 0 ? ` (breaks ${r.patches.map((p) => code(p.source)).join(", ")})` : ""}`),
      ),
      context(`${s.requests} request(s), ${s.requestsChanged} changed · ${s.modifications} modification(s), ${s.modificationsChanged} changed · ${s.renamed} renamed, ${s.added} added, ${s.removed} removed resource(s)`),
    ],
  };
}

const dataplaneLine = (d: ImpactDataplane): string => `${code(d.name)}: ${dataplaneChanges(d)}`;

/** The impact check as a Slack message. */
export function impactSlack(u: ImpactResult): SlackMessage {
  const s = u.summary;
  const affected = u.dataplanes.filter((d) => d.changed);
  const broken = u.dataplanes.flatMap((d) => (d.requests ?? []).filter((r) => r.changes.some((c) => isBreaking(c.field))).map((r) => requestLine(requestTarget(r.request), d.name, r.changes, true)));
  const stopped = u.dataplanes.flatMap((d) =>
    (d.modifications ?? []).filter((m) => m.before === "applied" && m.after !== "applied").map((m) => `${code(m.source)} on ${code(d.name)}: ${m.before} → *${m.after}*${m.message ? `: ${message(m.message, 300)}` : ""}`),
  );
  const head = `${s.affected} of ${s.dataplanes} dataplane(s) affected`;
  const breaking = s.breaking ? "BREAKING" : "not breaking";
  const w = u.whatIf;
  // The first six what-ifs, as the Markdown names them; the JSON has every one.
  const whatIf = w
    ? `What-if: ${[...w.replaced.map((x) => `replaced ${slackText(x.kind)} ${code(x.name)}`), ...w.added.map((x) => `added ${slackText(x.kind)} ${code(x.name)}`), ...w.removed.map((x) => `removed ${slackText(x.kind)} ${code(x.name)}`)].slice(0, 6).join(", ")}`
    : "No what-if: nothing to compare (give `patches` or `remove`)";
  return {
    text: `${head}, ${breaking} (Kuma ${slackText(u.kumaVersion)})`,
    blocks: [
      section(`*${head}*, ${s.breaking ? "*BREAKING*" : "not breaking"} (Kuma ${slackText(u.kumaVersion)})`),
      context(whatIf),
      ...listSection("Affected dataplanes", affected.map(dataplaneLine)),
      ...listSection("What breaks", broken),
      ...listSection("Modifications that stop applying", stopped),
      context(
        `${s.dataplanes} dataplane(s), ${s.affected} affected · ${s.requests} request(s), ${s.requestsChanged} changed · ${s.modificationsChanged} modification(s) change status${s.expectationsFailed > 0 ? ` · ${s.expectationsFailed} expectation(s) failed` : ""}`,
      ),
    ],
  };
}
