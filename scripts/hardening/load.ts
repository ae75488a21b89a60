/**
 * `npm run load`: starts `wrangler dev` (real workerd, as `npm start` does) on a free loopback port and drives it
 * at concurrency 1, 16 and 64 with two bodies: the docs example (test/scenarios/e-docs-patch-2.14, sent as JSON) and
 * a 100-dataplane snapshot (the benchmark's snapshot, scripts/bench/snapshot.ts, cut to 100 dataplanes). Each run is
 * bounded by `LOAD_SECONDS` (default 5) and `LOAD_MAX` requests (default 2,000), after `LOAD_WARMUP` (default 20)
 * unmeasured requests. Prints requests/s, p50, p99 and errors (any answer but 200, any failed fetch); exit 1 on an
 * error. Every request carries its own `CF-Connecting-IP` (10.x.y.z, never repeated in a run): wrangler dev's
 * Miniflare sets that header to the client's address when it is missing and applies the Rate Limiting binding of
 * wrangler.toml (60 per minute per address), which would otherwise turn most requests into 429s.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { largeSnapshot } from "../bench/snapshot.js";
import { freePort } from "../../test/support/net.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const SECONDS = Number(process.env["LOAD_SECONDS"] ?? 5);
const MAX = Number(process.env["LOAD_MAX"] ?? 2_000);
const WARMUP = Number(process.env["LOAD_WARMUP"] ?? 20);

function docsExample(): string {
  const input = parse(readFileSync(`${ROOT}test/scenarios/e-docs-patch-2.14/input.yaml`, "utf8")) as Record<string, unknown>;
  return JSON.stringify(input);
}

function hundredDataplanes(): string {
  const keep = new Set(Array.from({ length: 100 }, (_, i) => `dp-${i}`));
  const resources = largeSnapshot().filter((r) => (r as { type: string; name: string }).type !== "Dataplane" || keep.has((r as { name: string }).name));
  return JSON.stringify({ kumaVersion: "2.14", resources, request: { from: "dp-0", to: "https://api0.example.com", ip: "93.184.216.34" } });
}

let ipCounter = 0;
function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** The first answer that was not a 200, to say what the errors were. */
let firstError: string | undefined;

async function post(base: string, body: string): Promise<{ ok: boolean; ms: number; status: number }> {
  const t = performance.now();
  try {
    const res = await fetch(`${base}/v1/simulate`, { method: "POST", body, headers: { "content-type": "application/json", "cf-connecting-ip": nextIp() } });
    const text = await res.text();
    if (res.status !== 200) firstError ??= `${res.status}: ${text.slice(0, 300)}`;
    return { ok: res.status === 200, ms: performance.now() - t, status: res.status };
  } catch (e) {
    firstError ??= `fetch failed: ${(e as Error).message}`;
    return { ok: false, ms: performance.now() - t, status: 0 };
  }
}

async function run(base: string, body: string, concurrency: number): Promise<{ n: number; rps: number; p50: number; p99: number; errors: number; statuses: string }> {
  for (let i = 0; i < WARMUP; i++) await post(base, body);
  const times: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  let started = 0;
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  const worker = async () => {
    while (started < MAX && performance.now() < deadline) {
      started++;
      const r = await post(base, body);
      times.push(r.ms);
      if (!r.ok) {
        errors++;
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return { n: times.length, rps: times.length / elapsed, p50: q(0.5), p99: q(0.99), errors, statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(" ") };
}

const [port, inspector] = [await freePort(), await freePort()];
const base = `http://127.0.0.1:${port}`;
const child = spawn("npx", ["wrangler", "dev", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false"], {
  cwd: ROOT,
  detached: true,
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" },
});
let log = "";
child.stdout!.on("data", (d) => (log += d));
child.stderr!.on("data", (d) => (log += d));
const stop = () => {
  try {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  } catch {
    /* gone */
  }
};
let failed = false;
try {
  const up = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > up) throw new Error(`wrangler dev did not come up:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`load against wrangler dev at ${base}, ${SECONDS} s or ${MAX} requests per run, ${new Date().toISOString()}`);
  console.log("| body | concurrency | requests | requests/s | p50 | p99 | errors |\n|---|---|---|---|---|---|---|");
  const only = process.env["LOAD_ONLY"]; // "docs" or "snapshot": one body only
  const bodies = ([["docs example", docsExample()], ["100-dataplane snapshot", hundredDataplanes()]] as const).filter(([n]) => !only || n.includes(only));
  const levels = (process.env["LOAD_CONCURRENCY"] ?? "1,16,64").split(",").map(Number);
  for (const [name, body] of bodies) {
    for (const c of levels) {
      const r = await run(base, body, c);
      if (r.errors > 0) failed = true;
      console.log(`| ${name} (${(body.length / 1024).toFixed(0)} KB) | ${c} | ${r.n} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${r.errors}${r.statuses ? ` (${r.statuses})` : ""} |`);
    }
  }
  if (firstError) console.log(`first error: ${firstError}`);
  if (firstError && process.env["LOAD_LOG"]) console.log(log.split("\n").filter((l) => !/POST \/v1\/simulate 200/.test(l)).slice(-40).join("\n"));
} finally {
  stop();
}
process.exit(failed ? 1 : 0);
