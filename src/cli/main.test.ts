/**
 * The CLI as a process: `node bin/meshsim.mjs` with files in a temp dir and on stdin, for each exit code
 * and each format. Expected facts come from the case files (test/expectations, whose inputs cite Kuma) and
 * line numbers are counted by hand in the files.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { simulateBatch } from "../core/simulate/batch.js";
import { BatchBodySchema } from "../core/simulate/schema.js";
import { checkJunit, checkSarif, withoutFailOn } from "./formats/report.fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "meshsim-cli-"));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
  return p;
};
const meshsim = (args: string[], stdin?: string) => {
  const r = spawnSync(process.execPath, ["bin/meshsim.mjs", ...args], { input: stdin ?? "", encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

// The docs' patch (custom-mpp-1#0 is the circuit-breaker `value:` patch) with failOn: [] instead of [ineffective].
const docs214 = write("docs-2.14.yaml", withoutFailOn("c-docs-patch-2.14-fail-on-ineffective"));
const docs213 = write("docs-2.13.yaml", withoutFailOn("d-docs-patch-2.13-fail-on-ineffective"));
const wrongName = write("wrong-name.yaml", withoutFailOn("a-wrong-name-fail-on-no-match"));

describe("meshsim test", { timeout: 60_000 }, () => {
  it("exits 1 when --fail-on ineffective meets the docs' patch on 2.14, and says which modification and why", () => {
    const r = meshsim(["test", docs214, "--fail-on", "ineffective"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("custom-mpp-1#0 (cluster Patch) is ineffective");
    expect(r.stdout).toContain("Use jsonPatches");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("FAILED: 2 of 2 requests");
  });

  it("exits 0 for the same patch on 2.13 (from the file, and with --kuma-version 2.13 on the 2.14 file), and without --fail-on", () => {
    expect(meshsim(["test", docs213, "--fail-on", "ineffective"]).code).toBe(0);
    const r = meshsim(["test", docs214, "--fail-on", "ineffective", "--kuma-version", "2.13"]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain("Kuma 2.13.10, 2 requests, 2 passed, 0 failed");
    expect(meshsim(["test", docs214]).code).toBe(0);
  });

  it("exits 1 for a wrong-name patch under --fail-on no-match; JUnit has a case per request and per modification", () => {
    const r = meshsim(["test", wrongName, "--fail-on", "no-match", "--format", "junit"]);
    expect(r.code, r.stderr).toBe(1);
    const doc = checkJunit(r.stdout);
    const suite = doc.children[0]!;
    expect(suite.attrs).toMatchObject({ name: wrongName, tests: "2", failures: "2" });
    expect(suite.children.map((c) => c.attrs["name"])).toEqual(["requests[0] web-01 -> http://example.com", "modification wrong-name#0 (cluster Patch) on web-01: no-match"]);
    for (const c of suite.children) expect(c.children[0]!.attrs["message"]).toContain("wrong-name#0 (cluster Patch) is no-match");
  });

  it("SARIF points at the ineffective modification in the input file (line 24, column 13: `cluster:` of appendModifications[0])", () => {
    const r = meshsim(["test", docs214, "--fail-on", "ineffective", "--format", "sarif"]);
    expect(r.code).toBe(1);
    const log = checkSarif(r.stdout);
    const results = log["runs"][0]["results"] as Record<string, any>[];
    const mod = results.filter((x) => x["ruleId"] === "ineffective");
    expect(mod).toHaveLength(1);
    expect(mod[0]!["level"]).toBe("error");
    expect(mod[0]!["locations"][0]["physicalLocation"]).toEqual({ artifactLocation: { uri: docs214 }, region: { startLine: 24, startColumn: 13 } });
  });

  it("json is the batch answer, byte for byte what the core answers the API's body (with --fail-on as failOn)", () => {
    const r = meshsim(["test", docs214, "--fail-on", "ineffective", "--format", "json"]);
    expect(r.code).toBe(1);
    const body = { ...(parse(withoutFailOn("c-docs-patch-2.14-fail-on-ineffective")) as object), failOn: ["ineffective"] };
    const outcome = simulateBatch(BatchBodySchema.parse(body));
    expect(outcome.ok).toBe(true);
    expect(r.stdout).toBe(`${JSON.stringify(outcome.ok && outcome.result)}\n`);
  });

  it("exits 2 on bad input, printing file:line:column: path: message for each problem", () => {
    // `requests` is missing: the problem points at the deepest part of the path that exists, the document (1:1);
    // `request` is unknown at line 2 column 1 (its key). Messages are the schema's (not asserted here).
    const bad = write("bad.yaml", "resources: []\nrequest: { to: http://example.com }\n");
    const r = meshsim(["test", bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${bad}:1:1: requests: `);
    // A schema violation inside a request: requests[0].to is the value at line 3, column 9.
    const badTo = write("bad-to.yaml", "resources: []\nrequests:\n  - to: 42\n");
    const t = meshsim(["test", badTo]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(new RegExp(`^${badTo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:9: requests\\[0\\]\\.to: `));
    const broken = write("broken.json", "{ nope");
    const b = meshsim(["test", broken]);
    expect(b.code).toBe(2);
    // "{ nope": JSON.parse stops at position 2, line 1 column 3.
    expect(b.stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1:3: malformed JSON`));
  });

  it("exits 2 on usage errors and documents the exit codes in --help", () => {
    expect(meshsim(["test", docs214, "--fail-on", "nope"]).code).toBe(2);
    expect(meshsim(["test", docs214, "--format", "xml"]).code).toBe(2);
    expect(meshsim(["frob"]).code).toBe(2);
    const help = meshsim(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/0 +every expectation holds\n +1 +an expectation failed, or a --fail-on finding matched; validate: a lint finding of severity error\n +2 +bad input or usage/);
  });
});

describe("meshsim simulate", { timeout: 60_000 }, () => {
  // The docs' Dataplane (YAML, on stdin) and MeshProxyPatch (JSON, in a directory), as in the case file.
  const dataplane = `type: Dataplane
mesh: default
name: web-01
networking:
  address: 10.0.0.5
  inbound: [{ port: 8080, tags: { kuma.io/service: web } }]
  transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: DualStack }
`;
  const patch = `[
  {
    "type": "MeshProxyPatch",
    "mesh": "default",
    "name": "custom-mpp-1",
    "spec": {
      "targetRef": { "kind": "Mesh" },
      "default": {
        "appendModifications": [
          {
            "cluster": {
              "operation": "Patch",
              "match": { "name": "outbound:passthrough:ipv4" },
              "value": "circuit_breakers: { thresholds: [ { max_connections: 2048 } ] }"
            }
          }
        ]
      }
    }
  }
]
`;
  const patchFile = write("policies/mesh/patch.json", patch);
  write("policies/notes.txt", "not a resource: directories read only .yaml .yml .json");
  const args = ["simulate", "-f", "-", "-f", join(dir, "policies"), "--from", "web-01", "--to", "http://example.com", "--ip", "93.184.216.34"];

  it("reads stdin and directories; exits 1 under --fail-on ineffective on 2.14, with SARIF at the modification (line 10, column 11)", () => {
    const r = meshsim([...args, "--kuma-version", "2.14", "--fail-on", "ineffective", "--format", "sarif"], dataplane);
    expect(r.code, r.stderr).toBe(1);
    const results = checkSarif(r.stdout)["runs"][0]["results"] as Record<string, any>[];
    const mod = results.find((x) => x["ruleId"] === "ineffective")!;
    expect(mod["locations"][0]["physicalLocation"]).toEqual({ artifactLocation: { uri: patchFile }, region: { startLine: 10, startColumn: 11 } });
  });

  it("exits 0 on 2.13, with one JUnit case for the request and one for the modification", () => {
    const r = meshsim([...args, "--kuma-version", "2.13", "--fail-on", "ineffective", "--format", "junit"], dataplane);
    expect(r.code, r.stderr).toBe(0);
    const suite = checkJunit(r.stdout).children[0]!;
    expect(suite.attrs).toMatchObject({ tests: "2", failures: "0" });
  });

  it("exits 2 when -f or --to is missing, or the request names no dataplane of the snapshot", () => {
    expect(meshsim(["simulate", "--to", "http://example.com"]).code).toBe(2);
    expect(meshsim(["simulate", "-f", "-"], dataplane).code).toBe(2);
    const r = meshsim(["simulate", "-f", "-", "--from", "nope", "--to", "http://example.com"], dataplane);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\(command line\): request\.from: no Dataplane named "nope"/);
  });
});

// Kuma 3.0's UPGRADE.md (kumahq/kuma@348b6528bc, "Upgrade to 3.0.0"): Mesh.networking.outbound.passthrough is
// accepted and ignored, so a mesh that blocked external traffic lets it out after the upgrade.
const blocking = write(
  "upgrade/blocking.yaml",
  [
    "resources:",
    "  - {type: Mesh, name: default, networking: {outbound: {passthrough: false}}}",
    "  - type: Dataplane",
    "    mesh: default",
    "    name: web",
    "    networking:",
    "      address: 10.0.0.1",
    "      inbound: [{port: 8080, tags: {kuma.io/service: web}}]",
    "      transparentProxying: {redirectPortOutbound: 15001, redirectPortInbound: 15006}",
    "requests:",
    "  - {from: web, to: http://example.com}",
    "",
  ].join("\n"),
);

describe("meshsim upgrade", { timeout: 60_000 }, () => {
  it("exits 1 on a breaking upgrade and leads with what breaks; -o json is the POST /v1/upgrade answer", () => {
    const r = meshsim(["upgrade", blocking, "--from-version", "2.14", "--to-version", "3.0"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.split("\n")[0]).toMatch(/^\*\*BREAKING\*\* \(Kuma 2\.14\.\d+ → 3\.0\.0-dev\+348b6528bc\)/);
    expect(r.stdout).toContain("verdict blocked → passthrough");
    const j = meshsim(["upgrade", blocking, "--from-version", "2.14", "--to-version", "3.0", "-o", "json"]);
    expect(j.code).toBe(1);
    const answer = JSON.parse(j.stdout) as { summary: { breaking: boolean }; requests: { before: { verdict: string }; after: { verdict: string } }[] };
    expect(answer.summary.breaking).toBe(true);
    expect(answer.requests.map((q) => [q.before.verdict, q.after.verdict])).toEqual([["blocked", "passthrough"]]);
  });

  it("exits 0 for the same release on both sides, and 2 without --to-version or for an unsupported release", () => {
    const same = meshsim(["upgrade", blocking, "--from-version", "2.14", "--to-version", "2.14"]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout.split("\n")[0]).toMatch(/^\*\*NOT BREAKING\*\*/);
    const missing = meshsim(["upgrade", blocking, "--from-version", "2.14"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("give both --from-version and --to-version");
    const bad = meshsim(["upgrade", blocking, "--from-version", "2.14", "--to-version", "3.1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("toVersion");
  });
});

