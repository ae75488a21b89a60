/**
 * The Markdown answers: a verdict line, the path, a GitHub-Flavored-Markdown table (GFM spec §4.10: a "|"
 * inside a cell is written "\|"), short lists, and never more than 40 lines.
 */
import { describe, expect, it } from "vitest";
import type { SimulationResult } from "../core/simulate/result.js";
import type { BatchResult } from "../core/simulate/result.js";
import type { ModificationReport } from "../core/model/modification.js";
import { MAX_MARKDOWN_LINES, batchMarkdown, simulationMarkdown, splitRemedy } from "../core/simulate/markdown.js";

const base: SimulationResult = {
  kumaVersion: "2.14.3",
  dataplane: "default/web-1",
  verdict: "passthrough",
  reason: { code: "passthrough", message: "leaves the mesh" },
  listener: { name: "outbound:passthrough:ipv4", address: "0.0.0.0:15001" },
  filterChain: { index: 0, name: null },
  route: null,
  cluster: { name: "outbound:passthrough:ipv4", type: "ORIGINAL_DST" },
  limits: {},
  policies: [],
  modifications: [],
  warnings: [],
  assumptions: [],
};
const mod = (i: number, message?: string): ModificationReport => ({ source: `p#${i}`, policy: "p", policyIndex: i, index: i, kind: "cluster", operation: "Patch", status: "applied", matched: [], hints: [], ...(message ? { message } : {}) });

describe("simulationMarkdown", () => {
  it("verdict in capitals, then version, dataplane and the path through the config", () => {
    expect(simulationMarkdown(base)).toBe(
      "**PASSTHROUGH**: leaves the mesh\nKuma 2.14.3 · dataplane `default/web-1` · listener `outbound:passthrough:ipv4` → chain #0 → cluster `outbound:passthrough:ipv4` (ORIGINAL_DST)\n",
    );
  });
  it("a named chain, a virtual host, and a missing cluster", () => {
    const md = simulationMarkdown({ ...base, filterChain: { index: 1, name: "http" }, route: { routeConfiguration: "rc", virtualHost: "vh", route: 0 }, cluster: { name: "gone", type: null } });
    expect(md.split("\n")[1]).toBe("Kuma 2.14.3 · dataplane `default/web-1` · listener `outbound:passthrough:ipv4` → chain `http` → vhost `vh` → cluster `gone` (missing)");
  });
  it("no path when nothing was reached", () => {
    expect(simulationMarkdown({ ...base, listener: null, filterChain: null, cluster: null }).split("\n")[1]).toBe("Kuma 2.14.3 · dataplane `default/web-1`");
  });
  it("backticks inside a code span become ' so the span cannot break (CommonMark §6.1)", () => {
    expect(simulationMarkdown({ ...base, dataplane: "a`b" }).split("\n")[1]).toContain("dataplane `a'b`");
  });
  it("the limits table lists the limits present, escaping | and folding newlines in cells", () => {
    const md = simulationMarkdown({ ...base, limits: { connectTimeout: { value: "5s", source: "envoy-default" }, idleTimeout: { value: "1h", source: "a|b\nc" } } });
    expect(md.split("\n").slice(2)).toEqual(["", "| limit | value | source |", "|---|---|---|", "| connect timeout | 5s | envoy-default |", "| idle timeout | 1h | a\\|b c |", ""]);
  });
  it("lists show four items, then how many more", () => {
    const md = simulationMarkdown({ ...base, modifications: [0, 1, 2, 3, 4, 5].map((i) => mod(i)) });
    const lines = md.trimEnd().split("\n");
    expect(lines.slice(-6)).toEqual(["**Modifications**", "- `p#0` cluster Patch: **applied**", "- `p#1` cluster Patch: **applied**", "- `p#2` cluster Patch: **applied**", "- `p#3` cluster Patch: **applied**", "- … and 2 more (ask for JSON)"]);
  });
  it("messages are one line, cut with … at their limit", () => {
    const md = simulationMarkdown({ ...base, reason: { code: "passthrough", message: `a\n  b ${"x".repeat(300)}` } });
    const first = md.split("\n")[0]!;
    expect(first.startsWith("**PASSTHROUGH**: a b x")).toBe(true);
    expect(first.length).toBe("**PASSTHROUGH**: ".length + 220);
    expect(first.endsWith("…")).toBe(true);
  });
  it(`never more than ${MAX_MARKDOWN_LINES} lines`, () => {
    expect(MAX_MARKDOWN_LINES).toBe(40);
    const warnings = Array.from({ length: 10 }, (_, i) => ({ code: "envoy-nack" as const, message: `w${i}` }));
    const limits = Object.fromEntries(["connectTimeout", "idleTimeout", "routeTimeout", "streamIdleTimeout"].map((k) => [k, { value: "1s", source: "kuma" }]));
    const md = simulationMarkdown({ ...base, limits, warnings, modifications: [0, 1, 2, 3, 4].map((i) => mod(i, "m")) });
    expect(md.endsWith("\n")).toBe(true);
    expect(md.split("\n").length - 1).toBeLessThanOrEqual(40);
  });
});

