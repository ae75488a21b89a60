/**
 * Replays the fuzz regression corpus (test/fuzz-corpus/*.json, written by `npm run fuzz`): every input that ever
 * failed or took over 100 ms twice in a row. Each must now get an answer below 500 that is JSON, and must leave the
 * clean request's answer byte-identical. Times are not asserted (`npm run fuzz` prints them).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.js";
import { CLEAN, type FuzzInput } from "../support/fuzz-inputs.js";

const DIR = join(new URL("../..", import.meta.url).pathname, "test", "fuzz-corpus");
const entries = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(DIR, f), "utf8")) as FuzzInput & { reason: string }) }));

const app = createApp();
const send = async (i: FuzzInput) => {
  const res = await app.request(i.path, { method: "POST", body: i.body, headers: { "content-type": i.contentType } });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text: await res.text() };
};

describe("fuzz regression corpus", () => {
  it("the clean request answers 200, and every corpus entry names why it is kept", async () => {
    expect((await send(CLEAN)).status).toBe(200);
    for (const e of entries) expect(typeof e.reason === "string" && e.reason.length > 0, e.file).toBe(true);
  });
  for (const e of entries)
    it(`${e.file} (${e.reason.slice(0, 60)})`, async () => {
      const before = (await send(CLEAN)).text;
      const r = await send(e);
      expect(r.status).toBeLessThan(500);
      expect(r.contentType).toMatch(/^application\/(problem\+)?json/);
      expect(() => JSON.parse(r.text)).not.toThrow();
      expect((await send(CLEAN)).text).toBe(before);
    });
});
