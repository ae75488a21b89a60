/**
 * `npm run bench`: median time of one simulation and of a 1,000-request batch on a large snapshot
 * (500 dataplanes, 200 MeshPassthrough entries, 50 MeshProxyPatch policies), through the HTTP app in
 * Node, each as a ratio to JSON.parse + JSON.stringify of the same request bytes, measured
 * interleaved in the same run (the design and the baseline figures: docs/hardening.md, "Benchmark"); and the upgrade
 * check of the same batch from 2.13 to 2.14 (two batches and a diff), as a ratio to the batch.
 * Prints figures; it asserts nothing (the machines are shared and noisy).
 */
import { createApp } from "../../src/http/app.js";
import { batchRequests, largeSnapshot } from "./snapshot.js";

const app = createApp({ maxJsonBytes: 64 << 20 });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The baseline: parse and re-serialise the same bytes, repeated so one sample lasts long enough to time. */
function jsonRoundTrip(text: string, reps: number): void {
  for (let i = 0; i < reps; i++) JSON.stringify(JSON.parse(text));
}

async function post(path: string, text: string): Promise<string> {
  const res = await app.request(path, { method: "POST", body: text, headers: { "content-type": "application/json" } });
  const out = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${out.slice(0, 500)}`);
  return out;
}

async function main(): Promise<void> {
  const samples = Number(process.env["BENCH_SAMPLES"] ?? 31);
  const resources = largeSnapshot();
  const single = JSON.stringify({ kumaVersion: "2.14", resources, request: { from: "dp-0", to: "https://api0.example.com", ip: "93.184.216.34" } });
  const batch = JSON.stringify({ kumaVersion: "2.14", resources, requests: batchRequests() });
  const first = JSON.parse(await post("/v1/simulate", single)) as { verdict: string; limits: unknown };
  const firstBatch = JSON.parse(await post("/v1/simulate/batch", batch)) as { summary: unknown };
  const upgrade = JSON.stringify({ fromVersion: "2.13", toVersion: "2.14", resources, requests: batchRequests() });
  const firstUpgrade = JSON.parse(await post("/v1/upgrade", upgrade)) as { summary: unknown };
  console.log(`snapshot: ${resources.length} resources; single request ${(single.length / 1024).toFixed(0)} KiB, batch request ${(batch.length / 1024).toFixed(0)} KiB`);
  console.log(`sanity: single verdict ${first.verdict}; batch summary ${JSON.stringify(firstBatch.summary)}; upgrade summary ${JSON.stringify(firstUpgrade.summary)}`);

  const t = { single: [] as number[], singleJson: [] as number[], batch: [] as number[], batchJson: [] as number[], upgrade: [] as number[] };
  for (let i = 0; i < samples; i++) {
    // Interleaved: each sample of the subject is followed by its baseline.
    t.single.push(await time(() => post("/v1/simulate", single)));
    t.singleJson.push((await time(() => jsonRoundTrip(single, 10))) / 10);
    t.batch.push(await time(() => post("/v1/simulate/batch", batch)));
    t.batchJson.push((await time(() => jsonRoundTrip(batch, 10))) / 10);
    t.upgrade.push(await time(() => post("/v1/upgrade", upgrade)));
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<keyof typeof t, number>;
  const row = (name: string, subject: number, base: number) => `${name.padEnd(28)} ${subject.toFixed(1).padStart(8)} ms   JSON.parse+stringify ${base.toFixed(2).padStart(7)} ms   ratio ${(subject / base).toFixed(1).padStart(6)}×`;
  console.log(`\nmedians of ${samples} interleaved samples (Node ${process.version}):`);
  console.log(row("one simulation", m.single, m.singleJson));
  console.log(row("batch of 1,000 requests", m.batch, m.batchJson));
  console.log(`${"upgrade 2.13 → 2.14, 1,000".padEnd(28)} ${m.upgrade.toFixed(1).padStart(8)} ms   ${(m.upgrade / m.batch).toFixed(2)}× the batch (the bound: 2×)`);
  console.log(`batch per request ${(m.batch / 1000).toFixed(2)} ms; 1,000 single calls would take ~${((m.single * 1000) / 1000).toFixed(1)} s, the batch ${(m.batch / 1000).toFixed(2)} s (${((m.single * 1000) / m.batch).toFixed(0)}× less)`);
}

await main();
