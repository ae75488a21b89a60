/**
 * `npm run conformance`: compares what meshsim's core generates (and the MeshPassthrough admission
 * messages it gives) with Kuma's own golden files, field by field (issue #3, point 5).
 *
 *   KUMA_GOLDEN_DIR   golden root with tp/, mpt/, mpp/ (default: the directory `main()` names, outside this
 *                     repository: Kuma's goldens are Kuma's files and are never copied in)
 *   --suite=NAME      only this suite (tp, mpt, mpp); repeatable
 *   --all             also run goldens that are not covered yet but have a closest input, and compare the
 *                     resources a case excludes (to see meshsim's gaps); their differences fail the run too
 *   --json            print the report as JSON
 *   --kuma-src DIR    instead of the golden dir, read Kuma's test data with git from DIR (a Kuma checkout or a
 *                     bare mirror) at the `.0` and newest patch of every supported minor (lib/upstream.ts,
 *                     upstream/suites.ts); --suite then names those suites. Ends with a per-suite, per-tag table
 *                     (matched/compared, not covered, skipped); --json has it as `table`.
 *
 * Per suite it prints matched/compared, each difference (resource missing in meshsim, extra in meshsim, or
 * a field: JSON pointer, Kuma's value, meshsim's value), every masked field of a compared golden
 * (`masked: <resource> <pointer> (<reason>)`, lib/mask.ts) and every golden field a case gave meshsim as
 * input (`input from golden: ...`), then every skipped and every not-covered golden with the reason.
 * Exit status 1 on any difference or error; skipped and not-covered goldens do not fail.
 */
import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { show, shortType, type FieldDiff, type ResourceDiff } from "./lib/compare.js";
import { openKumaSource } from "./lib/kuma-src.js";
import { runSuite } from "./lib/suite.js";
import { runUpstream, tableOf, tableText } from "./lib/upstream.js";
import type { AppliedMask, GoldenInput, Outcome, Suite } from "./lib/types.js";
import { mppSuite } from "./mpp.js";
import { mptSuite } from "./mpt.js";
import { tpSuite } from "./tp.js";
import { UPSTREAM_SUITES } from "./upstream/suites.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

const USAGE = "usage: npm run conformance -- [--suite=NAME]... [--all] [--json] [--kuma-src DIR]";

function parseArgs(argv: readonly string[]): { all: boolean; json: boolean; suites: string[]; kumaSrc?: string } {
  const out: { all: boolean; json: boolean; suites: string[]; kumaSrc?: string } = { all: false, json: false, suites: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--all") out.all = true;
    else if (a === "--json") out.json = true;
    else if (a.startsWith("--suite=")) out.suites.push(a.slice("--suite=".length));
    else if (a.startsWith("--kuma-src=")) out.kumaSrc = a.slice("--kuma-src=".length);
    else if (a === "--kuma-src" && argv[i + 1] !== undefined) out.kumaSrc = argv[++i]!;
    else {
      console.error(`unknown argument ${a}; ${USAGE}`);
      process.exit(2);
    }
  }
  if (out.kumaSrc === "") {
    console.error(`--kuma-src needs a directory; ${USAGE}`);
    process.exit(2);
  }
  return out;
}

function fieldLine(f: FieldDiff): string {
  const k = f.inKuma ? show(f.kuma) : "(absent)";
  const m = f.inMeshsim ? show(f.meshsim) : "(absent)";
  return `${f.pointer || "/"}: Kuma ${k}, meshsim ${m}`;
}

function diffLines(d: ResourceDiff): string[] {
  const id = `${shortType(d.typeUrl)} "${d.name}"`;
  if (d.kind === "missing") return [`missing ${id}: in Kuma's golden, not in meshsim's output: ${show(d.value, 400)}`];
  if (d.kind === "extra") return [`extra ${id}: in meshsim's output, not in Kuma's golden: ${show(d.value, 400)}`];
  return d.fields.map((f) => `${id} ${fieldLine(f)}`);
}

