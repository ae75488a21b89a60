import { describe, expect, it } from "vitest";
import { checkJunit, caseRun } from "./report.fixtures.js";
import { junitReport, xmlEscape } from "./junit.js";

describe("junitReport", () => {
  it("escapes the five XML characters and drops control characters XML 1.0 cannot hold", () => {
    expect(xmlEscape(`a<b>&"c'\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
  });

  it("the docs' patch on 2.14 under failOn ineffective: 2 request cases and 3 modification cases, 3 failing (2 requests, #0)", () => {
    const doc = checkJunit(junitReport([caseRun("c-docs-patch-2.14-fail-on-ineffective", { failOn: [] })]));
    expect(doc.attrs).toMatchObject({ tests: "5", failures: "3" });
    const cases = doc.children[0]!.children;
    expect(cases.map((c) => [c.attrs["name"], c.children.length])).toEqual([
      ["requests[0] web-01 -> http://example.com", 1],
      ["requests[1] web-01 -> tcp://[2606:2800:220:1:248:1893:25c8:1946]:443", 1],
      ["modification custom-mpp-1#0 (cluster Patch) on web-01: ineffective", 1],
      ["modification custom-mpp-1#1 (cluster Patch) on web-01: applied", 0],
      ["modification custom-mpp-1#2 (networkFilter Patch) on web-01: applied", 0],
    ]);
    expect(cases[2]!.children[0]!.attrs["message"]).toMatch(/^failOn: custom-mpp-1#0 \(cluster Patch\) is ineffective, which failOn lists/);
  });

  it("passes every case on 2.13", () => {
    expect(checkJunit(junitReport([caseRun("d-docs-patch-2.13-fail-on-ineffective", { failOn: [] })])).attrs).toMatchObject({ tests: "5", failures: "0" });
  });
});
