import { describe, expect, it } from "vitest";
import { caseRun, casePath, checkSarif } from "./report.fixtures.js";
import { sarifReport, uriOf } from "./sarif.js";

type Json = Record<string, any>;
const results = (log: Json) => log["runs"][0]["results"] as Json[];

describe("sarifReport", () => {
  it("the docs' patch on 2.14: #0 is an ineffective error at line 24 column 13 of the file; its warning is an error too (failOn)", () => {
    const log = checkSarif(sarifReport([caseRun("c-docs-patch-2.14-fail-on-ineffective", { failOn: [] })]));
    const mod = results(log).filter((r) => r["ruleId"] === "ineffective");
    expect(mod).toHaveLength(1);
    expect(mod[0]).toMatchObject({ level: "error", locations: [{ physicalLocation: { artifactLocation: { uri: casePath("c-docs-patch-2.14-fail-on-ineffective") }, region: { startLine: 24, startColumn: 13 } } }] });
    expect(mod[0]!["message"]["text"]).toContain("custom-mpp-1#0 (cluster Patch) is ineffective");
    // Applied modifications (#1, #2) are not findings.
    expect(results(log).filter((r) => r["ruleId"] === "applied")).toEqual([]);
    // The statuses come first among the rules.
    expect(log["runs"][0]["tool"]["driver"]["rules"][0]["id"]).toBe("ineffective");
  });

  it("a failOn warning code is an error, warnings not listed are notes", () => {
    const log = checkSarif(sarifReport([caseRun("c-docs-patch-2.14-fail-on-ineffective", { failOn: ["docs-ipv6-not-patched"] })]));
    const levels = Object.fromEntries(results(log).map((r) => [r["ruleId"], r["level"]]));
    expect(levels).toMatchObject({ ineffective: "error", "docs-ipv6-not-patched": "error", "docs-connect-timeout": "note" });
  });

  it("a wrong-name patch under the file's failOn [no-match] is a no-match error at the modification (line 22, column 13)", () => {
    const log = checkSarif(sarifReport([caseRun("a-wrong-name-fail-on-no-match", { failOn: [] })]));
    const mod = results(log).find((r) => r["ruleId"] === "no-match")!;
    // The case file's own failOn: [no-match] still holds (the overrides only add to it).
    expect(mod["level"]).toBe("error");
    expect(mod["locations"][0]["physicalLocation"]["region"]).toEqual({ startLine: 22, startColumn: 13 });
  });

  it("expect.modifications: a wrong status fails at the modification; a source the dataplane lacks is expectation-failed at requests[2] (line 67, column 5)", () => {
    const log = checkSarif(sarifReport([caseRun("e-expect-modifications", { failOn: [] })]));
    const errors = results(log).filter((r) => r["level"] === "error");
    expect(errors.map((r) => r["ruleId"])).toEqual(["ineffective", "expectation-failed"]);
    expect(errors[0]!["message"]["text"]).toContain("is ineffective, expected applied");
    expect(errors[1]!["message"]["text"]).toContain("custom-mpp-1#3 does not select this request's dataplane");
    expect(errors[1]!["locations"][0]["physicalLocation"]["region"]).toEqual({ startLine: 67, startColumn: 5 });
  });
});

describe("the SARIF 2.1.0 schema check", () => {
  it("catches what the schema forbids: a level outside none/note/warning/error, a run without tool", async () => {
    const { sarifSchemaErrors } = await import("./report.fixtures.js");
    const log = JSON.parse(sarifReport([caseRun("a-wrong-name-fail-on-no-match", { failOn: [] })])) as Json;
    expect(sarifSchemaErrors(log)).toEqual([]);
    log["runs"][0]["results"][0]["level"] = "fatal";
    expect(sarifSchemaErrors(log).join("\n")).toContain("/runs/0/results/0/level");
    expect(sarifSchemaErrors({ version: "2.1.0", runs: [{}] }).join("\n")).toContain("/runs/0");
  });
});

describe("uriOf: file paths as SARIF URI references (RFC 3986)", () => {
  it("keeps separators, turns backslashes into them, and percent-encodes spaces, #, ? and %", () => {
    expect(uriOf("policies/egress.yaml")).toBe("policies/egress.yaml");
    expect(uriOf("my policies\\egress #1?.yaml")).toBe("my%20policies/egress%20%231%3F.yaml");
    expect(uriOf("100%/a b.yaml")).toBe("100%25/a%20b.yaml");
  });
});
