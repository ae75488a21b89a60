/**
 * `meshsim test` batch files whose `resources` and `patches` name files and directories relative to the
 * batch file, as a process with the files on disk. The patch is the docs' MeshProxyPatch (test/expectations
 * c-docs-patch-2.14-fail-on-ineffective, which cites Kuma): on 2.14 its circuit-breaker `value:` patch (#0)
 * is ineffective and its jsonPatches (#1) applied. Line and column numbers are counted by hand in the files.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkJunit, checkSarif } from "./formats/report.fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "meshsim-refs-"));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
  return p;
};
const meshsim = (args: string[], stdin = "") => {
  const r = spawnSync(process.execPath, ["bin/meshsim.mjs", ...args], { input: stdin, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const dataplane = `type: Dataplane
mesh: default
name: web-01
networking:
  address: 10.0.0.5
  inbound: [{ port: 8080, tags: { kuma.io/service: web } }]
  transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: DualStack }
`;
write("shared/dataplane.yaml", dataplane);
// Line 10 column 9: appendModifications[0] (`cluster:` after `      - `); line 15 column 9: [1].
const patch = write(
  "suite/policies/mesh/patch.yaml",
  `# the docs' MeshProxyPatch
type: MeshProxyPatch
mesh: default
name: custom-mpp-1
spec:
  targetRef:
    kind: Mesh
  default:
    appendModifications:
      - cluster:
          operation: Patch
          match:
            name: outbound:passthrough:ipv4
          value: "circuit_breakers: { thresholds: [ { max_connections: 2048 } ] }"
      - cluster:
          operation: Patch
          match:
            name: outbound:passthrough:ipv4
          jsonPatches:
            - { op: replace, path: /connectTimeout, value: 99s }
`,
);
write("suite/policies/README.md", "not a resource: directories read only .yaml .yml .json\n");
mkdirSync(join(dir, "suite/empty"), { recursive: true });

const request = (expect: string) => ["requests:", "  - from: web-01", "    to: http://example.com", "    ip: 93.184.216.34", `    expect: { modifications: { ${expect} } }`, ""].join("\n");

describe("meshsim test: resources and patches that name files", { timeout: 60_000 }, () => {
  it("a file (upward), a directory and an inline object: exit 0; validate reads the same three resources", () => {
    const pass = write("suite/pass.yaml", ['kumaVersion: "2.14"', "resources:", "  - ../shared/dataplane.yaml", "  - policies", "  - { type: Mesh, name: default }", request('"custom-mpp-1#1": applied')].join("\n"));
    const r = meshsim(["test", pass]);
    expect(r.code, r.stderr).toBe(0);
    // Both modifications of the directory's patch ran: #0 ineffective, #1 applied.
    expect(r.stdout).toContain("  modifications: applied 1, ineffective 1\n");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("ok: 1 request, every expectation holds");
    const v = meshsim(["validate", pass, "-o", "json"]);
    expect(v.code, v.stderr).toBe(0);
    expect(JSON.parse(v.stdout).resources).toEqual({ Dataplane: 1, Mesh: 1, MeshProxyPatch: 1 });
  });

  it("resources and patches as one path each (test and upgrade), and YAML text (a string with line breaks) beside a patches path", () => {
    const one = write("suite/one.yaml", ['kumaVersion: "2.14"', "resources: ../shared/dataplane.yaml", "patches: policies/", request('"custom-mpp-1#1": applied')].join("\n"));
    const r = meshsim(["test", one]);
    expect(r.code, r.stderr).toBe(0);
    const text = write("suite/text.yaml", ['kumaVersion: "2.14"', "resources: |", ...dataplane.trimEnd().split("\n").map((l) => `  ${l}`), "patches: [policies/mesh/patch.yaml]", request('"custom-mpp-1#0": ineffective')].join("\n"));
    const t = meshsim(["test", text]);
    expect(t.code, t.stderr).toBe(0);
    // upgrade reads body files through the same reader.
    const u = meshsim(["upgrade", one, "--from-version", "2.14", "--to-version", "2.14"]);
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout.split("\n")[0]).toMatch(/^\*\*NOT BREAKING\*\*/);
  });

  it("a referenced MeshProxyPatch that fails an expectation: exit 1, located in the patch's own file in SARIF, JUnit, GitHub and TAP", () => {
    const fail = write("suite/fail.yaml", ['kumaVersion: "2.14"', "resources: [../shared/dataplane.yaml, policies/mesh/patch.yaml]", request('"custom-mpp-1#0": applied')].join("\n"));
    const s = meshsim(["test", fail, "--format", "sarif"]);
    expect(s.code, s.stderr).toBe(1);
    const results = checkSarif(s.stdout)["runs"][0]["results"] as Record<string, any>[];
    const mod = results.find((x) => x["ruleId"] === "ineffective")!;
    expect(mod["level"]).toBe("error");
    expect(mod["locations"][0]["physicalLocation"]).toEqual({ artifactLocation: { uri: patch }, region: { startLine: 10, startColumn: 9 } });
    const j = meshsim(["test", fail, "--format", "junit"]);
    expect(j.code).toBe(1);
    const cases = checkJunit(j.stdout).children[0]!.children;
    const c0 = cases.find((c) => c.attrs["name"]!.startsWith("modification custom-mpp-1#0"))!;
    expect([c0.attrs["file"], c0.attrs["line"], c0.children.length]).toEqual([patch, "10", 1]);
    // The request case stays in the batch file: `  - from: web-01` is line 4.
    expect([cases[0]!.attrs["file"], cases[0]!.attrs["line"]]).toEqual([fail, "4"]);
    const g = meshsim(["test", fail, "--format", "github"]);
    expect(g.code).toBe(1);
    expect(g.stdout).toContain(`::error file=${patch.replace(/:/g, "%3A")},line=10,col=9,title=meshsim ineffective::web-01: `);
    const tap = meshsim(["test", fail, "--format", "tap"]);
    expect(tap.stdout).toContain(`at: ${patch}:10:9`);
  });

  it("a missing file or an empty directory: exit 2 at the string in the batch file, naming the path looked for and the batch file", () => {
    const missing = write("suite/missing.yaml", ["resources:", "  - ../shared/dataplane.yaml", "  - policies/nope.yaml", "patches: [empty]", "requests: [{ to: http://example.com }]", ""].join("\n"));
    const r = meshsim(["test", missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${missing}:3:5: resources[1]: "policies/nope.yaml" does not exist: looked for ${join(dir, "suite/policies/nope.yaml")} (paths are relative to the directory of ${missing})\n` +
        `${missing}:4:11: patches[0]: "empty" is a directory with no .yaml, .yml or .json file (looked in ${join(dir, "suite/empty")})\n`,
    );
  });

  it("a problem inside a referenced file is reported at that file's line and column; so is its YAML syntax error", () => {
    const badDp = write("shared/bad-dp.yaml", dataplane.replace("port: 8080", "port: 99999"));
    const bad = write("suite/bad.yaml", ["resources:", "  - { type: Mesh, name: default }", "  - ../shared/bad-dp.yaml", "requests: [{ to: http://example.com }]", ""].join("\n"));
    const r = meshsim(["test", bad]);
    expect(r.code).toBe(2);
    // `  inbound: [{ port: 99999, ...`: the value starts at column 21 of line 6.
    expect(r.stderr).toMatch(new RegExp(`^${escape(badDp)}:6:21: networking\\.inbound\\[0\\]\\.port: `));
    const broken = write("shared/broken.yaml", "type: Mesh\nname: [unclosed\n");
    const b = meshsim(["test", write("suite/broken.yaml", "resources: ../shared/broken.yaml\nrequests: [{ to: http://example.com }]\n")]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(new RegExp(`^${escape(broken)}:3:1: YAML syntax error`));
  });

  it("inline objects after a path keep their place in the batch file (resources[1] there, resources[2] once read)", () => {
    write("suite/two.yaml", "type: Mesh\nname: default\n---\ntype: Mesh\nname: other\n");
    const mixed = write("suite/mixed.yaml", ["resources:", "  - two.yaml", "  - type: Dataplane", "    mesh: default", "    name: web-01", "    networking: { address: 10.0.0.5, inbound: [{ port: 99999 }] }", "requests: [{ to: http://example.com }]", ""].join("\n"));
    const r = meshsim(["test", mixed]);
    expect(r.code).toBe(2);
    // `    networking: { address: 10.0.0.5, inbound: [{ port: 99999 }] }`: the value at line 6, column 56.
    expect(r.stderr).toMatch(new RegExp(`^${escape(mixed)}:6:56: resources\\[1\\]\\.networking\\.inbound\\[0\\]\\.port: `));
  });

  it("validate: a MeshPassthrough lint finding in a file a body names is printed at that file's line and column", () => {
    // The shadowed pair of main.outputs.test.ts: 10.0.0.0/8 (tcp, 443) before api.example.com (tls, 443), a warning.
    const mp = write(
      "suite/passthrough.yaml",
      "type: MeshPassthrough\nmesh: default\nname: egress\nspec:\n  default:\n    appendMatch:\n    - { type: CIDR, value: 10.0.0.0/8, port: 443, protocol: tcp }\n    - { type: Domain, value: api.example.com, port: 443, protocol: tls }\n",
    );
    const body = write("suite/lint.yaml", 'kumaVersion: "2.14"\nresources: [../shared/dataplane.yaml, passthrough.yaml]\nrequests: [{ to: http://example.com }]\n');
    const r = meshsim(["validate", body]);
    expect(r.code, r.stderr).toBe(0);
    // appendMatch[1] is line 8, column 7 of passthrough.yaml.
    expect(r.stdout).toContain(`lint ${mp}:8:7: spec.default.appendMatch[1]: warning shadowed-by-address: `);
  });

  it("a one-line YAML object is read as a path, and the message says how to write YAML text", () => {
    const flow = write("suite/flow.yaml", 'resources: "{type: Mesh, name: default}"\nrequests: [{ to: http://example.com }]\n');
    const r = meshsim(["test", flow]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flow}:1:12: resources: "{type: Mesh, name: default}" does not exist`);
    expect(r.stderr).toContain("a string without a line break is read as a path");
  });
});
