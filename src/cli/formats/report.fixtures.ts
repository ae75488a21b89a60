/**
 * Test helpers for the CLI's formats: runs of the batch expectation cases, and structural checks of JUnit
 * XML (the elements and attributes CI servers require) and of SARIF 2.1.0 (the schema's required properties).
 */
import { readFileSync } from "node:fs";
import AjvDraft04 from "ajv-draft-04";
import { expect } from "vitest";
import { readBatchFile } from "../inputs.js";
import { readReferences } from "../references.js";
import type { Run } from "../report.js";
import { simulateBatch } from "../../core/simulate/batch.js";
import { BatchBodySchema } from "../../core/simulate/schema.js";
import { bodyWhere, withOverrides, type Overrides } from "../run.js";

/** The case file's path, relative to the repository root (where vitest runs). */
export const casePath = (name: string) => `test/expectations/${name}/input.yaml`;

/** The case file with its `failOn` emptied (same line count), so the command line's `--fail-on` decides. */
export const withoutFailOn = (name: string) => readFileSync(casePath(name), "utf8").replace(/^failOn: \[.*\]$/m, "failOn: []");

/** Runs a case file through the CLI's reading and the core (no process, no engine: synchronous). */
export function caseRun(name: string, o: Overrides): Run {
  const file = casePath(name);
  const read = readBatchFile(file);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const at = { file, text: read.value.text, doc: 0, path: [] };
  const refs = readReferences(read.value.value, at);
  if (!refs.ok) throw new Error(JSON.stringify(refs.problems));
  const body = BatchBodySchema.parse(withOverrides(refs.value.value, o));
  const outcome = simulateBatch(body);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return { file, body, result: outcome.result, text: JSON.stringify(outcome.result), where: bodyWhere(at, refs.value.parts) };
}

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);

/** A minimal XML reader for the JUnit we write (elements, attributes, text; no CDATA or comments). */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const tag = /<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|<\?[^?]*\?>|([^<]+)/g;
  for (const m of xml.matchAll(tag)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) top.text += unescape(m[5]);
    else if (m[2] === undefined) continue;
    else if (m[1] === "/") {
      expect(top.name, "closing tag matches").toBe(m[2]);
      stack.pop();
    } else {
      const attrs = Object.fromEntries([...(m[3] ?? "").matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, unescape(a[2]!)]));
      const el: XmlElement = { name: m[2], attrs, children: [], text: "" };
      top.children.push(el);
      if (m[4] !== "/") stack.push(el);
    }
  }
  expect(stack, "every element is closed").toHaveLength(1);
  return root.children.find((c) => c.name !== "#text")!;
}

/** Checks the JUnit elements and attributes CI servers require; returns the document. */
export function checkJunit(xml: string): XmlElement {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const doc = parseXml(xml);
  expect(doc.name).toBe("testsuites");
  let tests = 0;
  let failures = 0;
  for (const suite of doc.children) {
    expect(suite.name).toBe("testsuite");
    expect(suite.attrs["name"]).toBeTruthy();
    const cases = suite.children.filter((c) => c.name === "testcase");
    expect(cases).toHaveLength(suite.children.length);
    expect(Number(suite.attrs["tests"])).toBe(cases.length);
    const failed = cases.filter((c) => c.children.some((f) => f.name === "failure"));
    expect(Number(suite.attrs["failures"])).toBe(failed.length);
    for (const c of cases) {
      expect(c.attrs["name"]).toBeTruthy();
      expect(c.attrs["classname"]).toBeTruthy();
      for (const f of c.children) {
        expect(f.name).toBe("failure");
        expect(f.attrs["message"]).toBeTruthy();
      }
    }
    tests += cases.length;
    failures += failed.length;
  }
  expect(Number(doc.attrs["tests"])).toBe(tests);
  expect(Number(doc.attrs["failures"])).toBe(failures);
  return doc;
}

type Json = Record<string, any>;

// The OASIS SARIF 2.1.0 schema (oasis-tcs/sarif-spec sarif-2.1/schema/sarif-schema-2.1.0.json, a draft-04 schema), a local copy.
const sarifSchema = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, logger: false }).compile(
  JSON.parse(readFileSync("test/fixtures/sarif/sarif-schema-2.1.0.json", "utf8")) as object,
);

/** Validates a SARIF log against the SARIF 2.1.0 JSON schema; the errors, none when valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  return sarifSchema(log) ? [] : (sarifSchema.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

/** Checks the properties SARIF 2.1.0's schema requires (sarifLog, run, tool, toolComponent, result, message, location, region); returns the log. */
export function checkSarif(text: string): Json {
  const log = JSON.parse(text) as Json;
  expect(sarifSchemaErrors(log), "valid against the SARIF 2.1.0 schema").toEqual([]);
  expect(log["version"]).toBe("2.1.0");
  expect(log["$schema"]).toMatch(/sarif-2\.1\.0/);
  expect(Array.isArray(log["runs"])).toBe(true);
  for (const run of log["runs"] as Json[]) {
    const driver = run["tool"]?.["driver"] as Json;
    expect(typeof driver?.["name"]).toBe("string");
    const rules = (driver["rules"] ?? []) as Json[];
    for (const r of rules) expect(typeof r["id"]).toBe("string");
    expect(new Set(rules.map((r) => r["id"])).size, "rule ids are unique").toBe(rules.length);
    for (const res of (run["results"] ?? []) as Json[]) {
      expect(typeof res["message"]?.["text"]).toBe("string");
      expect(rules.map((r) => r["id"])).toContain(res["ruleId"]);
      expect(["none", "note", "warning", "error"]).toContain(res["level"]);
      for (const loc of (res["locations"] ?? []) as Json[]) {
        const p = loc["physicalLocation"] as Json;
        expect(typeof p["artifactLocation"]["uri"]).toBe("string");
        if (p["region"]) {
          expect(Number.isInteger(p["region"]["startLine"]) && p["region"]["startLine"] >= 1).toBe(true);
          expect(Number.isInteger(p["region"]["startColumn"]) && p["region"]["startColumn"] >= 1).toBe(true);
        }
      }
    }
  }
  return log;
}
