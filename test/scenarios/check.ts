/**
 * Shared scenario checker: each folder under test/scenarios holds `input.yaml` (a request body) and
 * `expected.yaml` (facts written by hand from the Kuma and Envoy sources each input.yaml cites, never from
 * meshsim's output).
 * Used by the Node suite (app.request) and the workerd suite (the Worker's fetch).
 */
import { expect } from "vitest";
import { parse } from "yaml";

export interface Expected {
  status: number;
  /** Subset match (toMatchObject): arrays must have the same length. */
  body?: Record<string, unknown>;
  warningCodes?: string[];
  absentWarningCodes?: string[];
  assumptionsContaining?: string[];
  /** Exact names of every listener and cluster in `config`. */
  configNames?: { listeners: string[]; clusters: string[] };
  /** Each listed resource must equal the one of the same name, field by field. */
  config?: { listeners?: Record<string, unknown>[]; clusters?: Record<string, unknown>[] };
  modificationMessageContaining?: { index: number; text: string }[];
}

export interface Scenario {
  name: string;
  inputYaml: string;
  expected: Expected;
}

export function scenarioFrom(name: string, inputYaml: string, expectedYaml: string): Scenario {
  return { name, inputYaml, expected: parse(expectedYaml) as Expected };
}

type Post = (body: string, contentType: string) => Promise<{ status: number; text: string }>;

/** Sends the scenario as YAML and as JSON, requires byte-identical answers, then checks the facts. */
export async function runScenario(s: Scenario, post: Post): Promise<void> {
  const asYaml = await post(s.inputYaml, "application/yaml");
  const asJson = await post(JSON.stringify(parse(s.inputYaml)), "application/json");
  expect(asJson.text, `${s.name}: JSON and YAML bodies must give the same bytes`).toBe(asYaml.text);
  const again = await post(s.inputYaml, "application/yaml");
  expect(again.text, `${s.name}: same input, same bytes`).toBe(asYaml.text);
  expect(asYaml.status, asYaml.text.slice(0, 2000)).toBe(s.expected.status);
  const body = JSON.parse(asYaml.text) as Record<string, any>;
  const e = s.expected;
  if (e.body) expect(body).toMatchObject(e.body);
  const codes = ((body["warnings"] ?? []) as { code: string }[]).map((w) => w.code);
  for (const c of e.warningCodes ?? []) expect(codes, `${s.name}: warning ${c}`).toContain(c);
  for (const c of e.absentWarningCodes ?? []) expect(codes, `${s.name}: no warning ${c}`).not.toContain(c);
  for (const a of e.assumptionsContaining ?? []) expect((body["assumptions"] as string[]).some((x) => x.includes(a)), `${s.name}: assumption "${a}"`).toBe(true);
  for (const m of e.modificationMessageContaining ?? []) expect(body["modifications"][m.index].message).toContain(m.text);
  if (e.configNames) {
    expect(body["config"].listeners.map((l: { name: string }) => l.name)).toEqual(e.configNames.listeners);
    expect(body["config"].clusters.map((l: { name: string }) => l.name)).toEqual(e.configNames.clusters);
  }
  for (const type of ["listeners", "clusters"] as const) {
    for (const want of e.config?.[type] ?? []) {
      const got = (body["config"][type] as { name: string }[]).find((r) => r.name === want["name"]);
      expect(got, `${s.name}: ${type} ${String(want["name"])}`).toEqual(want);
    }
  }
}
