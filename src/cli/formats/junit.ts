/**
 * `--format junit`: JUnit XML as GitHub, GitLab and Jenkins read it: one `testsuite` per input, one
 * `testcase` per request and one per modification (on each dataplane it selects), a `failure` with the
 * first message as its `message` and every failure in its text. A case whose place in the inputs is known
 * carries it as `file` and `line` (the attributes GitLab and pytest's JUnit use): the request in its batch
 * file, the modification in the file its MeshProxyPatch came from.
 */
import type { ExpectationFailure } from "../../core/simulate/result.js";
import { failureText, modificationCases, requestCases, type Location, type Run } from "../report.js";

/** Escapes text for an XML attribute or element (the five predefined entities; control characters dropped). */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function testcase(name: string, classname: string, failures: readonly ExpectationFailure[], at: Location | undefined): string {
  const place = at ? ` file="${xmlEscape(at.uri)}"${at.line !== undefined ? ` line="${at.line}"` : ""}` : "";
  const open = `    <testcase name="${xmlEscape(name)}" classname="${xmlEscape(classname)}"${place}`;
  if (failures.length === 0) return `${open}/>`;
  const texts = [...new Set(failures.map(failureText))];
  return `${open}>\n      <failure message="${xmlEscape(texts[0]!)}" type="${xmlEscape(failures[0]!.field)}">${xmlEscape(texts.join("\n"))}</failure>\n    </testcase>`;
}

/** The JUnit document for all runs. */
export function junitReport(runs: readonly Run[]): string {
  const suites = runs.map((run) => {
    const cases = [
      ...requestCases(run).map((c) => ({ xml: testcase(c.name, run.file, c.failures, run.where.request(c.index)), failed: c.failures.length > 0 })),
      ...modificationCases(run).map((c) => ({ xml: testcase(`modification ${c.name}`, run.file, c.failures, run.where.modification(c.modification.policy, c.modification.policyIndex)), failed: c.failures.length > 0 })),
    ];
    const failures = cases.filter((c) => c.failed).length;
    return { tests: cases.length, failures, xml: [`  <testsuite name="${xmlEscape(run.file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`, ...cases.map((c) => c.xml), "  </testsuite>"].join("\n") };
  });
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="meshsim" tests="${tests}" failures="${failures}" errors="0">`, ...suites.map((s) => s.xml), "</testsuites>", ""].join("\n");
}