function maskLine(m: AppliedMask): string {
  return `masked: ${shortType(m.typeUrl)} "${m.name}" ${m.pointer} (${m.reason}${m.side === "kuma" ? "; removed from Kuma's side only" : ""})`;
}

function goldenInputLine(g: GoldenInput): string {
  return `input from golden: ${shortType(g.typeUrl)} "${g.name}" ${g.pointer} (${g.reason}; equal by construction, not evidence of a match)`;
}

interface SuiteReport {
  readonly suite: string;
  readonly title: string;
  readonly matched: number;
  readonly compared: number;
  readonly outcomes: readonly Outcome[];
}

function failed(o: Outcome): boolean {
  return o.kind === "error" || (o.kind === "compared" && o.diffs.length > 0);
}

function printText(root: string, all: boolean, reports: readonly SuiteReport[], table?: readonly string[]): void {
  console.log(`meshsim conformance against Kuma's goldens in ${root}${all ? " (--all: not-covered goldens with a closest input and excluded resources are compared too)" : ""}`);
  for (const r of reports) {
    console.log(`\n== ${r.suite} (${r.title}): ${r.matched}/${r.compared} goldens match`);
    for (const o of r.outcomes) {
      if (o.kind === "compared") {
        const mark = o.diffs.length === 0 ? "✓" : "✗";
        const caveats = [
          ...(o.masked.length > 0 ? [`${o.masked.length} masked fields`] : []),
          ...(o.fromGolden.length > 0 ? [`${o.fromGolden.length} fields given from the golden`] : []),
        ];
        const count =
          o.diffs.length === 0
            ? o.resources === 0
              ? "no resources on either side, as expected"
              : `${o.resources} resources identical${caveats.length > 0 ? ` except ${caveats.join(" and ")}` : ""}`
            : `${o.diffs.reduce((n, d) => n + Math.max(1, d.fields.length), 0)} differences${caveats.length > 0 ? `; ${caveats.join(", ")}` : ""}`;
        console.log(`  ${mark} ${o.file}  [${count}]`);
        console.log(`      ${o.describe}`);
        if (o.attemptedReason) console.log(`      note: ${o.attemptedReason}`);
        for (const n of o.notes) console.log(`      note: ${n}`);
        for (const m of o.masked) console.log(`      ${maskLine(m)}`);
        for (const g of o.fromGolden) console.log(`      ${goldenInputLine(g)}`);
        for (const d of o.diffs) for (const line of diffLines(d)) console.log(`      ${line}`);
      } else if (o.kind === "error") {
        console.log(`  ! ${o.file}  [error]`);
        if (o.describe) console.log(`      ${o.describe}`);
        console.log(`      ${o.message}`);
      }
    }
  }
  const skipped = reports.flatMap((r) => r.outcomes.filter((o) => o.kind === "skipped"));
  const notCovered = reports.flatMap((r) => r.outcomes.filter((o) => o.kind === "not-covered"));
  const excluded = reports.flatMap((r) => r.outcomes.flatMap((o) => (o.kind === "compared" ? o.excluded.map((x) => ({ file: o.file, x })) : [])));
  console.log(`\n== Skipped (${skipped.length})`);
  for (const o of skipped) if (o.kind === "skipped") console.log(`  - ${o.file}: ${o.reason}`);
  console.log(`\n== Not covered yet (${notCovered.length} files, ${excluded.length} resources of compared files)`);
  for (const o of notCovered) if (o.kind === "not-covered") console.log(`  - ${o.file}: ${o.reason}`);
  for (const { file, x } of excluded) console.log(`  - ${file} → ${shortType(x.typeUrl)} "${x.name}": ${x.reason}`);
  if (table) {
    console.log("\n== Per suite and tag");
    for (const line of table) console.log(`  ${line}`);
  }
  const bad = reports.flatMap((r) => r.outcomes.filter(failed));
  // With --kuma-src the table above has the figures per suite and tag; the summary gives the totals.
  const figures = table
    ? `${reports.reduce((n, r) => n + r.matched, 0)}/${reports.reduce((n, r) => n + r.compared, 0)} (all suites and tags)`
    : reports.map((r) => `${r.suite} ${r.matched}/${r.compared}`).join(", ");
  const compared = reports.flatMap((r) => r.outcomes.flatMap((o) => (o.kind === "compared" ? [o] : [])));
  const maskedFiles = compared.filter((o) => o.masked.length > 0 || o.fromGolden.length > 0).length;
  const maskedFields = compared.reduce((n, o) => n + o.masked.length, 0);
  const goldenInputs = compared.reduce((n, o) => n + o.fromGolden.length, 0);
  const caveat = maskedFiles > 0 ? ` (${maskedFiles} of them with ${maskedFields} masked fields and ${goldenInputs} fields given from the golden, listed above)` : "";
  console.log(
    `\n${bad.length === 0 ? "PASS" : "FAIL"}: ${figures} goldens match${caveat}; ${skipped.length} skipped, ${notCovered.length} not covered${bad.length ? `; ${bad.length} goldens differ or failed to run` : ""}`,
  );
}

