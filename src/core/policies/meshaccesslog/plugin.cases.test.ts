/**
 * MeshAccessLog cases as data: each `cases/*.yaml` holds the Kuma release, the resources (Universal form) and the
 * facts typed by hand from the Kuma file, test or golden and tag its `source` names. The whole pipeline runs
 * (`simulate()`, config included): admission first (a case lists the violations Kuma's validator gives, and then the
 * snapshot is refused), then Kuma's generators and plugins.
 * Facts: per listener, the `accessLog` list of each filter chain's terminal filter (null when it has none); clusters by
 * name (whole); warning codes; the answer's `limits.accessLogs` (with their sources) for the case's request.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isJsonObject, type JsonObject } from "../../json.js";
import { simulate } from "../../simulate/simulate.js";

interface Case {
  source: string;
  version: string;
  resources: unknown[];
  request?: Record<string, unknown>;
  expect: {
    violations?: { path: string; message: string }[];
    /** Per listener: per filter chain, the terminal filter's accessLog list (null: none). */
    listeners?: Record<string, (unknown[] | null)[]>;
    /** Clusters by name, whole (without @type). */
    clusters?: Record<string, unknown>;
    /** Clusters that must not exist. */
    noClusters?: string[];
    /** Warning codes the answer has (in any order, at least these). */
    warnings?: string[];
    accessLogs?: unknown[];
    /** Substrings of the answer's assumptions. */
    assumptions?: string[];
  };
}

const dir = join(import.meta.dirname, "cases");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
const objects = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

describe("MeshAccessLog cases", () => {
  it("there is at least one case", () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file.replace(/\.yaml$/, ""), () => {
      const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
      expect(c.source, "a case names the Kuma file and tag (or a line's commit) it transcribes").toMatch(/^kumahq\/kuma@(v?\d+\.\d+\.\d+|[0-9a-f]{10,40}) \S+/);
      const out = simulate({ kumaVersion: c.version, resources: c.resources, request: c.request ?? { to: "tcp://93.184.216.34:443" }, include: ["config"] } as never);
      const e = c.expect;
      if (e.violations) {
        expect(out.ok).toBe(false);
        if (!out.ok) expect(out.errors).toEqual(e.violations);
        return;
      }
      if (!out.ok) throw new Error(JSON.stringify(out.errors));
      const r = out.result;
      for (const [name, chains] of Object.entries(e.listeners ?? {})) {
        const l = r.config!.listeners.find((x) => x["name"] === name);
        expect(l, name).toBeDefined();
        const got = objects(l!["filterChains"]).map((ch) => {
          const filters = objects(ch["filters"]);
          const last = filters[filters.length - 1];
          const tc = last && isJsonObject(last["typedConfig"]) ? last["typedConfig"] : undefined;
          return tc?.["accessLog"] ?? null;
        });
        expect(got, name).toEqual(chains);
      }
      for (const [name, want] of Object.entries(e.clusters ?? {})) {
        const cl = r.config!.clusters.find((x) => x["name"] === name);
        expect(cl, name).toBeDefined();
        const { "@type": _t, ...rest } = cl!;
        expect(rest, name).toEqual(want);
      }
      for (const name of e.noClusters ?? []) expect(r.config!.clusters.some((x) => x["name"] === name), name).toBe(false);
      const codes = r.warnings.map((w) => w.code);
      for (const w of e.warnings ?? []) expect(codes).toContain(w);
      if (e.accessLogs) expect(r.limits.accessLogs ?? []).toEqual(e.accessLogs);
      for (const a of e.assumptions ?? []) expect(r.assumptions.some((x) => x.includes(a)), a).toBe(true);
    });
  }
});
