import { describe, expect, it } from "vitest";
import { caseRun } from "./report.fixtures.js";
import { textReport } from "./text.js";

describe("textReport", () => {
  it("lists each failed request with its failures, the counts, and a last line that says FAILED", () => {
    const text = textReport([caseRun("a-wrong-name-fail-on-no-match", { failOn: [] })]);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("test/expectations/a-wrong-name-fail-on-no-match/input.yaml: Kuma 2.14.3, 1 request, 0 passed, 1 failed");
    expect(lines[1]).toBe("  FAIL requests[0] web-01 -> http://example.com");
    expect(lines[2]).toMatch(/^ {4}failOn: wrong-name#0 \(cluster Patch\) is no-match, which failOn lists/);
    expect(lines).toContain("  modifications: no-match 1");
    expect(lines.at(-1)).toBe("FAILED: 1 of 1 requests");
  });

  it("says ok when every expectation holds", () => {
    expect(textReport([caseRun("d-docs-patch-2.13-fail-on-ineffective", { failOn: [] })]).trimEnd().split("\n").at(-1)).toBe("ok: 2 requests, every expectation holds");
  });
});
