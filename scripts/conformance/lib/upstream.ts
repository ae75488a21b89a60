/**
 * `--kuma-src <dir>`: runs the upstream suites (../upstream/suites.ts) at the `.0` and the newest patch of
 * every supported minor (a line without a release tag, such as 3.0, at the commit its profile follows). Each file of a suite's Kuma directories at a tag is written to a temp dir and
 * planned like the goldens of the default golden dir, so every file gets exactly one outcome (lib/suite.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LINE_COMMITS, SUPPORTED_MINORS, newestRelease, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
import type { UpstreamContext } from "../upstream/context.js";
import type { UpstreamSuite } from "../upstream/suites.js";
import { hasCommit, listAt, listTags, readAt, tagOf, type KumaSource } from "./kuma-src.js";
import { runSuite } from "./suite.js";
import type { Outcome } from "./types.js";

/** The releases compared: each supported minor's `.0` and its newest patch, oldest first. */
export function upstreamReleases(): { readonly minor: KumaMinor; readonly release: Release }[] {
  return SUPPORTED_MINORS.flatMap((minor) => {
    const newest = newestRelease(minor);
    const first = `${minor}.0` as Release;
    return newest === first ? [{ minor, release: first }] : [{ minor, release: first }, { minor, release: newest }];
  });
}

/**
 * One suite at one tag. `tag` names what was read: the release tag, or for a line without one the commit its
 * profile follows, named as answers name it (`3.0.0-dev+348b6528bc`, versions.ts releaseLabel); undefined when the
 * source has neither.
 */
export interface UpstreamRun {
  readonly suite: string;
  readonly title: string;
  readonly release: Release;
  readonly tag: string | undefined;
  /** The git revision read: `tag`, or the line's full commit id. */
  readonly ref?: string;
  /** Why there is nothing to run (no tag, or none of the suite's paths at the tag). */
  readonly absent?: string;
  readonly outcomes: readonly Outcome[];
}

export interface UpstreamOptions {
  readonly all: boolean;
  /** Only these suites (all when empty). */
  readonly suites: readonly string[];
  /** The commit each line without a release tag follows (default: versions.ts LINE_COMMITS; a test passes its fixture's). */
  readonly lineCommits?: Readonly<Partial<Record<KumaMinor, { readonly commit: string }>>>;
}

/** What to read for a release: its tag when the source has one, else the commit its line follows (if held), else why not. */
export function revisionOf(
  src: KumaSource,
  tags: ReadonlySet<string>,
  minor: KumaMinor,
  release: Release,
  lineCommits: UpstreamOptions["lineCommits"] = LINE_COMMITS,
): { readonly ref: string; readonly label: string } | { readonly absent: string } {
  const tag = tagOf(tags, release);
  // A real release tag wins over the line's commit: it is what the released version holds.
  if (tag) return { ref: tag, label: tag };
  const line = lineCommits[minor];
  const noTag = `no tag v${release} or ${release} in the Kuma source`;
  if (!line) return { absent: noTag };
  // The same name versions.ts releaseLabel gives the profile (`3.0.0-dev+348b6528bc`).
  if (hasCommit(src, line.commit)) return { ref: line.commit, label: `${release}-dev+${line.commit.slice(0, 10)}` };
  return { absent: `${noTag}, nor the ${minor} line's commit ${line.commit.slice(0, 10)}` };
}

const relName = (path: string, root: string) => (path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path).split("/").join("__");

