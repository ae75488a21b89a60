/**
 * The CLI's newer outputs as a process (exit 3, --format tap and github, validate, simulate -o) and the
 * same commands against a deployment (--url: the app on a local port, no network) giving the same bytes.
 * Expected facts come from the case files (test/expectations, whose inputs cite Kuma) and the TAP 13 and
 * GitHub workflow-command grammars.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "../http/app.js";
import { withoutFailOn } from "./formats/report.fixtures.js";
import { main, type Io } from "./main.js";

const dir = mkdtempSync(join(tmpdir(), "meshsim-cli-out-"));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const meshsim = (args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) => {
  const r = spawnSync(process.execPath, ["bin/meshsim.mjs", ...args], { input: opts.stdin ?? "", encoding: "utf8", timeout: 60_000, env: { ...process.env, ...opts.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
/** The same as a process that does not block this one (the --url server answers in this process). */
const meshsimAsync = (args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, ["bin/meshsim.mjs", ...args]);
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.stdin.end();
    p.on("close", (code) => resolve({ code, stdout, stderr }));
  });
/** main() in this process with captured streams. */
async function inProcess(args: string[], extra: Partial<Io> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stdin: () => Buffer.from(""), env: {}, stderrIsTTY: false, now: () => 0, ...extra });
  return { code, stdout, stderr };
}

const docs214 = write("docs-2.14.yaml", withoutFailOn("c-docs-patch-2.14-fail-on-ineffective"));
const docs213 = write("docs-2.13.yaml", withoutFailOn("d-docs-patch-2.13-fail-on-ineffective"));

// The docs' Dataplane (transparent proxy, no mesh services) and a host nothing resolves: Kuma's outbound
// passthrough listener takes it (kumahq/kuma@v2.14.3 pkg/xds/generator/transparent_proxy_generator.go), so
// `verdict: passthrough` holds, but only because meshsim had to place the host outside the mesh.
const dataplane = `type: Dataplane
mesh: default
name: web-01
networking:
  address: 10.0.0.5
  inbound: [{ port: 8080, tags: { kuma.io/service: web } }]
  transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: DualStack }
`;
const unresolved = write(
  "unresolved.yaml",
  `kumaVersion: "2.14"
resources:
  - type: Mesh
    name: default
  - ${dataplane.trimEnd().split("\n").join("\n    ")}
requests:
  - from: web-01
    to: http://nowhere.example
    expect: { verdict: passthrough }
`,
);
const dpFile = write("dataplane.yaml", dataplane);
// A batch file whose resources name files beside it (the Dataplane above, the docs' circuit-breaker patch).
write(
  "refs-patch.yaml",
  "type: MeshProxyPatch\nmesh: default\nname: custom-mpp-1\nspec:\n  targetRef: { kind: Mesh }\n  default:\n    appendModifications:\n      - cluster: { operation: Patch, match: { name: outbound:passthrough:ipv4 }, value: 'circuit_breakers: { thresholds: [ { max_connections: 2048 } ] }' }\n",
);
const refs = write("refs.yaml", 'kumaVersion: "2.14"\nfailOn: [ineffective]\nresources: [dataplane.yaml, refs-patch.yaml]\nrequests: [{ from: web-01, to: http://example.com, ip: 93.184.216.34 }]\n');

