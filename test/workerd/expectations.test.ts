/// <reference types="vite/client" />
/** The batch expectation cases (test/expectations, issue #17) inside workerd, through the Worker's fetch. */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectationCaseFrom, runExpectationCase } from "../support/expectations.js";

// Vite inlines the case files at build time: workerd has no file system.
const inputs = import.meta.glob<string>("../expectations/*/input.yaml", { query: "?raw", import: "default", eager: true });
const expecteds = import.meta.glob<string>("../expectations/*/expected.yaml", { query: "?raw", import: "default", eager: true });

describe("batch expectation cases inside workerd", () => {
  const names = Object.keys(inputs).map((p) => p.split("/")[2]!).sort();
  it("finds every case", () => expect(names.length).toBeGreaterThanOrEqual(9));
  for (const name of names) {
    it(name, async () => {
      const c = expectationCaseFrom(name, inputs[`../expectations/${name}/input.yaml`]!, expecteds[`../expectations/${name}/expected.yaml`]!);
      await runExpectationCase(c, async (body, contentType, accept) => {
        const res = await exports.default.fetch("http://meshsim.test/v1/simulate/batch", { method: "POST", body, headers: { "content-type": contentType, ...(accept ? { accept } : {}) } });
        return { status: res.status, text: await res.text() };
      });
    });
  }
});
