/**
 * The Slack form (`?format=slack`) of POST /v1/upgrade, /v1/impact and /v1/passthrough-plan (issue #13 point 5): the
 * facts of each Markdown form as Block Kit mrkdwn, user text escaped as Slack's formatting guide asks (`&`, `<`, `>`
 * as entities; a zero-width space after `@`), a remedy on its own line, and within Slack's Block Kit limits
 * (section text up to 3000 characters, up to 50 blocks per message). Expected blocks are written by hand.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ImpactResult } from "../core/simulate/impact.js";
import type { PassthroughPlanResult } from "../core/simulate/passthrough-plan.js";
import type { RequestSide, UpgradeResult } from "../core/simulate/upgrade.js";
import { createApp } from "./app.js";
import { impactSlack, upgradeSlack } from "./slack-diff.js";
import { passthroughPlanSlack } from "./slack-plan.js";
import type { SlackMessage } from "./slack.js";

/** A policy name that would make a link, HTML and a channel mention if it were not escaped. */
const H = "[x](http://e)<b>@here</b>";
/** H as Slack must receive it. */
const HS = "[x](http://e)&lt;b&gt;@\u200bhere&lt;/b&gt;";
/** A fact long enough to be shortened, and the remedy that must survive whole. */
const LONG = `it appends a circuit-breaker threshold after one of the same priority, ${"and Envoy reads only the first threshold per priority ".repeat(8)}so the limits stay at Envoy's defaults.`;
const REMEDY = "Use jsonPatches (replace /circuitBreakers) instead.";

const side = (verdict: RequestSide["verdict"], cluster: string | null): RequestSide => ({ verdict, reason: "r", listener: null, cluster, limits: {} });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const section = (text: string) => ({ type: "section", text: mrkdwn(text) });
const context = (text: string) => ({ type: "context", elements: [mrkdwn(text)] });

/** Every block within Slack's limits, and at most 50 of them. */
function withinLimits(m: SlackMessage): void {
  expect(m.blocks.length).toBeLessThanOrEqual(50);
  for (const b of m.blocks) {
    const texts = "text" in b ? [b.text] : "fields" in b ? b.fields : b.elements;
    for (const t of texts) expect(t.text.length).toBeLessThanOrEqual(3000);
  }
}

const upgrade: UpgradeResult = {
  fromVersion: "2.13.10",
  toVersion: "2.14.3",
  requests: [
    {
      dataplane: H,
      request: { from: H, to: "http://example.com" },
      before: side("passthrough", H),
      after: side("blocked", null),
      changes: [
        { field: "verdict", before: "passthrough", after: "blocked", why: "w" },
        { field: "cluster", before: H, after: null, why: "w" },
      ],
      expectation: null,
    },
  ],
  modifications: [{ dataplane: "web-01", source: `${H}#0`, kind: "cluster", operation: "Patch", before: "applied", after: "ineffective", why: `${LONG} ${REMEDY}` }],
  resources: { "web-01": { renamed: [{ type: "cluster", before: "outbound:passthrough:ipv4", after: "self_passthrough", patches: [{ source: `${H}#0`, match: { name: "self_passthrough" } }] }], added: [], removed: [] } },
  notes: [{ class: "ignored", message: `Dataplane ${H}: inbound tags are ignored. Use labels.`, source: "s" }],
  summary: { requests: 1, requestsChanged: 1, verdictsChanged: 1, limitsChanged: 0, modifications: 1, modificationsChanged: 1, modificationsStoppedApplying: 1, renamed: 1, added: 0, removed: 0, notes: { ignored: 1 }, breaking: true },
  assumptions: [],
};

