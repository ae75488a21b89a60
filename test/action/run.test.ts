/**
 * The GitHub Action's script run as the runner runs it: inputs as the INPUT_* variables action.yml sets,
 * $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY as temp files, the workspace as the working directory. And
 * action.yml passes every input the script reads.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sarifSchemaErrors, withoutFailOn } from "../../src/cli/formats/report.fixtures.js";

const root = process.cwd();
const script = join(root, "scripts/action/run.mjs");

function runAction(inputs: Record<string, string>) {
  const ws = mkdtempSync(join(tmpdir(), "meshsim-action-"));
  writeFileSync(join(ws, "docs-2.14.yaml"), withoutFailOn("c-docs-patch-2.14-fail-on-ineffective"));
  writeFileSync(join(ws, "docs-2.13.yaml"), withoutFailOn("d-docs-patch-2.13-fail-on-ineffective"));
  writeFileSync(join(ws, "bad.yaml"), "resources: []\nrequests:\n  - to: 42\n");
  const out = join(ws, "github_output");
  const summary = join(ws, "step_summary");
  writeFileSync(out, "");
  const env: Record<string, string> = { ...(process.env as Record<string, string>), GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k}`] = v;
  const r = spawnSync(process.execPath, [script], { cwd: ws, env, encoding: "utf8", timeout: 120_000 });
  const outputs = Object.fromEntries(readFileSync(out, "utf8").trim().split("\n").filter((l) => l !== "").map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { ws, status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: existsSync(summary) ? readFileSync(summary, "utf8") : "" };
}

describe("scripts/action/run.mjs as the runner runs it", { timeout: 120_000 }, () => {
  it("a failing check: exit-code 1, annotations in the log, the job summary, a schema-valid SARIF file; the step itself exits 0", () => {
    const r = runAction({ FILES: "docs-2.14.yaml\ndocs-2.13.yaml\n", FAIL_ON: "ineffective", SARIF_FILE: "reports/meshsim.sarif" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs).toEqual({ "exit-code": "1", result: "failed", "sarif-file": "reports/meshsim.sarif" });
    expect(r.stdout).toMatch(/^::error file=docs-2\.14\.yaml,line=24,col=13,title=meshsim ineffective::/m);
    expect(r.summary).toContain("| docs-2.14.yaml | 2.14.3 | 2 | 0 | 2 |");
    expect(r.summary).toContain("| docs-2.13.yaml | 2.13.10 | 2 | 2 | 0 |");
    const sarif = JSON.parse(readFileSync(join(r.ws, "reports/meshsim.sarif"), "utf8"));
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === "ineffective")).toBe(true);
  });

  it("a passing check with --kuma-version: exit-code 0, result ok", () => {
    const r = runAction({ FILES: "docs-2.14.yaml", FAIL_ON: "ineffective", KUMA_VERSION: "2.13" });
    expect(r.outputs).toEqual({ "exit-code": "0", result: "ok", "sarif-file": "meshsim.sarif" });
    expect(r.summary).toContain("**ok: 2 requests, every expectation holds**");
  });

  it("bad input: exit-code 2, an annotation at the file's line and column, no SARIF file to upload", () => {
    const r = runAction({ FILES: "bad.yaml" });
    expect(r.outputs).toEqual({ "exit-code": "2", result: "bad-input", "sarif-file": "" });
    expect(r.stdout).toMatch(/^::error file=bad\.yaml,line=3,col=9,title=meshsim bad input::requests\[0\]\.to: /m);
    expect(runAction({ FILES: " " }).outputs).toMatchObject({ "exit-code": "2" });
  });

  it("action.yml passes each input to the script as the INPUT_* variable it reads, and uploads with codeql-action", () => {
    const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as { inputs: Record<string, unknown>; runs: { using: string; steps: { id?: string; uses?: string; env?: Record<string, string>; run?: string }[] } };
    expect(action.runs.using).toBe("composite");
    const step = action.runs.steps.find((s) => s.id === "meshsim")!;
    expect(step.run).toContain("scripts/action/run.mjs");
    const read = [...readFileSync(script, "utf8").matchAll(/input\("([A-Z_]+)"\)/g)].map((m) => m[1]!);
    for (const name of new Set(read)) expect(step.env?.[`INPUT_${name}`], name).toBe(`\${{ inputs.${name.toLowerCase().replace(/_/g, "-")} }}`);
    for (const name of Object.keys(step.env ?? {})) expect(Object.keys(action.inputs)).toContain(name.slice("INPUT_".length).toLowerCase().replace(/_/g, "-"));
    expect(action.runs.steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))).toBe(true);
  });
});
