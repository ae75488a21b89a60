/**
 * `npm run attacks`: times the hostile requests of issue #15 (test/support/attacks.ts) through the app in process
 * (Node), or against a running Worker when `ATTACKS_URL` is set (e.g. `npm start`, then
 * `ATTACKS_URL=http://127.0.0.1:8787 npm run attacks`). Prints, per attack, the body size, the status and problem
 * type, and the median and worst wall time of `ATTACKS_SAMPLES` (default 5) runs. Wall time in process is CPU time
 * on an idle machine; the figures go into docs/hardening.md. It asserts nothing (the tests pin the statuses).
 */
import { createApp } from "../../src/http/app.js";
import { attacks, type Attack } from "../../test/support/attacks.js";

const url = process.env["ATTACKS_URL"];
const samples = Number(process.env["ATTACKS_SAMPLES"] ?? 5);
const app = createApp();

async function once(a: Attack): Promise<{ ms: number; status: number; type: string }> {
  const init = { method: "POST", body: a.body, headers: { "content-type": a.contentType, "cf-connecting-ip": `198.51.100.${Math.floor(Math.random() * 250)}` } };
  const t = performance.now();
  const res = url ? await fetch(`${url}${a.path}`, init) : await app.request(a.path, init);
  const text = await res.text();
  const ms = performance.now() - t;
  let type = "";
  try {
    type = String((JSON.parse(text) as { type?: string }).type ?? "").replace("https://meshsim.dev/problems/", "");
  } catch {
    /* not JSON */
  }
  return { ms, status: res.status, type };
}

const rows: string[] = [];
for (const a of attacks()) {
  const times: number[] = [];
  let last = { status: 0, type: "" };
  for (let i = 0; i < samples; i++) {
    const r = await once(a);
    times.push(r.ms);
    last = r;
  }
  times.sort((x, y) => x - y);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const worst = times[times.length - 1] ?? 0;
  rows.push(`| ${a.name} | ${(a.body.length / 1024).toFixed(1)} KB | ${last.status}${last.type ? ` ${last.type}` : ""} | ${median.toFixed(0)} ms | ${worst.toFixed(0)} ms |`);
}
console.log(`attacks ${url ? `against ${url}` : "in process (Node)"}, ${samples} samples each, ${new Date().toISOString()}`);
console.log("| attack | body | answer | median | worst |\n|---|---|---|---|---|");
for (const r of rows) console.log(r);