describe("upgradeSlack", () => {
  it("leads with what breaks, escapes user text everywhere, and keeps the remedy whole on its own line", () => {
    const m = upgradeSlack(upgrade);
    expect(m.text).toBe("BREAKING (Kuma 2.13.10 → 2.14.3): 1 of 1 request(s) change verdict or limits; 1 modification(s) stop applying");
    expect(m.blocks).toHaveLength(7);
    expect(m.blocks[0]).toEqual(section("*BREAKING* (Kuma 2.13.10 → 2.14.3): 1 of 1 request(s) change verdict or limits; 1 modification(s) stop applying"));
    expect(m.blocks[1]).toEqual(section(`*What breaks*\n• \`http://example.com\` from \`${HS}\`: verdict passthrough → blocked`));
    const stopped = (m.blocks[2] as { text: { text: string } }).text.text;
    expect(stopped.startsWith(`*Modifications that stop applying*\n• \`${HS}#0\` on \`web-01\`: applied → *ineffective*: it appends a circuit-breaker threshold`)).toBe(true);
    expect(stopped.endsWith(`…\n↳ ${REMEDY}`)).toBe(true);
    expect(m.blocks[3]).toEqual(section(`*Notes*\n• ignored: Dataplane ${HS}: inbound tags are ignored.\n↳ Use labels.`));
    expect(m.blocks[4]).toEqual(section(`*Other changes*\n• \`http://example.com\` from \`${HS}\`: cluster ${HS} → none`));
    expect(m.blocks[5]).toEqual(section(`*Renamed*\n• \`web-01\` cluster \`outbound:passthrough:ipv4\` → \`self_passthrough\` (breaks \`${HS}#0\`)`));
    expect(m.blocks[6]).toEqual(context("1 request(s), 1 changed · 1 modification(s), 1 changed · 1 renamed, 0 added, 0 removed resource(s)"));
  });

  it("says nothing breaks without a list", () => {
    const m = upgradeSlack({ ...upgrade, requests: [], modifications: [], resources: {}, notes: [], summary: { ...upgrade.summary, requests: 2, breaking: false } });
    expect(m.blocks[0]).toEqual(section("*NOT BREAKING* (Kuma 2.13.10 → 2.14.3): no verdict or limit of 2 request(s) changes and every applied modification still applies"));
    expect(m.blocks).toHaveLength(2);
  });

  it("stays within Slack's limits for 2000 changed requests and 2000 stopped modifications", () => {
    const m = upgradeSlack({
      ...upgrade,
      requests: Array.from({ length: 2000 }, (_, i) => ({ ...upgrade.requests[0]!, request: { from: "web", to: `http://h${i}.example.com` } })),
      modifications: Array.from({ length: 2000 }, () => upgrade.modifications[0]!),
    });
    withinLimits(m);
    expect(m.blocks).toHaveLength(7);
    const breaks = (m.blocks[1] as { text: { text: string } }).text.text;
    expect(breaks.split("\n")).toHaveLength(1 + 8 + 1);
    expect(breaks.endsWith("\n• … and 1992 more (ask for JSON)")).toBe(true);
    // Shown items are whole: each of the first modifications still ends with its remedy.
    const stopped = (m.blocks[2] as { text: { text: string } }).text.text;
    expect(stopped.split(`\n↳ ${REMEDY}`).length - 1).toBeGreaterThan(0);
    expect(stopped).toMatch(/\n• … and \d+ more \(ask for JSON\)$/);
  });
});

const impact: ImpactResult = {
  kumaVersion: "2.14.3",
  dataplanes: [
    {
      name: H,
      changed: true,
      resources: { added: { count: 0, first: [] }, removed: { count: 0, first: [] }, changed: { count: 2, first: [] } },
      modifications: [{ source: `${H}#0`, kind: "cluster", operation: "Patch", before: "applied", after: "ineffective", message: `${LONG} ${REMEDY}` }],
      requests: [{ request: { from: H, to: "http://example.com" }, before: side("passthrough", "a"), after: side("passthrough", "a"), changes: [{ field: "limits.connectTimeout", before: "99s", after: "5s", why: "w" }], expectation: null }],
    },
    { name: "db-01", changed: false },
  ],
  summary: { dataplanes: 2, affected: 1, requests: 1, requestsChanged: 1, verdictsChanged: 0, limitsChanged: 1, modificationsChanged: 1, modificationsStoppedApplying: 1, expectationsFailed: 0, breaking: true },
  assumptions: [],
  whatIf: { replaced: [{ kind: "MeshProxyPatch", mesh: "default", name: H, path: "patches[0]" }], added: [], removed: [] },
};

describe("impactSlack", () => {
  it("leads with the affected dataplanes, then what breaks; user text escaped, remedy whole", () => {
    const m = impactSlack(impact);
    expect(m.text).toBe("1 of 2 dataplane(s) affected, BREAKING (Kuma 2.14.3)");
    expect(m.blocks).toHaveLength(6);
    expect(m.blocks[0]).toEqual(section("*1 of 2 dataplane(s) affected*, *BREAKING* (Kuma 2.14.3)"));
    expect(m.blocks[1]).toEqual(context(`What-if: replaced MeshProxyPatch \`${HS}\``));
    expect(m.blocks[2]).toEqual(section(`*Affected dataplanes*\n• \`${HS}\`: 0 added, 0 removed, 2 changed resource(s); 1 modification(s) change status; 1 request(s) change`));
    expect(m.blocks[3]).toEqual(section(`*What breaks*\n• \`http://example.com\` from \`${HS}\`: limits.connectTimeout 99s → 5s`));
    const stopped = (m.blocks[4] as { text: { text: string } }).text.text;
    expect(stopped.startsWith(`*Modifications that stop applying*\n• \`${HS}#0\` on \`${HS}\`: applied → *ineffective*: it appends`)).toBe(true);
    expect(stopped.endsWith(`…\n↳ ${REMEDY}`)).toBe(true);
    expect(m.blocks[5]).toEqual(context("2 dataplane(s), 1 affected · 1 request(s), 1 changed · 1 modification(s) change status"));
  });

  it("says there is nothing to compare without a what-if", () => {
    const m = impactSlack({ ...impact, dataplanes: [], whatIf: undefined, summary: { ...impact.summary, affected: 0, dataplanes: 3, breaking: false } });
    expect(m.blocks[0]).toEqual(section("*0 of 3 dataplane(s) affected*, not breaking (Kuma 2.14.3)"));
    expect(m.blocks[1]).toEqual(context("No what-if: nothing to compare (give `patches` or `remove`)"));
  });

  it("stays within Slack's limits for 2000 affected dataplanes", () => {
    const m = impactSlack({ ...impact, dataplanes: Array.from({ length: 2000 }, (_, i) => ({ ...impact.dataplanes[0]!, name: `web-${i}` })) });
    withinLimits(m);
    expect(m.blocks).toHaveLength(6);
    expect((m.blocks[2] as { text: { text: string } }).text.text.endsWith("\n• … and 1992 more (ask for JSON)")).toBe(true);
  });
});

