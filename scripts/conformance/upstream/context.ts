/**
 * What an upstream suite's planner gets for one tag, and the check that a case transcribed from a Go test
 * at some tags is compared at another tag only when the test's source is the same there.
 */
import type { KumaMinor, Release } from "../../../src/core/model/versions.js";
import { firstDifference } from "../lib/go-source.js";
import { readAt, type KumaSource } from "../lib/kuma-src.js";

export interface UpstreamContext {
  readonly src: KumaSource;
  /** Every tag of the source. */
  readonly tags: ReadonlySet<string>;
  /** The tag the files are read at (`v2.13.0`, `2.5.0`), or for a line without a tag its commit (versions.ts LINE_COMMITS). */
  readonly tag: string;
  readonly release: Release;
  readonly minor: KumaMinor;
  readonly repoRoot: string;
  /** Reads a Kuma file at `tag` (cached), undefined when absent. */
  read(tag: string, path: string): string | undefined;
  /** Writes a Kuma file of this tag to the temp dir (once) and returns its absolute path, undefined when absent. */
  materialize(path: string): string | undefined;
}

/**
 * Where a transcribed case's input is written and at which tags it was transcribed and checked by hand.
 * `source(text)` cuts the part of the file the input depends on (undefined: the file no longer has it).
 */
export interface Transcription {
  /** Kuma file the input comes from (a Go test, or a YAML input read by the test). */
  readonly file: string;
  /** What the source is, for reasons (`Entry "..."`). */
  readonly what: string;
  readonly source: (text: string) => string | undefined;
  /** Tags at which the transcription was checked against the Kuma source, one per input variant. */
  readonly verifiedAt: readonly string[];
  /** Rewrites spellings that changed between tags without changing the input (a Go type renamed), both sides. */
  readonly canonical?: (source: string) => string;
}

export type InputCheck = { readonly sameAs: string } | { readonly notCovered: string };

function sourceAt(ctx: UpstreamContext, t: Transcription, tag: string): string | { missing: string } {
  const text = ctx.read(tag, t.file);
  if (text === undefined) return { missing: `${t.file} does not exist` };
  const s = t.source(text);
  if (s === undefined) return { missing: `${t.file} has no ${t.what}` };
  return t.canonical ? t.canonical(s) : s;
}

/**
 * Checks every transcription of a case at `ctx.tag`: each must be one of the tags it was verified at, or
 * have the same source as one of them (the first such tag is the input variant to use). Otherwise the case
 * is not covered, with the first difference.
 */
export function checkInputs(ctx: UpstreamContext, ts: readonly Transcription[]): InputCheck {
  let sameAs: string | undefined;
  for (const t of ts) {
    // Even at a tag it was transcribed at, the source must be there (a golden with no test entry has no input).
    const here = sourceAt(ctx, t, ctx.tag);
    if (typeof here !== "string") return { notCovered: `input differs at ${ctx.tag}: ${here.missing} (transcribed at ${t.verifiedAt.join(", ")})` };
    if (t.verifiedAt.includes(ctx.tag)) {
      sameAs ??= ctx.tag;
      continue;
    }
    const known = t.verifiedAt.filter((v) => ctx.tags.has(v));
    if (known.length === 0) return { notCovered: `input cannot be checked at ${ctx.tag}: none of the tags ${t.file} ${t.what} was transcribed at (${t.verifiedAt.join(", ")}) is in the Kuma source` };
    const same = known.find((v) => sourceAt(ctx, t, v) === here);
    if (same === undefined) {
      // Report against the verified tag of the same minor when there is one, else the newest listed.
      const ref = known.find((v) => v.replace(/^v/, "").startsWith(`${ctx.minor}.`)) ?? known[0]!;
      const there = sourceAt(ctx, t, ref);
      const diff = typeof there === "string" ? firstDifference(here, there) : there.missing;
      return { notCovered: `input differs at ${ctx.tag}: ${t.file} ${t.what} is not as at ${ref}: ${diff}` };
    }
    sameAs ??= same;
  }
  return { sameAs: sameAs ?? ctx.tag };
}