export async function runUpstream(src: KumaSource, suites: readonly UpstreamSuite[], repoRoot: string, opts: UpstreamOptions): Promise<UpstreamRun[]> {
  const tags = listTags(src);
  const cache = new Map<string, string | undefined>();
  const read = (tag: string, path: string): string | undefined => {
    const k = `${tag}\u0000${path}`;
    if (!cache.has(k)) cache.set(k, readAt(src, tag, path)?.toString("utf8"));
    return cache.get(k);
  };
  const tmp = mkdtempSync(join(tmpdir(), "meshsim-kuma-src-"));
  const runs: UpstreamRun[] = [];
  try {
    for (const { minor, release } of upstreamReleases()) {
      const rev = revisionOf(src, tags, minor, release, opts.lineCommits);
      const chosen = suites.filter((s) => opts.suites.length === 0 || opts.suites.includes(s.name));
      if ("absent" in rev) {
        for (const s of chosen) runs.push({ suite: s.name, title: s.title, release, tag: undefined, absent: rev.absent, outcomes: [] });
        continue;
      }
      const { ref: tag, label } = rev;
      const written = new Map<string, string>();
      const materialize = (path: string): string | undefined => {
        const seen = written.get(path);
        if (seen) return seen;
        const text = read(tag, path);
        if (text === undefined) return undefined;
        const abs = join(tmp, label, "_inputs", path);
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, text);
        written.set(path, abs);
        return abs;
      };
      const ctx: UpstreamContext = { src, tags, tag, release, minor, repoRoot, read, materialize };
      for (const s of chosen) {
        const byName = new Map<string, string>();
        const dir = join(tmp, label, s.name);
        for (const root of s.paths) {
          for (const path of listAt(src, tag, root)) {
            const items = s.expand ? s.expand(ctx, path).map((x) => ({ path: `${path}#${x.name}`, name: x.name, text: x.text })) : [{ path, name: relName(path, root), text: read(tag, path) ?? "" }];
            for (const it of items) {
              mkdirSync(dir, { recursive: true });
              writeFileSync(join(dir, it.name), it.text);
              byName.set(it.name, it.path);
            }
          }
        }
        if (byName.size === 0) {
          runs.push({ suite: s.name, title: s.title, release, tag: label, ref: tag, absent: `${s.paths.join(", ")} not at ${label}`, outcomes: [] });
          continue;
        }
        const outcomes = await runSuite({ name: s.name, dir: `${label}/${s.name}`, title: s.title, plan: (f) => s.plan(ctx, byName.get(f)!, join(dir, f)) }, tmp, { all: opts.all });
        runs.push({ suite: s.name, title: s.title, release, tag: label, ref: tag, outcomes });
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return runs;
}

/** Figures of one run: compared counts errors too (a golden that failed to run was meant to be compared). */
export interface TableRow {
  readonly suite: string;
  readonly tag: string;
  readonly matched: number;
  readonly compared: number;
  readonly notCovered: number;
  readonly skipped: number;
  readonly note?: string;
}

export function tableOf(runs: readonly UpstreamRun[]): TableRow[] {
  return runs.map((r) => {
    const compared = r.outcomes.filter((o) => o.kind === "compared" || o.kind === "error");
    const matched = compared.filter((o) => o.kind === "compared" && o.diffs.length === 0).length;
    return {
      suite: r.suite,
      tag: r.tag ?? r.release,
      matched,
      compared: compared.length,
      notCovered: r.outcomes.filter((o) => o.kind === "not-covered").length,
      skipped: r.outcomes.filter((o) => o.kind === "skipped").length,
      ...(r.absent ? { note: r.absent } : {}),
    };
  });
}

/** The table as text: one line per suite and tag. */
export function tableText(rows: readonly TableRow[]): string[] {
  const w = Math.max(5, ...rows.map((r) => r.suite.length));
  const t = Math.max(3, ...rows.map((r) => r.tag.length));
  const head = `${"suite".padEnd(w)}  ${"tag".padEnd(t)}  matched/compared  not covered  skipped`;
  return [
    head,
    ...rows.map((r) =>
      r.note
        ? `${r.suite.padEnd(w)}  ${r.tag.padEnd(t)}  -  (${r.note})`
        : `${r.suite.padEnd(w)}  ${r.tag.padEnd(t)}  ${`${r.matched}/${r.compared}`.padStart(16)}  ${String(r.notCovered).padStart(11)}  ${String(r.skipped).padStart(7)}`,
    ),
  ];
}