const dest = { host: H, port: 443, protocol: "tls" as const, input: "destinations[0]" };
const plan: PassthroughPlanResult = {
  kumaVersion: "2.14.3",
  dataplanes: ["web-01"],
  meshFlag: "read",
  blocked: [{ destination: dest, situations: ["mesh-passthrough-off"], dataplanes: ["web-01"], reason: `no filter chain matches ${H}`, entry: null }],
  notNeeded: [{ destination: { ...dest, host: "api.github.com", ip: "140.82.112.6" }, status: "covered", dataplanes: ["web-01"], why: "an entry lets it out" }],
  meshPassthrough: { name: "passthrough-plan", meshes: ["default"], entries: 1, universal: "type: MeshPassthrough\nname: passthrough-plan\n", kubernetes: "", admission: { passed: true, errors: [] } },
  proof: [],
  summary: { destinations: 2, dataplanes: 1, blocked: 1, notNeeded: 1, stillBlocked: 1, covered: false },
  problems: [`destinations[0]: ${H} ${"is not a DNS name ".repeat(40)}; give the address it connects to as \`ip\``],
  notes: ["n"],
  assumptions: [],
};

describe("passthroughPlanSlack", () => {
  it("leads with the blocked destinations; user text escaped, remedy whole, the YAML in a code block", () => {
    const m = passthroughPlanSlack(plan);
    expect(m.text).toBe("STILL BLOCKED (Kuma 2.14.3, 2 destination(s) from 1 dataplane(s)): 1 destination(s) stay blocked even with the plan");
    expect(m.blocks).toHaveLength(6);
    expect(m.blocks[0]).toEqual(section("*STILL BLOCKED* (Kuma 2.14.3, 2 destination(s) from 1 dataplane(s)): 1 destination(s) stay blocked even with the plan"));
    const problems = (m.blocks[1] as { text: { text: string } }).text.text;
    expect(problems.startsWith(`*Problems*\n• destinations[0]: ${HS} is not a DNS name`)).toBe(true);
    expect(problems.endsWith("…\n↳ give the address it connects to as `ip`")).toBe(true);
    expect(m.blocks[2]).toEqual(section(`*Blocked with passthrough off*\n• \`tls://${HS}:443\` (mesh-passthrough-off): no filter chain matches ${HS}`));
    expect(m.blocks[3]).toEqual(section("*No entry needed*\n• `tls://api.github.com:443 (140.82.112.6)` *covered*: an entry lets it out"));
    expect(m.blocks[4]).toEqual(section("*Notes*\n• n"));
    expect(m.blocks[5]).toEqual(section("*MeshPassthrough* (Universal; Kubernetes form in JSON `meshPassthrough.kubernetes`)\n```\ntype: MeshPassthrough\nname: passthrough-plan\n```"));
  });

  it("says a release before 2.8 has no plan, and a YAML too long for one section is left to the JSON", () => {
    const none = passthroughPlanSlack({ ...plan, meshPassthrough: undefined, problems: [], alternatives: ["a"] });
    expect(none.blocks[0]).toEqual(section("*NO PLAN* (Kuma 2.14.3, 2 destination(s) from 1 dataplane(s)): 1 would be blocked with passthrough off, and this release has no MeshPassthrough (from 2.8)"));
    expect(none.blocks.at(-2)).toEqual(section("*Alternatives*\n• a"));
    const yaml = Array.from({ length: 200 }, (_, i) => `  - value: host-${i}.example.com`).join("\n");
    const long = passthroughPlanSlack({ ...plan, meshPassthrough: { ...plan.meshPassthrough!, universal: yaml } });
    expect(long.blocks.at(-1)).toEqual(context("The MeshPassthrough (200 lines) is in the JSON answer: `meshPassthrough.universal` and `meshPassthrough.kubernetes`"));
  });

  it("stays within Slack's limits for 2000 blocked destinations", () => {
    const m = passthroughPlanSlack({ ...plan, blocked: Array.from({ length: 2000 }, (_, i) => ({ ...plan.blocked[0]!, destination: { ...dest, host: `h${i}.example.com` } })) });
    withinLimits(m);
    expect((m.blocks[2] as { text: { text: string } }).text.text.endsWith("\n• … and 1992 more (ask for JSON)")).toBe(true);
  });
});

