/** The batch expectation cases (test/expectations, issue #17) through the Hono app in Node. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { expectationCaseFrom, runExpectationCase } from "../../test/support/expectations.js";

const dir = join(import.meta.dirname, "..", "..", "test", "expectations");
const names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe("batch expectation cases through the Hono app in Node", () => {
  const app = createApp();
  it("finds every case", () => expect(names.length).toBeGreaterThanOrEqual(9));
  for (const name of names) {
    it(name, async () => {
      const c = expectationCaseFrom(name, readFileSync(join(dir, name, "input.yaml"), "utf8"), readFileSync(join(dir, name, "expected.yaml"), "utf8"));
      await runExpectationCase(c, async (body, contentType, accept) => {
        const res = await app.request("/v1/simulate/batch", { method: "POST", body, headers: { "content-type": contentType, ...(accept ? { accept } : {}) } });
        return { status: res.status, text: await res.text() };
      });
    });
  }
});
