/**
 * The benchmark inside workerd (`npm run bench:workerd`): the same large snapshot as `npm run bench`,
 * one simulation and a 1,000-request batch through the Worker's fetch, each next to JSON.parse +
 * JSON.stringify of the same request bytes. vitest prints the medians and how many times slower each
 * is than its baseline. In the pool, timers move in whole milliseconds: the subjects take hundreds of them,
 * and the sub-millisecond JSON baseline is a mean over 200 samples.
 */
import { exports } from "cloudflare:workers";
import { bench, describe } from "vitest";
import { batchRequests, largeSnapshot } from "../../scripts/bench/snapshot.js";

const resources = largeSnapshot();
const single = JSON.stringify({ kumaVersion: "2.14", resources, request: { from: "dp-0", to: "https://api0.example.com", ip: "93.184.216.34" } });
const batch = JSON.stringify({ kumaVersion: "2.14", resources, requests: batchRequests() });

async function post(path: string, body: string): Promise<void> {
  const res = await exports.default.fetch(`http://meshsim.test${path}`, { method: "POST", body, headers: { "content-type": "application/json" } });
  await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
}

describe("one simulation (large snapshot)", () => {
  bench("simulate", () => post("/v1/simulate", single), { iterations: 15, time: 0 });
  bench("JSON.parse + JSON.stringify of the same bytes", () => void JSON.stringify(JSON.parse(single)), { iterations: 200, time: 0 });
});

describe("batch of 1,000 requests (large snapshot)", () => {
  bench("simulate/batch", () => post("/v1/simulate/batch", batch), { iterations: 7, time: 0 });
  bench("JSON.parse + JSON.stringify of the same bytes", () => void JSON.stringify(JSON.parse(batch)), { iterations: 200, time: 0 });
});
