/**
 * The impact check as data: each `impact-cases/*.yaml` holds a `POST /v1/impact` body and what must change for each
 * dataplane, written by hand from Kuma's source (each file names the Kuma files and tags). `names` lists every
 * dataplane in answer order; per dataplane, `resources` lists every added, removed and changed resource (with every
 * RFC 6902 operation), `modifications` every status change, and `requests` every request listed, with every field
 * that changes; `whyContains` and `assumptionsContain` are text the answer must contain.
 */
import { join } from "node:path";
import { expect } from "vitest";
import { coreCases } from "../../../test/support/core-cases.js";
import { ImpactBodySchema } from "./schema.js";
import { simulateImpact } from "./impact.js";

interface Case {
  body: unknown;
  expect: {
    errors?: { path: string; messageContains: string[] }[];
    kumaVersion?: string;
    names?: string[];
    dataplanes?: Record<
      string,
      {
        changed: boolean;
        resources?: { added: string[]; removed: string[]; changed: Record<string, unknown[]> };
        modifications?: { source: string; before: string; after: string }[];
        requests?: { to: string; before?: Record<string, unknown>; after?: Record<string, unknown>; changes: { field: string; before: unknown; after: unknown; whyContains?: string[] }[] }[];
      }
    >;
    whatIf?: Record<string, { kind: string; name: string; path: string }[]>;
    assumptionsContain?: string[];
    summary?: Record<string, unknown>;
  };
}

const dir = join(import.meta.dirname, "impact-cases");

coreCases("impact cases", dir, ImpactBodySchema, simulateImpact, (r, e: Case["expect"]) => {
  if (e.kumaVersion) expect(r.kumaVersion).toBe(e.kumaVersion);
  if (e.names) expect(r.dataplanes.map((d) => d.name)).toEqual(e.names);
  for (const [name, want] of Object.entries(e.dataplanes ?? {})) {
    const got = r.dataplanes.find((d) => d.name === name)!;
    expect(got, name).toBeDefined();
    expect(got.changed, `${name} changed`).toBe(want.changed);
    if (!want.changed) expect(got.resources, `${name}: an unchanged dataplane lists no resources`).toBeUndefined();
    if (want.resources) {
      const res = got.resources!;
      expect(res.added).toEqual({ count: want.resources.added.length, first: want.resources.added });
      expect(res.removed).toEqual({ count: want.resources.removed.length, first: want.resources.removed });
      expect(res.changed.count).toBe(Object.keys(want.resources.changed).length);
      expect(Object.fromEntries(res.changed.first.map((x) => [x.name, x.ops.first]))).toEqual(want.resources.changed);
    }
    if (want.modifications) expect((got.modifications ?? []).map((m) => ({ source: m.source, before: m.before, after: m.after }))).toEqual(want.modifications);
    if (want.requests) {
      const reqs = got.requests ?? [];
      expect(reqs.map((x) => x.request.to)).toEqual(want.requests.map((x) => x.to));
      want.requests.forEach((w, i) => {
        const g = reqs[i]!;
        if (w.before) expect(g.before).toMatchObject(w.before);
        if (w.after) expect(g.after).toMatchObject(w.after);
        expect(g.changes.map((x) => [x.field, x.before, x.after])).toEqual(w.changes.map((x) => [x.field, x.before, x.after]));
        w.changes.forEach((x, j) => (x.whyContains ?? []).forEach((t) => expect(g.changes[j]!.why).toContain(t)));
      });
    } else expect(got.requests, `${name}: no request listed`).toBeUndefined();
  }
  if (e.whatIf) for (const [k, refs] of Object.entries(e.whatIf)) expect((r.whatIf as Record<string, unknown[]> | undefined)?.[k] ?? []).toMatchObject(refs);
  for (const t of e.assumptionsContain ?? []) expect(r.assumptions.some((a) => a.includes(t)), `an assumption containing ${t}`).toBe(true);
  if (e.summary) expect(r.summary).toEqual(e.summary);
});
