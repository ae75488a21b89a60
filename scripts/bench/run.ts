/**
 * `npm run bench`: median times through the HTTP app in Node, each measured interleaved with its baseline in
 * the same run (the design and the figures: docs/hardening.md, "Benchmark"):
 * - one simulation of the large snapshot (500 dataplanes, 200 MeshPassthrough entries, 100 MeshProxyPatch
 *   modifications), as a ratio to JSON.parse + JSON.stringify of the same request bytes (the "floor");
 * - a batch of 1,000 requests from 5 dataplanes, and what one request of it costs once its dataplane's config
 *   is generated (matching): the batch's per-request work (walk, expectation) timed through the core with the
 *   five proxies already built;
 * - the upgrade check of the same batch from 2.13 to 2.14 (two batches and a diff), as a ratio to the batch;
 * - the impact check of one what-if MeshProxyPatch (MeshSubset kuma.io/service svc-0, so it reaches dp-0; it adds a
 *   field no other patch of the snapshot writes, so dp-0's config changes) on the same snapshot, probes derived, as a
 *   ratio to the batch (the bound of issue #16: 3×); only the dataplanes a what-if reaches are generated, so a patch
 *   that selects every dataplane costs about two generations per dataplane (not measured here: minutes);
 * - the docs example (scenario e: YAML body, full config, diff and trace);
 * - the size of the default answer to the single request.
 * `npm run bench -- --growth` adds the growth table: one simulation with one size varied at a time (dataplanes,
 * MeshPassthrough entries, MeshProxyPatch modifications), each row's cost, the slope per unit, and the product
 * term in µs per (modification × matched resource) pair.
 * It asserts nothing (the machines are shared and noisy) and ends with exactly one line tools read:
 * `perf: single <R>x floor, <S> ms; batch <B> ms, matching <M> us/request; docs-example <D> ms; answer <K> KiB`.
 */
import { readFileSync } from "node:fs";
import { createApp } from "../../src/http/app.js";
import { dataplaneLabel, type ProxyCache } from "../../src/core/simulate/dataplane.js";
import { type Expectation, checkExpectation } from "../../src/core/simulate/expect.js";
import { prepare, type Prepared } from "../../src/core/simulate/prepare.js";
import { simulateRequest } from "../../src/core/simulate/request.js";
import { BatchBodySchema, type BatchBody } from "../../src/core/simulate/schema.js";
import { BENCH_SIZE, batchRequests, largeSnapshot, type SnapshotSize } from "./snapshot.js";

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

/** Mean time of `reps` calls, for subjects too short to time once. */
async function timeEach(reps: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await fn();
  return (performance.now() - t0) / reps;
}

/** The baseline: parse and re-serialise the same bytes. */
function jsonRoundTrip(text: string): void {
  JSON.stringify(JSON.parse(text));
}

