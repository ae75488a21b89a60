/**
 * `meshsim passthrough-plan` as a process and in process: the exit codes (0 covered, 1 still blocked or before 2.8,
 * 2 bad input located at its file and line), the destinations file as text lines or a YAML list, and --url against
 * the app on a local port giving the same bytes. Expected facts come from the case files in
 * src/core/simulate/passthrough-plan-cases (which cite Kuma); line numbers are counted by hand in the files below.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../http/app.js";
import { main } from "./main.js";

const dir = mkdtempSync(join(tmpdir(), "meshsim-cli-plan-"));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const meshsim = (args: string[]) => {
  const r = spawnSync(process.execPath, ["bin/meshsim.mjs", ...args], { input: "", encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
async function inProcess(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stdin: () => Buffer.from(""), env: {}, stderrIsTTY: false, now: () => 0 });
  return { code, stdout, stderr };
}

const resources = write(
  "resources.yaml",
  `type: Mesh
name: default
---
type: Dataplane
mesh: default
name: web
networking:
  address: 10.0.0.1
  inbound: [{ port: 8080, tags: { kuma.io/service: web } }]
  transparentProxying: { redirectPortOutbound: 15001, redirectPortInbound: 15006 }
`,
);
// The what-ifs: the Mesh flag off and an allowlist covering api.github.com (tls/443).
const patches = write(
  "patches.yaml",
  `type: Mesh
name: default
networking: { outbound: { passthrough: false } }
---
type: MeshPassthrough
mesh: default
name: egress-allowlist
spec:
  targetRef: { kind: Mesh }
  default:
    passthroughMode: Matched
    appendMatch:
      - { type: Domain, value: api.github.com, port: 443, protocol: tls }
`,
);
// Line 1 a comment, line 3 blank: the network line (198.51.100.7:6379) and the HTTP line (httpbin.org:80).
const lines = write(
  "passthrough.log",
  `# outbound:passthrough:ipv4, TrafficLog default format
[2026-01-01T10:00:00.000Z] - default 10.0.0.1(web)->198.51.100.7:6379(external) took 3ms, sent 10 bytes, received: 20 bytes

[2026-01-01T10:00:01.000Z] default "GET /get HTTP/1.1" 200 - 0 512 12 10 "-" "curl/8.5.0" "-" "0f1e2d3c" "httpbin.org" "web" "external" "10.0.0.1" "34.160.111.145:80"
`,
);
const list = write("destinations.yaml", `- { host: api.github.com, ip: 140.82.112.6, port: 443, protocol: tls }\n- { ip: 198.51.100.7, port: 6379 }\n`);

describe("meshsim passthrough-plan", { timeout: 120_000 }, () => {
  it("exits 0 when the plan covers every destination: access-log lines, Markdown by default, -o json is the API answer", () => {
    const r = meshsim(["passthrough-plan", "-f", resources, "--patch", patches, "--destinations", lines, "--kuma-version", "2.14"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^\*\*SAFE WITH PLAN\*\* \(Kuma 2\.14\.3, 2 destination\(s\) from 1 dataplane\(s\)\): 2 would be blocked/);
    const j = meshsim(["passthrough-plan", "-f", resources, "--patch", patches, "--destinations", lines, "--kuma-version", "2.14", "-o", "json"]);
    expect(j.code).toBe(0);
    const answer = JSON.parse(j.stdout) as { blocked: { entry: unknown }[]; summary: { covered: boolean } };
    expect(answer.blocked.map((b) => b.entry)).toEqual([
      { type: "IP", value: "198.51.100.7", port: 6379, protocol: "tcp" },
      { type: "Domain", value: "httpbin.org", port: 80, protocol: "http" },
    ]);
    expect(answer.summary.covered).toBe(true);
  });

  it("reads a YAML list: the allowlist covers api.github.com, the plan adds 198.51.100.7; -o yaml", () => {
    const r = meshsim(["passthrough-plan", "-f", resources, "--patch", patches, "--destinations", list, "-o", "yaml"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("status: covered");
    expect(r.stdout).toContain("value: 198.51.100.7");
  });

  it("exits 1 when a destination stays blocked (tcp to a hostname without its address) and before 2.8", () => {
    const tcpHost = write("tcp-host.yaml", "- { host: cache.example.com, port: 6379, protocol: tcp }\n");
    const r = meshsim(["passthrough-plan", "-f", resources, "--destinations", tcpHost, "--kuma-version", "2.14"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.split("\n")[0]).toMatch(/^\*\*STILL BLOCKED\*\*/);
    const old = meshsim(["passthrough-plan", "-f", resources, "--destinations", list, "--kuma-version", "2.7"]);
    expect(old.code, old.stderr).toBe(1);
    expect(old.stdout.split("\n")[0]).toMatch(/^\*\*NO PLAN\*\* \(Kuma 2\.7\.29/);
    expect(old.stdout).toContain("ExternalService");
  });

  it("exits 2 with the file and line of a bad destination, in a log file and in a YAML list", () => {
    const badLog = write("bad.log", "# comment\n[2026-01-01T10:00:00.000Z] - default 10.0.0.1(web)->198.51.100.7:6379(external) took 3ms, sent 10 bytes, received: 20 bytes\nnot a log line\n");
    const r = meshsim(["passthrough-plan", "-f", resources, "--destinations", badLog]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${badLog.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:1: destinations\\[1\\]: not an access-log line meshsim can read`));
    const badList = write("bad.yaml", "- { ip: 198.51.100.7, port: 6379 }\n- { port: 443, protocol: tls }\n");
    const l = meshsim(["passthrough-plan", "-f", resources, "--destinations", badList]);
    expect(l.code).toBe(2);
    expect(l.stderr).toMatch(/bad\.yaml:2:\d+: destinations\[1\]: give host or ip/);
  });

  it("exits 2 naming what is missing: --destinations, -f, or an unknown dataplane", () => {
    expect(meshsim(["passthrough-plan", "-f", resources]).stderr).toContain("--destinations <file> is required");
    expect(meshsim(["passthrough-plan", "--destinations", list]).stderr).toContain("give the resources with -f");
    const from = meshsim(["passthrough-plan", "-f", resources, "--destinations", list, "--from", "api"]);
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('(command line): from: no Dataplane named "api"');
  });
});

describe("meshsim passthrough-plan --url", { timeout: 120_000 }, () => {
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

  it.each([["markdown"], ["json"], ["yaml"]])("-o %s gives the same bytes and exit code as in process", async (o) => {
    const args = ["passthrough-plan", "-f", resources, "--patch", patches, "--destinations", lines, "-o", o];
    const here = await inProcess(args);
    expect(here.code).toBe(0);
    expect(await inProcess([...args, "--url", url])).toEqual(here);
  });

  it("a bad destination is located the same way", async () => {
    const badLog = write("bad-url.log", "tcp\n");
    const args = ["passthrough-plan", "-f", resources, "--destinations", badLog];
    const here = await inProcess(args);
    expect(here.code).toBe(2);
    expect(here.stderr).toContain("bad-url.log:1:1: destinations[0]: the line is the word \"tcp\"");
    expect(await inProcess([...args, "--url", url])).toEqual(here);
  });
});