describe("meshsim impact", { timeout: 60_000 }, () => {
  // Scenario e's snapshot: the docs' MeshProxyPatch sets the passthrough connectTimeout to 99s; without it, Kuma's 5s.
  const docs = parse(readFileSync("test/scenarios/e-docs-patch-2.14/input.yaml", "utf8")) as { resources: unknown[] };
  const snapshot = write("impact-snapshot.yaml", docs.resources.map((r) => stringify(r)).join("---\n"));
  // A what-if that changes nothing: a MeshProxyPatch whose cluster match names no cluster of the proxy (no-match).
  const harmless = write(
    "impact-harmless.yaml",
    "type: MeshProxyPatch\nmesh: default\nname: harmless\nspec:\n  targetRef: { kind: Mesh }\n  default:\n    appendModifications:\n      - cluster: { operation: Patch, match: { name: no-such-cluster }, jsonPatches: [{ op: replace, path: /connectTimeout, value: 1s }] }\n",
  );

  it("exits 1 when removing a patch changes limits, and -o json is the POST /v1/impact answer", () => {
    const r = meshsim(["impact", "-f", snapshot, "--remove", "MeshProxyPatch/default/custom-mpp-1", "--kuma-version", "2.14"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe("**1 of 1 dataplane(s) affected**, **BREAKING** (Kuma 2.14.3)");
    const j = meshsim(["impact", "-f", snapshot, "--remove", "MeshProxyPatch/custom-mpp-1", "--kuma-version", "2.14", "-o", "json"]);
    expect(j.code, j.stderr).toBe(1);
    const answer = JSON.parse(j.stdout) as { summary: { breaking: boolean; affected: number }; whatIf: { removed: { name: string }[] } };
    expect(answer.summary).toMatchObject({ breaking: true, affected: 1 });
    expect(answer.whatIf.removed.map((x) => x.name)).toEqual(["custom-mpp-1"]);
  });

  it("exits 0 for a what-if that changes no verdict, limit or applied modification, and 2 for bad input", () => {
    // The patch matches no cluster: it is added as no-match, the config is unchanged, nothing breaks.
    const ok = meshsim(["impact", "-f", snapshot, "--patch", harmless, "--kuma-version", "2.14"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.split("\n")[0]).toBe("**0 of 1 dataplane(s) affected**, not breaking (Kuma 2.14.3)");
    const none = meshsim(["impact", "-f", snapshot]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("give a what-if with --patch");
    const badRef = meshsim(["impact", "-f", snapshot, "--remove", "MeshProxyPatch"]);
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toContain("write kind/mesh/name");
    const missing = meshsim(["impact", "-f", snapshot, "--remove", "MeshProxyPatch/default/nope", "--kuma-version", "2.14"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("remove[0]");
  });
});
