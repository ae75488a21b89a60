/**
 * Shared checker for the batch expectation cases (issue #17): each folder under test/expectations holds
 * `input.yaml` (a `POST /v1/simulate/batch` body) and `expected.yaml` (the status and the facts a CI job
 * reads: `summary`, each result's `expectation`, or the problem's error paths), written by hand from the
 * Kuma sources each input cites, never from meshsim's output.
 * Used by the Node suite (app.request) and the workerd suite (the Worker's fetch).
 */
import { expect } from "vitest";
import { parse } from "yaml";

/** One expected failure: the listed fields must equal the answer's; `message` and `hints` are checked by substrings. */
export type ExpectedFailure = Record<string, unknown> & { messageContaining?: string[]; hintsContaining?: string[] };

export interface ExpectedOutcome {
  status: number;
  /** The whole summary, counted by hand (toEqual). */
  summary?: Record<string, unknown>;
  /** One per request, in order: `expectation: null`, or its `passed` and every failure in order. */
  results?: { expectation: null | { passed: boolean; failures: ExpectedFailure[] } }[];
  /** 4xx: the paths of the problem's errors, in order. */
  errorPaths?: string[];
}

export interface ExpectationCase {
  name: string;
  inputYaml: string;
  expected: ExpectedOutcome;
}

export function expectationCaseFrom(name: string, inputYaml: string, expectedYaml: string): ExpectationCase {
  return { name, inputYaml, expected: parse(expectedYaml) as ExpectedOutcome };
}

type Post = (body: string, contentType: string, accept?: string) => Promise<{ status: number; text: string }>;

/** Sends the case as YAML and as JSON, requires byte-identical answers, then checks the facts (and the Markdown verdict line). */
export async function runExpectationCase(c: ExpectationCase, post: Post): Promise<void> {
  const asYaml = await post(c.inputYaml, "application/yaml");
  const asJson = await post(JSON.stringify(parse(c.inputYaml)), "application/json");
  expect(asJson.text, `${c.name}: JSON and YAML bodies must give the same bytes`).toBe(asYaml.text);
  const again = await post(c.inputYaml, "application/yaml");
  expect(again.text, `${c.name}: same input, same bytes`).toBe(asYaml.text);
  expect(asYaml.status, asYaml.text.slice(0, 2000)).toBe(c.expected.status);
  const body = JSON.parse(asYaml.text) as Record<string, any>;
  const e = c.expected;
  if (e.errorPaths) expect((body["errors"] as { path: string }[]).map((x) => x.path), `${c.name}: error paths`).toEqual(e.errorPaths);
  if (e.summary) expect(body["summary"], `${c.name}: summary`).toEqual(e.summary);
  if (e.results) {
    const results = body["results"] as { expectation: null | { passed: boolean; failures: Record<string, any>[] } }[];
    expect(results, `${c.name}: one result per request`).toHaveLength(e.results.length);
    e.results.forEach((want, i) => {
      const got = results[i]!.expectation;
      const at = `${c.name}: results[${i}].expectation`;
      if (want.expectation === null) return expect(got, at).toBeNull();
      expect(got, at).not.toBeNull();
      expect(got!.passed, `${at}.passed`).toBe(want.expectation.passed);
      expect(got!.failures, `${at}.failures`).toHaveLength(want.expectation.failures.length);
      want.expectation.failures.forEach(({ messageContaining, hintsContaining, ...fields }, j) => {
        const f = got!.failures[j]!;
        expect(f, `${at}.failures[${j}]`).toMatchObject(fields);
        for (const text of messageContaining ?? []) expect(f["message"], `${at}.failures[${j}].message`).toContain(text);
        for (const text of hintsContaining ?? []) expect((f["hints"] as string[]).some((h) => h.includes(text)), `${at}.failures[${j}].hints: "${text}"`).toBe(true);
      });
    });
  }
  if (e.summary) {
    const md = await post(c.inputYaml, "application/yaml", "text/markdown");
    const verdict = e.summary["failed"] === 0 ? "**PASS**:" : "**FAIL**:";
    expect(md.text.startsWith(verdict), `${c.name}: Markdown starts with ${verdict}`).toBe(true);
  }
}