describe("?format=slack on the three checks", () => {
  const app = createApp();
  const post = (path: string, body: unknown) => app.request(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  const slack = async (path: string, body: unknown) => {
    const res = await post(path, body);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    return (await res.json()) as SlackMessage;
  };
  // The docs' MeshProxyPatch (scenario e): 2.13 → 2.14 breaks its circuit-breaker limits (app.upgrade.test.ts).
  const docs = parse(readFileSync(new URL("../../test/scenarios/e-docs-patch-2.14/input.yaml", import.meta.url), "utf8")) as { resources: unknown[] };
  const DP = { type: "Dataplane", mesh: "default", name: "web-01", networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 } } };

  it("POST /v1/upgrade: what breaks first", async () => {
    const m = await slack("/v1/upgrade?format=slack", { fromVersion: "2.13", toVersion: "2.14", resources: docs.resources, requests: [{ from: "web-01", to: "http://example.com", ip: "93.184.216.34" }] });
    expect(m.text).toBe("BREAKING (Kuma 2.13.10 → 2.14.3): 1 of 1 request(s) change verdict or limits; 1 modification(s) stop applying");
    expect(JSON.stringify(m.blocks[1])).toContain("*What breaks*\\n• `http://example.com` from `web-01`: limits.circuitBreakers.maxConnections 2048 → 1024");
    expect(JSON.stringify(m.blocks[2])).toContain("\\n↳ Use jsonPatches (replace /circuitBreakers) instead.");
  });

  it("POST /v1/impact: the affected dataplanes first", async () => {
    const p = { type: "MeshProxyPatch", mesh: "default", name: "p", spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: [{ cluster: { operation: "Patch", match: { name: "outbound:passthrough:ipv4" }, jsonPatches: [{ op: "replace", path: "/connectTimeout", value: "7s" }] } }] } } };
    const m = await slack("/v1/impact?format=slack", { kumaVersion: "2.14", resources: [DP], patches: [p], requests: [{ from: "web-01", to: "http://example.com", ip: "93.184.216.34" }] });
    expect(m.text).toBe("1 of 1 dataplane(s) affected, BREAKING (Kuma 2.14.3)");
    expect(m.blocks[1]).toEqual(context("What-if: added MeshProxyPatch `p`"));
    expect(m.blocks[2]).toEqual(section("*Affected dataplanes*\n• `web-01`: 0 added, 0 removed, 1 changed resource(s); 1 modification(s) change status; 1 request(s) change"));
    expect(m.blocks[3]).toEqual(section("*What breaks*\n• `http://example.com` from `web-01`: limits.connectTimeout 5s → 7s"));
  });

  it("POST /v1/passthrough-plan: the blocked destinations first", async () => {
    // The case (passthrough-plan-cases/a): two of five destinations blocked with the Mesh flag off, one entry each.
    const a = parse(readFileSync(new URL("../core/simulate/passthrough-plan-cases/a-mesh-passthrough-false-five-destinations-2.14.yaml", import.meta.url), "utf8")) as { body: unknown };
    const m = await slack("/v1/passthrough-plan?format=slack", a.body);
    expect(m.blocks[0]).toEqual(section("*SAFE WITH PLAN* (Kuma 2.14.3, 5 destination(s) from 1 dataplane(s)): 2 would be blocked; MeshPassthrough `passthrough-plan` (2 entries) keeps every one working, proven by re-simulation"));
    const blocked = (m.blocks[1] as { text: { text: string } }).text.text.split("\n");
    expect(blocked[0]).toBe("*Blocked with passthrough off*");
    expect(blocked[1]!.startsWith("• `tls://api.stripe.com:443 (54.187.216.72)` (mesh-passthrough-off, matched-without-entry): ")).toBe(true);
    expect(blocked[2]!.startsWith("• `tcp://198.51.100.7:6379` (mesh-passthrough-off, matched-without-entry): ")).toBe(true);
    expect(JSON.stringify(m.blocks.at(-1))).toContain("value: api.stripe.com");
  });
});
