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

  // Issue #15 point 4: cancelling an over-limit streamed body made wrangler dev answer the next request
  // with a 503 "Your worker restarted mid-request" (or a 500 "Network connection lost").
  it("answers the request after an over-limit streamed body (no Content-Length) with 200", { timeout: 60_000 }, async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    for (let round = 0; round < 3; round++) {
      const body = new ReadableStream({
        start(c) {
          for (let i = 0; i < 32; i++) c.enqueue(chunk); // 2 MiB against the 1 MiB JSON limit
          c.close();
        },
      });
      const res = await fetch(`${base}/v1/simulate`, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half", signal: AbortSignal.timeout(20_000) } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { detail: string }).detail).toBe("the JSON body limit is 1048576 bytes");
      const next = await fetch(`${base}/v1/versions`, { signal: AbortSignal.timeout(20_000) });
      expect(next.status, await next.clone().text()).toBe(200);
      expect(((await next.json()) as { versions: unknown[] }).versions.length).toBeGreaterThan(0);
    }
  });
});
