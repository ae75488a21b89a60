/**
 * `meshsim simulate --full` (issue #14 point 4): the body's `include` gets `full`, so `-o json` prints the
 * answer with every long list whole, the same bytes as `POST /v1/simulate?full=1`. The scenario: one
 * MeshPassthrough with 21 HTTP domains, so 21 ORIGINAL_DST clusters `meshpassthrough_http_<domain>_80`
 * (kumahq/kuma@v2.14.3 pkg/plugins/policies/meshpassthrough/plugin/xds/configurer.go), and one cluster
 * modification matching `origin: meshpassthrough`: 21 names, one more than an answer lists by default.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createApp } from "../http/app.js";
import { main } from "./main.js";

const DOMAINS = Array.from({ length: 21 }, (_, i) => `web${String(i).padStart(2, "0")}.example.org`);
const RESOURCES = [
  { type: "Mesh", name: "default" },
  { type: "Dataplane", mesh: "default", name: "web", networking: { address: "10.0.0.1", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 } } },
  { type: "MeshPassthrough", mesh: "default", name: "egress", spec: { targetRef: { kind: "Mesh" }, default: { passthroughMode: "Matched", appendMatch: DOMAINS.map((value) => ({ type: "Domain", value, port: 80, protocol: "http" })) } } },
  { type: "MeshProxyPatch", mesh: "default", name: "mpp", spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: [{ cluster: { operation: "Patch", match: { origin: "meshpassthrough" }, jsonPatches: [{ op: "replace", path: "/connectTimeout", value: "7s" }] } }] } } },
];
const file = join(mkdtempSync(join(tmpdir(), "meshsim-full-")), "mesh.yaml");
writeFileSync(file, RESOURCES.map((r) => stringify(r)).join("---\n"));
const ARGS = ["simulate", "-f", file, "--to", "http://web03.example.org", "--ip", "93.184.216.34", "--kuma-version", "2.14", "-o", "json"];

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stdin: () => Buffer.from(""), env: {}, stderrIsTTY: false, now: () => 0 });
  return { code, stdout, stderr };
}

type Mod = { matched: string[]; matchedCount?: number };

describe("meshsim simulate --full", { timeout: 60_000 }, () => {
  it("-o json lists 20 of the 21 matched names and matchedCount 21; with --full all 21, as the API's ?full=1", async () => {
    const cut = await run(ARGS);
    expect(cut.code, cut.stderr).toBe(0);
    const c = (JSON.parse(cut.stdout) as { modifications: Mod[] }).modifications[0]!;
    expect(c.matched).toHaveLength(20);
    expect(c.matchedCount).toBe(21);
    const full = await run([...ARGS, "--full"]);
    expect(full.code, full.stderr).toBe(0);
    const f = (JSON.parse(full.stdout) as { modifications: Mod[] }).modifications[0]!;
    expect(f.matched).toEqual(DOMAINS.map((d) => `cluster meshpassthrough_http_${d}_80`));
    expect(f).not.toHaveProperty("matchedCount");
    const api = await createApp().request("/v1/simulate?full=1", {
      method: "POST",
      body: JSON.stringify({ kumaVersion: "2.14", resources: RESOURCES, request: { to: "http://web03.example.org", ip: "93.184.216.34" } }),
      headers: { "content-type": "application/json" },
    });
    expect(full.stdout).toBe(await api.text());
  });
});