function report(suite: string, title: string, outcomes: readonly Outcome[]): SuiteReport {
  const compared = outcomes.filter((o) => o.kind === "compared" || o.kind === "error");
  return { suite, title, matched: compared.filter((o) => !failed(o)).length, compared: compared.length, outcomes };
}

/** `--kuma-src`: Kuma's test data read with git at every compared tag. */
async function mainUpstream(args: ReturnType<typeof parseArgs>, dir: string): Promise<void> {
  const unknown = args.suites.filter((s) => !UPSTREAM_SUITES.some((x) => x.name === s));
  if (unknown.length > 0) {
    console.error(`unknown suite ${unknown.join(", ")}; suites with --kuma-src: ${UPSTREAM_SUITES.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  let src;
  try {
    src = openKumaSource(dir);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
  const runs = await runUpstream(src, UPSTREAM_SUITES, repoRoot, { all: args.all, suites: args.suites });
  const reports = runs.filter((r) => r.tag).map((r) => report(`${r.suite}@${r.tag}`, r.title, r.outcomes));
  const table = tableOf(runs);
  if (args.json) console.log(JSON.stringify({ kumaSrc: dir, sourceKind: src.kind, all: args.all, table, suites: reports }, null, 2));
  else printText(`${dir} (${src.kind}, read with git at each tag)`, args.all, reports, tableText(table));
  process.exitCode = reports.some((r) => r.outcomes.some(failed)) ? 1 : 0;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.kumaSrc !== undefined) return mainUpstream(args, isAbsolute(args.kumaSrc) ? args.kumaSrc : resolve(process.cwd(), args.kumaSrc));
  const env = process.env["KUMA_GOLDEN_DIR"];
  const root = env ? (isAbsolute(env) ? env : resolve(process.cwd(), env)) : resolve(repoRoot, "../shared/reference/kuma-golden");
  if (!existsSync(root)) {
    console.error(`golden directory ${root} does not exist (set KUMA_GOLDEN_DIR)`);
    process.exit(1);
  }
  const suites: Suite[] = [tpSuite(root, repoRoot), mptSuite(root, repoRoot), mppSuite(root, repoRoot)];
  const unknown = args.suites.filter((s) => !suites.some((x) => x.name === s));
  if (unknown.length > 0) {
    console.error(`unknown suite ${unknown.join(", ")}; suites: ${suites.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  const reports: SuiteReport[] = [];
  for (const s of suites) {
    if (args.suites.length > 0 && !args.suites.includes(s.name)) continue;
    reports.push(report(s.name, s.title, await runSuite(s, root, { all: args.all })));
  }
  if (args.json) console.log(JSON.stringify({ goldenDir: root, all: args.all, suites: reports }, null, 2));
  else printText(root, args.all, reports);
  process.exitCode = reports.some((r) => r.outcomes.some(failed)) ? 1 : 0;
}

await main();
