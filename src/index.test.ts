/**
 * The README's first quick-start line: `npm start` serves the API in workerd through wrangler dev.
 * This test starts it for real (on a free port) and calls it over HTTP.
 */
import { freePort } from "../test/support/net.js";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";


describe("npm start (wrangler dev, real workerd)", () => {
  let child: ChildProcess;
  let base: string;
  let log = "";

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // `npm start -- --port N`: the same script the README runs, on a port no one else uses.
    child = spawn("npm", ["start", "--", "--port", String(port)], { cwd: new URL("..", import.meta.url).pathname, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d) => (log += d));
    child.stderr!.on("data", (d) => (log += d));
    let exited = false;
    child.on("exit", () => (exited = true));
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) return;
      } catch {
        /* not up yet */
      }
      if (exited || Date.now() > deadline) throw new Error(`wrangler dev did not come up:\n${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 70_000);

  afterAll(() => {
    try {
      if (child?.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  });

  it("answers /healthz and a simulation over HTTP", async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    const res = await fetch(`${base}/v1/simulate`, {
      method: "POST",
      headers: { "content-type": "application/yaml" },
      body: "resources:\n  - {type: Mesh, name: default, networking: {outbound: {passthrough: false}}}\nrequest: {to: https://example.com, ip: 93.184.216.34}\ninclude: []\n",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { verdict: string; reason: { code: string } };
    expect(body.verdict).toBe("blocked");
    expect(body.reason.code).toBe("no-cluster");
    const bad = await fetch(`${base}/v1/simulate`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
  });
});