describe("exit 3 and the tap and github formats", { timeout: 60_000 }, () => {
  it("exits 3 when an expectation holds only because the host has no IP, and lists the request and why", () => {
    const r = meshsim(["test", unresolved]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain(`INCONCLUSIVE ${unresolved}: requests[0] web-01 -> http://nowhere.example\n  host-unresolved: nowhere.example has no IP`);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("INCONCLUSIVE: 1 of 1 request held only under an assumption");
    // The same request with the IP given is conclusive.
    const withIp = write("with-ip.yaml", readFileSync(unresolved, "utf8").replace("to: http://nowhere.example", "to: http://nowhere.example\n    ip: 93.184.216.34"));
    expect(meshsim(["test", withIp]).code).toBe(0);
  });

  it("tap: TAP 13, a plan, one point per request and modification, `not ok` with its failures and where", () => {
    const r = meshsim(["test", docs214, "--fail-on", "ineffective", "--format", "tap"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual(["TAP version 13", "1..5"]);
    const points = lines.filter((l) => /^(not )?ok \d+ - /.test(l));
    expect(points.map((l) => /^(not ok|ok) (\d+)/.exec(l)!.slice(1).join(" "))).toEqual(["not ok 1", "not ok 2", "not ok 3", "ok 4", "ok 5"]);
    // `#` starts a directive in TAP, so a description escapes it as `\#`.
    expect(points[2]).toBe(`not ok 3 - ${docs214} modification custom-mpp-1\\#0 (cluster Patch) on web-01: ineffective`);
    // The YAML block after point 3: its failure and the modification's place (line 24, column 13, as in SARIF).
    const block = lines.slice(lines.indexOf(points[2]!) + 1, lines.indexOf(points[3]!));
    expect(block[0]).toBe("  ---");
    expect(block.at(-1)).toBe("  ...");
    const diag = parse(block.slice(1, -1).map((l) => l.slice(2)).join("\n")) as { failures: string[]; at: string };
    expect(diag.at).toBe(`${docs214}:24:13`);
    expect(diag.failures[0]).toMatch(/^failOn: custom-mpp-1#0 \(cluster Patch\) is ineffective/);
    expect(meshsim(["test", docs213, "--fail-on", "ineffective", "--format", "tap"]).stdout).not.toContain("not ok");
  });

  it("github: an ::error annotation at the modification, and the job summary appended to $GITHUB_STEP_SUMMARY", () => {
    const summary = write("summary.md", "earlier step\n");
    const r = meshsim(["test", docs214, "--fail-on", "ineffective", "--format", "github"], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    const errors = r.stdout.split("\n").filter((l) => l.startsWith("::error "));
    // `:` in a property is %3A (GitHub's escapeProperty); the file is a temp path without one.
    expect(errors).toContainEqual(expect.stringMatching(new RegExp(`^::error file=${docs214.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")},line=24,col=13,title=meshsim ineffective::web-01%3A failOn%3A custom-mpp-1#0|^::error file=[^,]+,line=24,col=13,title=meshsim ineffective::web-01: failOn: custom-mpp-1#0`)));
    const md = readFileSync(summary, "utf8");
    expect(md.startsWith("earlier step\n## meshsim\n\n**FAILED: 2 of 2 requests**\n")).toBe(true);
    expect(md).toContain(`| ${docs214} | 2.14.3 | 2 | 0 | 2 |`);
    // Without the variable nothing is written anywhere but stdout.
    expect(meshsim(["test", docs213, "--format", "github"]).code).toBe(0);
  });

  it("writes no progress line when stderr is not a terminal", () => {
    const r = meshsim(["test", docs213, docs213, docs213]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });
});

describe("validate and simulate -o", { timeout: 60_000 }, () => {
  it("validate: exits 0 with the counts; -o json is the API's answer; a bad resource exits 2 at its line", () => {
    const r = meshsim(["validate", dpFile, "--kuma-version", "2.14"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("valid: Kuma 2.14.3; resources: Dataplane 1");
    const j = meshsim(["validate", dpFile, "--kuma-version", "2.14", "-o", "json"]);
    expect(JSON.parse(j.stdout)).toMatchObject({ valid: true, kumaVersion: "2.14.3", resources: { Dataplane: 1 } });
    // A body file: its requests are not read, and it says so.
    const b = meshsim(["validate", unresolved]);
    expect(b.code).toBe(0);
    expect(b.stderr).toBe(`${unresolved}: validated resources, patches and kumaVersion; not read: requests\n`);
    // An inbound port above 65535: the problem points at its value (line 6, column 21, counted by hand).
    const bad = write("bad-dp.yaml", dataplane.replace("port: 8080", "port: 99999"));
    const v = meshsim(["validate", bad]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:6:21: networking\\.inbound\\[0\\]\\.port: `));
  });

  it("validate: a MeshPassthrough lint finding of severity error exits 1 and is printed at its file:line:column; a warning exits 0", () => {
    // Envoy FilterChainMatch (v1.38.2): the destination-IP step picks 10.0.0.0/8 before server names; its only chain
    // is raw_buffer (tcp), so TLS to 10.0.0.1:443 is closed: a warning. IP 1.2.3.4 and CIDR 1.2.3.4/32 (http, 80) are two
    // chains with equal matches from 2.9.2 (kuma listeners_filter_chain.go @ 2.9.2): Envoy rejects them, an error.
    const policy = (entries: string) => `type: MeshPassthrough
mesh: default
name: egress
spec:
  default:
    appendMatch:
${entries}`;
    const shadow = write("mp-shadow.yaml", policy("    - { type: CIDR, value: 10.0.0.0/8, port: 443, protocol: tcp }\n    - { type: Domain, value: api.example.com, port: 443, protocol: tls }\n"));
    const w = meshsim(["validate", dpFile, shadow, "--kuma-version", "2.14"]);
    expect(w.code, w.stderr).toBe(0);
    // appendMatch[1] is line 8, column 7 of the policy file (counted by hand).
    expect(w.stdout).toContain(`lint ${shadow}:8:7: spec.default.appendMatch[1]: warning shadowed-by-address: `);
    expect(w.stdout).toContain(`  related: ${shadow}:7:7: spec.default.appendMatch[0]\n`);
    expect(w.stdout).toContain('  probe: {"to":"tls://api.example.com:443","ip":"10.0.0.1"}');
    expect(w.stdout).toContain("  proof: confirmed from web-01: blocked, cluster none");
    const nack = write("mp-nack.yaml", policy("    - { type: IP, value: 1.2.3.4, port: 80, protocol: http }\n    - { type: CIDR, value: 1.2.3.4/32, port: 80, protocol: http }\n"));
    const e = meshsim(["validate", dpFile, nack, "--kuma-version", "2.9.2"]);
    expect(e.code, e.stderr).toBe(1);
    expect(e.stdout).toContain(`lint ${nack}:8:7: spec.default.appendMatch[1]: error envoy-rejects: `);
    // The same pair on 2.9.1: Envoy accepts it (one http chain per port), but the CIDR entry makes no virtual host.
    const old = meshsim(["validate", dpFile, nack, "--kuma-version", "2.9.1", "-o", "json"]);
    expect(old.code).toBe(1);
    expect(JSON.parse(old.stdout).lint.map((f: { rule: string }) => f.rule)).toEqual(["never-matches"]);
  });

  it("simulate -o json|yaml|markdown prints the simulate answer itself, exit 0", () => {
    const args = ["simulate", "-f", dpFile, "--to", "http://example.com", "--ip", "93.184.216.34", "--kuma-version", "2.14"];
    const j = meshsim([...args, "-o", "json"]);
    expect(j.code, j.stderr).toBe(0);
    const answer = JSON.parse(j.stdout);
    expect(answer).toMatchObject({ kumaVersion: "2.14.3", dataplane: "web-01", verdict: "passthrough" });
    expect(j.stdout).toBe(JSON.stringify(answer));
    expect(parse(meshsim([...args, "-o", "yaml"]).stdout)).toEqual(answer);
    const md = meshsim([...args, "-o", "markdown"]);
    expect(md.stdout.split("\n")[0]).toMatch(/^\*\*PASSTHROUGH\*\*: /);
    expect(meshsim([...args, "-o", "markdown", "--format", "json"]).code).toBe(2);
  });
});

describe("--url: a deployment gives the same bytes as the in-process run", { timeout: 120_000 }, () => {
  let server: Server;
  let url = "";
  beforeAll(async () => {
    const app = createApp();
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === "string"));
      const answer = await app.fetch(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) }), {});
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Each with its exit code: equal bytes prove nothing if both sides refused the input.
  const cases: [string, string[], number][] = [
    ["test, every format", ["test", docs214, "--fail-on", "ineffective"], 1],
    ["test of a batch file whose resources name files, every format", ["test", refs], 1],
    ["simulate -o json", ["simulate", "-f", "DP", "--to", "http://example.com", "--ip", "93.184.216.34", "-o", "json"], 0],
    ["simulate -o markdown", ["simulate", "-f", "DP", "--to", "http://example.com", "--ip", "93.184.216.34", "-o", "markdown"], 0],
    ["validate -o yaml", ["validate", "DP", "-o", "yaml"], 0],
    ["a bad input (exit 2)", ["validate", "BAD"], 2],
  ];
  it.each(cases)("%s", async (_, raw, code) => {
    const args = raw.map((a) => (a === "DP" ? dpFile : a === "BAD" ? write("bad-url.yaml", dataplane.replace("port: 8080", "port: 99999")) : a));
    const formats = args[0] === "test" ? ["text", "json", "junit", "sarif", "tap", "github"].map((f) => ["--format", f]) : [[]];
    for (const f of formats) {
      const here = await inProcess([...args, ...f]);
      expect(here.code, here.stderr).toBe(code);
      const there = await inProcess([...args, ...f, "--url", url]);
      expect(there).toEqual(here);
    }
  });

  it("as a process, and exit 2 naming the URL when nothing answers", async () => {
    const here = meshsim(["test", docs214, "--fail-on", "ineffective", "--format", "sarif"]);
    const there = await meshsimAsync(["test", docs214, "--fail-on", "ineffective", "--format", "sarif", "--url", url]);
    expect(there).toEqual(here);
    const closed = await inProcess(["test", docs214, "--url", "http://127.0.0.1:1"]);
    expect(closed.code).toBe(2);
    expect(closed.stderr).toMatch(/^meshsim: cannot reach http:\/\/127\.0\.0\.1:1\/v1\/simulate\/batch: /);
  });
});
