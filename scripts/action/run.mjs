#!/usr/bin/env node
/**
 * The GitHub Action's step (action.yml): runs `meshsim test` on the files the workflow names, once with
 * `--format github` (annotations in the log, the job summary in $GITHUB_STEP_SUMMARY) and once with
 * `--format sarif` into the SARIF file the next step uploads. It reads its inputs as the runner passes
 * them (INPUT_* environment variables, set by action.yml) and writes `exit-code`, `result` and
 * `sarif-file` to $GITHUB_OUTPUT. It exits 0 itself, so the SARIF upload runs even when a check failed;
 * action.yml's last step fails the job from `exit-code`.
 *
 * Plain Node, no dependencies: runnable locally as the runner would run it (see test/action/run.test.ts).
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const RESULTS = { 0: "ok", 1: "failed", 2: "bad-input", 3: "inconclusive" };

const input = (name) => (process.env[`INPUT_${name}`] ?? "").trim();

/** Whitespace- or newline-separated paths (a YAML block scalar in the workflow gives one per line). */
const files = input("FILES").split(/\s+/).filter((f) => f !== "");
const sarifFile = input("SARIF_FILE") || "meshsim.sarif";
const options = [
  ...(input("FAIL_ON") ? ["--fail-on", input("FAIL_ON")] : []),
  ...(input("KUMA_VERSION") ? ["--kuma-version", input("KUMA_VERSION")] : []),
  ...(input("URL") ? ["--url", input("URL")] : []),
];
const bin = process.env.MESHSIM_BIN || fileURLToPath(new URL("../../bin/meshsim.mjs", import.meta.url));

function output(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  if (file) appendFileSync(file, `${name}=${value}\n`);
}

function meshsim(format) {
  return spawnSync(process.execPath, [bin, "test", ...files, ...options, "--format", format], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: process.env });
}

if (files.length === 0) {
  console.log("::error title=meshsim::the action's `files` input names no file");
  output("exit-code", 2);
  output("result", RESULTS[2]);
  process.exit(0);
}

const github = meshsim("github");
process.stdout.write(github.stdout);
process.stderr.write(github.stderr);
// meshsim's exit 2 prints the problems on stderr as file:line:column: path: message; annotate each.
if (github.status === 2)
  for (const line of github.stderr.split("\n")) {
    const m = /^(.+?):(\d+):(\d+): (.*)$/.exec(line);
    if (m) console.log(`::error file=${m[1]},line=${m[2]},col=${m[3]},title=meshsim bad input::${m[4].replace(/%/g, "%25")}`);
  }
const sarif = meshsim("sarif");
if (sarif.status !== 2) {
  mkdirSync(dirname(sarifFile), { recursive: true });
  writeFileSync(sarifFile, sarif.stdout);
}
const code = github.status ?? 2;
output("exit-code", code);
output("result", RESULTS[code] ?? "error");
output("sarif-file", sarif.status !== 2 ? sarifFile : "");