async function post(path: string, text: string, contentType = "application/json"): Promise<string> {
  const res = await app.request(path, { method: "POST", body: text, headers: { "content-type": contentType } });
  const out = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${out.slice(0, 500)}`);
  return out;
}

const singleBody = (size: SnapshotSize, include?: string[]): string =>
  JSON.stringify({ kumaVersion: "2.14", resources: largeSnapshot(size), request: { from: "dp-0", to: "https://api0.example.com", ip: "93.184.216.34" }, ...(include ? { include } : {}) });

interface ModificationOut {
  readonly matched: readonly string[];
  readonly matchedCount?: number;
}

/** (modification × matched resource) pairs of one answer: every modification's matched count. */
function pairsOf(answer: string): number {
  const mods = (JSON.parse(answer) as { modifications: ModificationOut[] }).modifications;
  return mods.reduce((n, m) => n + (m.matchedCount ?? m.matched.length), 0);
}

/** Per-request cost of the batch with every proxy built: what `simulateBatch` does per request, after generation. */
function matchingPerRequest(p: Prepared, requests: BatchBody["requests"], cache: ProxyCache): number {
  const t0 = performance.now();
  requests.forEach((req, i) => {
    const out = simulateRequest(p, req, `requests/${i}`, cache);
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    dataplaneLabel(out.proxy.dataplane, p.snapshot.dataplanes);
    checkExpectation(out.part, out.proxy, (req.expect ?? {}) as Expectation, []);
  });
  return ((performance.now() - t0) * 1000) / requests.length;
}

/** The growth table: one simulation (include none) with one size varied at a time; per row its median, per variable the slope. */
async function growth(samples: number): Promise<void> {
  const axes: { name: keyof SnapshotSize; label: string; values: number[] }[] = [
    { name: "dataplanes", label: "dataplanes", values: [10, 100, 500, 2000] },
    { name: "passthroughEntries", label: "MeshPassthrough entries", values: [0, 200, 1000] },
    { name: "modifications", label: "modifications", values: [0, 100, 500] },
  ];
  console.log(`\ngrowth (one simulation, include [], median of ${samples}; other sizes at ${JSON.stringify(BENCH_SIZE)}):`);
  for (const axis of axes) {
    const rows: { x: number; ms: number; pairs: number }[] = [];
    for (const x of axis.values) {
      const body = singleBody({ ...BENCH_SIZE, [axis.name]: x }, []);
      const pairs = pairsOf(await post("/v1/simulate", body));
      const ts: number[] = [];
      for (let i = 0; i < samples; i++) ts.push(await time(() => post("/v1/simulate", body)));
      rows.push({ x, ms: median(ts), pairs });
    }
    rows.forEach((r, i) => {
      const prev = rows[i - 1];
      const slope = prev ? ((r.ms - prev.ms) * 1000) / (r.x - prev.x) : undefined;
      console.log(
        `  ${axis.label.padEnd(24)} ${String(r.x).padStart(5)}   ${r.ms.toFixed(2).padStart(8)} ms   ${slope === undefined ? "".padStart(24) : `${slope.toFixed(1).padStart(8)} us per unit since ${String(prev!.x).padEnd(5)}`}   pairs ${r.pairs}`,
      );
    });
    if (axis.name === "modifications") {
      const a = rows[0]!;
      const b = rows[rows.length - 1]!;
      console.log(`  product term: ${(((b.ms - a.ms) * 1000) / (b.pairs - a.pairs)).toFixed(2)} us per (modification x matched resource) pair (${a.pairs} → ${b.pairs} pairs)`);
    }
  }
}

async function main(): Promise<void> {
  const samples = Number(process.env["BENCH_SAMPLES"] ?? 31);
  const resources = largeSnapshot();
  const single = JSON.stringify({ kumaVersion: "2.14", resources, request: { from: "dp-0", to: "https://api0.example.com", ip: "93.184.216.34" } });
  const requests = batchRequests();
  const batch = JSON.stringify({ kumaVersion: "2.14", resources, requests });
  const batchBody = BatchBodySchema.parse(JSON.parse(batch));
  const prepared = prepare(batchBody);
  if ("errors" in prepared) throw new Error(JSON.stringify(prepared.errors));
  const cache: ProxyCache = new Map();
  matchingPerRequest(prepared.prepared, batchBody.requests, cache);
  const docs = readFileSync(new URL("../../test/scenarios/e-docs-patch-2.14/input.yaml", import.meta.url), "utf8");
  const first = await post("/v1/simulate", single);
  const firstBatch = JSON.parse(await post("/v1/simulate/batch", batch)) as { summary: unknown };
  const docsAnswer = await post("/v1/simulate", docs, "application/yaml");
  const answerKiB = Buffer.byteLength(first) / 1024;
  const upgrade = JSON.stringify({ fromVersion: "2.13", toVersion: "2.14", resources, requests });
  const firstUpgrade = JSON.parse(await post("/v1/upgrade", upgrade)) as { summary: unknown };
  const whatIf = {
    type: "MeshProxyPatch",
    mesh: "default",
    name: "what-if",
    spec: {
      targetRef: { kind: "MeshSubset", tags: { "kuma.io/service": "svc-0" } },
      default: { appendModifications: [{ cluster: { operation: "Patch", match: { origin: "meshpassthrough" }, jsonPatches: [{ op: "add", path: "/perConnectionBufferLimitBytes", value: 32768 }] } }] },
    },
  };
  const impact = JSON.stringify({ kumaVersion: "2.14", resources, patches: [whatIf] });
  const firstImpact = JSON.parse(await post("/v1/impact", impact)) as { summary: unknown };
  console.log(`snapshot: ${resources.length} resources; single request ${(single.length / 1024).toFixed(0)} KiB, batch request ${(batch.length / 1024).toFixed(0)} KiB`);
  console.log(`sanity: single verdict ${(JSON.parse(first) as { verdict: string }).verdict}; batch summary ${JSON.stringify(firstBatch.summary)}; docs example ${Buffer.byteLength(docsAnswer)} bytes; upgrade summary ${JSON.stringify(firstUpgrade.summary)}; impact summary ${JSON.stringify(firstImpact.summary)}`);

  const t = { single: [] as number[], singleJson: [] as number[], batch: [] as number[], batchJson: [] as number[], matching: [] as number[], docs: [] as number[], upgrade: [] as number[], impact: [] as number[] };
  for (let i = 0; i < samples; i++) {
    // Interleaved: each sample of the subject is followed by its baseline.
    t.single.push(await time(() => post("/v1/simulate", single)));
    t.singleJson.push(await timeEach(10, () => jsonRoundTrip(single)));
    t.batch.push(await time(() => post("/v1/simulate/batch", batch)));
    t.batchJson.push(await timeEach(10, () => jsonRoundTrip(batch)));
    t.matching.push(matchingPerRequest(prepared.prepared, batchBody.requests, cache));
    t.docs.push(await timeEach(20, () => post("/v1/simulate", docs, "application/yaml")));
    t.upgrade.push(await time(() => post("/v1/upgrade", upgrade)));
    t.impact.push(await time(() => post("/v1/impact", impact)));
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<keyof typeof t, number>;
  const matchingUs = m.matching;
  const row = (name: string, subject: number, base: number) => `${name.padEnd(28)} ${subject.toFixed(1).padStart(8)} ms   JSON.parse+stringify ${base.toFixed(2).padStart(7)} ms   ratio ${(subject / base).toFixed(1).padStart(6)}×`;
  console.log(`\nmedians of ${samples} interleaved samples (Node ${process.version}):`);
  console.log(row("one simulation", m.single, m.singleJson));
  console.log(row("batch of 1,000 requests", m.batch, m.batchJson));
  console.log(`batch: ${matchingUs.toFixed(1)} us per request once its dataplane is generated (matching); the batch is ${(m.batch / m.single).toFixed(2)}× one simulation`);
  console.log(`docs example (scenario e, YAML, config + diff + trace) ${m.docs.toFixed(3)} ms; default answer to the single request ${answerKiB.toFixed(0)} KiB`);
  console.log(`${"upgrade 2.13 → 2.14, 1,000".padEnd(28)} ${m.upgrade.toFixed(1).padStart(8)} ms   ${(m.upgrade / m.batch).toFixed(2)}× the batch (the bound: 2×)`);
  console.log(`${"impact, 1 what-if MPP".padEnd(28)} ${m.impact.toFixed(1).padStart(8)} ms   ${(m.impact / m.batch).toFixed(2)}× the batch (the bound: 3×)`);

  if (process.argv.includes("--growth")) await growth(Number(process.env["BENCH_GROWTH_SAMPLES"] ?? 5));

  console.log(
    `perf: single ${(m.single / m.singleJson).toFixed(1)}x floor, ${m.single.toFixed(1)} ms; batch ${m.batch.toFixed(1)} ms, matching ${matchingUs.toFixed(1)} us/request; docs-example ${m.docs.toFixed(3)} ms; answer ${answerKiB.toFixed(0)} KiB`,
  );
}

await main();