describe("batchMarkdown", () => {
  const row = (i: number, passed: boolean | null): BatchResult["results"][number] => ({
    ...base,
    dataplane: "default/web-1",
    warnings: [],
    assumptions: [],
    cluster: i % 2 === 0 ? { name: `c|${i}`, type: "ORIGINAL_DST" } : null,
    expectation: passed === null ? null : passed ? { passed: true, failures: [] } : { passed: false, failures: [{ field: "verdict", expected: "blocked", actual: "passthrough" }] },
  });
  const batch = (results: BatchResult["results"], passed: number, failed: number): BatchResult => ({ kumaVersion: "2.14.3", results, dataplanes: {}, summary: { total: passed + failed, passed, failed, modifications: { applied: 0, "no-match": 0, ineffective: 0, failed: 0, skipped: 0, rejected: 0 }, warnings: {} } });

  it("PASS when nothing failed; one table row per request", () => {
    expect(batchMarkdown(batch([row(0, true), row(1, null)], 1, 0), ["http://a|b", "tcp://c:1"])).toBe(
      "**PASS**: 1/1 expectations hold\n\n| # | to | verdict | cluster | expectation |\n|---|---|---|---|---|\n| 0 | `http://a\\|b` | passthrough | `c\\|0` | pass |\n| 1 | `tcp://c:1` | passthrough | — | — |\n",
    );
  });
  it("FAIL with the count and each failure's field, wanted and actual value", () => {
    const md = batchMarkdown(batch([row(0, false)], 0, 1), ["x"]);
    expect(md.split("\n")[0]).toBe("**FAIL**: 0/1 expectations hold, 1 failed");
    expect(md).toContain("| **FAIL** verdict: want blocked, got passthrough |");
  });
  it("a modification's or warning's failure shows its message; a failOn warning names its code", () => {
    const failures = [
      { field: "modifications.p#0", expected: "applied", actual: "ineffective", source: "p#0", message: "p#0 (cluster Patch) is ineffective, expected applied: a | b", hints: [] },
      { field: "warnings.envoy-nack", expected: "absent", actual: "present", code: "envoy-nack" as const, message: "Envoy rejects it" },
      { field: "failOn", expected: null, actual: "host-unresolved", code: "host-unresolved" as const, message: "x has no IP" },
    ];
    const md = batchMarkdown(batch([{ ...row(0, false), expectation: { passed: false, failures } }], 0, 1), ["x"]);
    expect(md).toContain(
      "| **FAIL** modifications.p\\#0: p\\#0 (cluster Patch) is ineffective, expected applied: a \\| b; warnings.envoy-nack: want absent, got present: Envoy rejects it; failOn: host-unresolved: x has no IP |",
    );
  });
  it("at most 25 rows, then a count of the rest, within 40 lines", () => {
    const results = Array.from({ length: 30 }, (_, i) => row(i, null));
    const lines = batchMarkdown(batch(results, 0, 0), []).trimEnd().split("\n");
    expect(lines).toHaveLength(4 + 25 + 1);
    expect(lines.at(-1)).toBe("| … | 5 more | | | |");
  });
});

