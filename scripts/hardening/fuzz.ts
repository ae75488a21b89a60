/**
 * `npm run fuzz [count]`: generated hostile requests (test/support/fuzz-inputs.ts, fast-check) through the app in
 * process. Default 100,000 inputs (`FUZZ_COUNT` or the first argument), seed `FUZZ_SEED` (default: the time).
 *
 * Every input must get an answer below 500 that is JSON (an answer or an RFC 9457 problem). Every 1,000 inputs a
 * clean request must answer byte for byte as it did before the first input, and the built-ins' fingerprint (own
 * property names and types of Object, Array, Function, String, JSON, Math, Reflect, Promise and their prototypes)
 * must be unchanged. At the end: status counts, the slowest inputs, heap growth. An input that fails, or that
 * takes over 100 ms twice in a row, is written to test/fuzz-corpus/ (`npm test` replays it:
 * test/fuzz/corpus.test.ts). Exit 1 when anything failed (slow inputs alone do not fail the run).
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { createApp } from "../../src/http/app.js";
import { CLEAN, fuzzInput, type FuzzInput } from "../../test/support/fuzz-inputs.js";

const COUNT = Number(process.argv[2] ?? process.env["FUZZ_COUNT"] ?? 100_000);
const SEED = Number(process.env["FUZZ_SEED"] ?? Date.now() % 2 ** 31);
const SLOW_MS = 100;
const CORPUS = join(new URL("../..", import.meta.url).pathname, "test", "fuzz-corpus");
const CHUNK = 1_000;

const app = createApp();

async function send(i: FuzzInput): Promise<{ status: number; text: string; contentType: string; ms: number }> {
  const t = performance.now();
  const res = await app.request(i.path, { method: "POST", body: i.body, headers: { "content-type": i.contentType } });
  const text = await res.text();
  return { status: res.status, text, contentType: res.headers.get("content-type") ?? "", ms: performance.now() - t };
}

/** Own property names and value types of the built-ins a prototype-pollution or patch bug would touch. */
function fingerprint(): string {
  const roots: Record<string, object> = { Object, "Object.prototype": Object.prototype, Array, "Array.prototype": Array.prototype, Function, "Function.prototype": Function.prototype, String, "String.prototype": String.prototype, JSON, Math, Reflect, Promise, "Promise.prototype": Promise.prototype };
  return Object.entries(roots)
    .map(([n, o]) => `${n}{${Object.getOwnPropertyNames(o).sort().map((k) => `${k}:${typeof Object.getOwnPropertyDescriptor(o, k)?.value}`).join(",")}}`)
    .join("\n");
}

function save(input: FuzzInput, reason: string): string {
  mkdirSync(CORPUS, { recursive: true });
  const id = createHash("sha256").update(`${input.path}\n${input.contentType}\n${input.body}`).digest("hex").slice(0, 16);
  writeFileSync(join(CORPUS, `${id}.json`), `${JSON.stringify({ reason, seed: SEED, ...input }, null, 1)}\n`);
  return id;
}

function problemOf(r: { status: number; text: string; contentType: string }): string | undefined {
  if (r.status >= 500) return `status ${r.status}: ${r.text.slice(0, 200)}`;
  if (!/^application\/(problem\+)?json/.test(r.contentType)) return `content type ${r.contentType}`;
  try {
    JSON.parse(r.text);
  } catch {
    return "the answer is not JSON";
  }
  return undefined;
}

const start = Date.now();
const cleanBefore = (await send(CLEAN)).text;
const printBefore = fingerprint();
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const statuses = new Map<number, number>();
const slowest: { ms: number; input: FuzzInput; status: number }[] = [];
let failures = 0;
let slow = 0;
let done = 0;

const inputs = fc.sample(fuzzInput, { numRuns: COUNT, seed: SEED });
for (const input of inputs) {
  let r: Awaited<ReturnType<typeof send>>;
  try {
    r = await send(input);
  } catch (e) {
    failures++;
    console.log(`FAIL threw ${(e as Error).message} → ${save(input, `threw: ${(e as Error).message}`)}`);
    continue;
  }
  statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  const problem = problemOf(r);
  if (problem) {
    failures++;
    console.log(`FAIL ${problem} → ${save(input, problem)}`);
  }
  if (r.ms > SLOW_MS) {
    const again = await send(input);
    if (again.ms > SLOW_MS) {
      slow++;
      save(input, `slow: ${r.ms.toFixed(0)} ms, then ${again.ms.toFixed(0)} ms`);
    }
  }
  slowest.push({ ms: r.ms, input, status: r.status });
  if (slowest.length > 50) {
    slowest.sort((a, b) => b.ms - a.ms);
    slowest.length = 10;
  }
  done++;
  if (done % CHUNK === 0) {
    const clean = (await send(CLEAN)).text;
    if (clean !== cleanBefore) {
      failures++;
      console.log(`FAIL the clean request answered differently after input ${done} → ${save(input, "the clean request answered differently after this input (or one of the 1,000 before it)")}`);
    }
    if (fingerprint() !== printBefore) {
      failures++;
      console.log(`FAIL the built-ins changed after input ${done} → ${save(input, "the built-ins changed after this input (or one of the 1,000 before it)")}`);
    }
    if (done % (CHUNK * 10) === 0) console.log(`${done} inputs, ${((Date.now() - start) / 1000).toFixed(0)} s, ${failures} failures, ${slow} slow`);
  }
}
global.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
slowest.sort((a, b) => b.ms - a.ms);
console.log(`\nfuzz: ${done} inputs, seed ${SEED}, ${((Date.now() - start) / 1000).toFixed(0)} s`);
console.log(`statuses: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(", ")}`);
console.log(`failures: ${failures}; inputs over ${SLOW_MS} ms twice: ${slow}`);
console.log(`heap: ${(heapBefore / 2 ** 20).toFixed(1)} MiB before, ${(heapAfter / 2 ** 20).toFixed(1)} MiB after${global.gc ? "" : " (without --expose-gc: not collected first)"}`);
console.log("slowest:");
for (const s of slowest.slice(0, 10)) console.log(`  ${s.ms.toFixed(0)} ms ${s.status} ${s.input.path} ${s.input.contentType} ${s.input.body.length} B: ${s.input.body.slice(0, 100).replace(/\s+/g, " ")}`);
process.exit(failures > 0 ? 1 : 0);
