/**
 * The upgrade check as data: each `upgrade-cases/*.yaml` holds a `POST /v1/upgrade` body and what Kuma's source,
 * CHANGELOG and UPGRADE.md say must change between the two releases, written by hand (each file names the Kuma files
 * and tags). `changes` lists every field that changes, per request, in answer order; the other expectations are
 * subsets (`whyContains`, `messageContains`: text the answer must contain).
 */
import { join } from "node:path";
import { expect } from "vitest";
import { coreCases } from "../../../test/support/core-cases.js";
import { UpgradeBodySchema } from "./schema.js";
import { simulateUpgrade } from "./upgrade.js";

interface Case {
  body: unknown;
  expect: {
    errors?: { path: string; messageContains: string[] }[];
    fromVersion?: string;
    toVersion?: string;
    requests?: { before?: Record<string, unknown>; after?: Record<string, unknown>; changes: { field: string; before: unknown; after: unknown; whyContains?: string[]; whyNotContains?: string[] }[] }[];
    modifications?: { source: string; before: string; after: string; whyContains?: string[] }[];
    renamed?: Record<string, { type: string; before: string; after: string; patches: { source: string; match: Record<string, string> }[] }[]>;
    notes?: { class: string; messageContains: string[] }[];
    /** Note classes that must not occur. */
    noNotes?: string[];
    summary?: Record<string, unknown>;
  };
}

const dir = join(import.meta.dirname, "upgrade-cases");

coreCases("upgrade cases", dir, UpgradeBodySchema, simulateUpgrade, (r, e: Case["expect"]) => {
  if (e.fromVersion) expect(r.fromVersion).toBe(e.fromVersion);
  if (e.toVersion) expect(r.toVersion).toBe(e.toVersion);
  e.requests?.forEach((want, i) => {
    const got = r.requests[i]!;
    if (want.before) expect(got.before).toMatchObject(want.before);
    if (want.after) expect(got.after).toMatchObject(want.after);
    expect(got.changes.map((x) => [x.field, x.before, x.after])).toEqual(want.changes.map((x) => [x.field, x.before, x.after]));
    want.changes.forEach((x, j) => {
      for (const t of x.whyContains ?? []) expect(got.changes[j]!.why).toContain(t);
      for (const t of x.whyNotContains ?? []) expect(got.changes[j]!.why).not.toContain(t);
    });
  });
  if (e.modifications) {
    expect(r.modifications.map((m) => [m.source, m.before, m.after])).toEqual(e.modifications.map((m) => [m.source, m.before, m.after]));
    e.modifications.forEach((m, j) => (m.whyContains ?? []).forEach((t) => expect(r.modifications[j]!.why).toContain(t)));
  }
  if (e.renamed)
    for (const [dp, want] of Object.entries(e.renamed)) {
      const got = r.resources[dp]?.renamed ?? [];
      for (const w of want) expect(got).toContainEqual(w);
    }
  for (const n of e.notes ?? []) {
    const hit = r.notes.find((x) => x.class === n.class && n.messageContains.every((t) => x.message.includes(t)));
    expect(hit, `a ${n.class} note containing ${JSON.stringify(n.messageContains)} in ${JSON.stringify(r.notes.map((x) => x.message))}`).toBeDefined();
  }
  for (const cls of e.noNotes ?? []) expect(r.notes.filter((x) => x.class === cls)).toEqual([]);
  if (e.summary) expect(r.summary).toMatchObject(e.summary);
  // Each release step's change is reported once.
  expect(new Set(r.notes.map((n) => `${n.class} ${n.message}`)).size).toBe(r.notes.length);
});