describe("remedies and escaping", () => {
  // The message meshsim gives the docs' MeshProxyPatch on 2.14 (src/core/policies/meshproxypatch): its fix is the last sentence.
  const INEFFECTIVE = `it appends a circuit-breaker threshold after one of the same priority (Kuma 2.14 puts {trackRemaining: true} first, and value: patches append to repeated fields); Envoy reads only the first threshold per priority, so the limits stay at Envoy's defaults. Use jsonPatches (replace /circuitBreakers) instead.`;
  it("a message's remedy is never cut: it gets its own line, and the fact is what gets shortened", () => {
    const md = simulationMarkdown({ ...base, modifications: [{ ...mod(0, INEFFECTIVE), status: "ineffective" }] });
    const lines = md.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("  ↳ Use jsonPatches (replace /circuitBreakers) instead.");
    expect(lines.at(-2)!.startsWith("- `p#0` cluster Patch: **ineffective**: it appends")).toBe(true);
  });
  it("a warning repeating a listed modification's message points at it instead of repeating it", () => {
    const md = simulationMarkdown({ ...base, modifications: [mod(0, INEFFECTIVE)], warnings: [{ code: "ineffective-modification", message: `p#0: ${INEFFECTIVE}` }] });
    expect(md.trimEnd().split("\n").at(-1)).toBe("- `ineffective-modification` `p#0`: see Modifications");
  });
  it("a warning about a modification whose entry does not carry its text is listed whole, remedy included", () => {
    // src/core/policies/meshproxypatch/plugin.ts words kuma-ignores-zero so; the applied modification itself has no message.
    const w = { code: "kuma-ignores-zero" as const, message: "p#0: value.ignore_health_on_host_removal is set to its zero value, which Kuma's proto merge ignores (use jsonPatches to zero a field)" };
    const lines = simulationMarkdown({ ...base, modifications: [mod(0)], warnings: [w] }).trimEnd().split("\n");
    expect(lines.slice(-2)).toEqual(["- `kuma-ignores-zero` p\\#0: value.ignore\\_health\\_on\\_host\\_removal is set to its zero value, which Kuma's proto merge ignores", "  ↳ (use jsonPatches to zero a field)"]);
  });
  it("a remedy after a semicolon is kept whole when the fact is cut", () => {
    // The other kuma-ignores-zero wording (plugin.ts ignoredZeros), with names long enough that the fact passes 180 characters.
    const w = { code: "kuma-ignores-zero" as const, message: `zero-the-buffer-limit-for-passthrough#0: "perConnectionBufferLimitBytes: 0" has no effect on cluster outbound:passthrough:ipv4: Kuma's proto merge skips zero values (pkg/util/proto/google_proto.go); use jsonPatches (replace) to zero a field` };
    const lines = simulationMarkdown({ ...base, warnings: [w] }).trimEnd().split("\n");
    expect(lines.at(-2)!.endsWith("…")).toBe(true);
    expect(lines.at(-1)).toBe("  ↳ use jsonPatches (replace) to zero a field");
  });
  it("a capitalised name after a colon in a citation is not a remedy", () => {
    // The 3.0 change note (src/core/model/versions.ts) cites "pkg/plugins/policies/meshtls/plugin/v1alpha1/plugin.go: Apply skips …".
    expect(splitRemedy("the proxy changes (meshtls plugin.go: Apply skips a proxy without a workload identity)")).toEqual({ fact: "the proxy changes (meshtls plugin.go: Apply skips a proxy without a workload identity)", remedy: undefined });
    expect(splitRemedy("Envoy rejects it; remove the field")).toEqual({ fact: "Envoy rejects it;", remedy: "remove the field" });
  });
  it("user text in the limits table makes no link, HTML or mention (a policy name is user text)", () => {
    const md = simulationMarkdown({ ...base, limits: { connectTimeout: { value: "99s", source: "[x](http://evil.example)<b>@here</b>#0" } } });
    expect(md.trimEnd().split("\n").at(-1)).toBe("| connect timeout | 99s | \\[x\\](http:\u200b//evil.example)\\<b\\>@\u200bhere\\</b\\>\\#0 |");
  });
  it("user text makes no link, image, HTML or mention on GitHub", () => {
    const hostile = "[click](http://evil.example) ![img](x.png) <img src=x onerror=alert(1)> @octocat www.evil.example *bold* `tick`";
    const md = simulationMarkdown({ ...base, reason: { code: "passthrough", message: hostile } });
    const first = md.split("\n")[0]!;
    expect(first).toBe(
      "**PASSTHROUGH**: \\[click\\](http:\u200b//evil.example) \\!\\[img\\](x.png) \\<img src=x onerror=alert(1)\\> @\u200boctocat www\u200b.evil.example \\*bold\\* \\`tick\\`",
    );
  });
  it(`remedies are kept whole when the lists are shortened to stay within ${MAX_MARKDOWN_LINES} lines`, () => {
    const limits = Object.fromEntries(["connectTimeout", "idleTimeout", "routeTimeout", "streamIdleTimeout"].map((k) => [k, { value: "1s", source: "kuma" }]));
    const mods = [0, 1, 2, 3, 4, 5].map((i) => mod(i, INEFFECTIVE));
    const warnings = Array.from({ length: 6 }, (_, i) => ({ code: "envoy-nack" as const, message: `w${i}: Envoy rejects it. Remove the field.` }));
    const lines = simulationMarkdown({ ...base, limits, modifications: mods, warnings }).trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(MAX_MARKDOWN_LINES);
    // Every entry shown is followed by its whole remedy.
    const entries = lines.filter((l) => l.startsWith("- `"));
    expect(entries.length).toBeGreaterThan(0);
    for (const l of entries) expect(lines[lines.indexOf(l) + 1]).toMatch(/^ {2}↳ (Use jsonPatches \(replace \/circuitBreakers\) instead\.|Remove the field\.)$/);
  });
});
