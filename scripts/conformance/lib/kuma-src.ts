/**
 * Reading Kuma's files at release tags from a Kuma checkout or a bare git mirror (`--kuma-src <dir>`),
 * with git itself: `ls-tree` lists a directory at a tag, `show TAG:PATH` reads one file. Nothing is
 * checked out and nothing is written to the source.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** An opened Kuma source: the git directory and whether `dir` was a checkout (has `.git`) or bare. */
export interface KumaSource {
  readonly dir: string;
  readonly kind: "checkout" | "bare";
  /** Arguments that point git at the repository (`-C <dir>` for a checkout, `--git-dir <dir>` for a mirror). */
  readonly gitArgs: readonly string[];
}

function git(args: readonly string[]): Buffer {
  return execFileSync("git", [...args], { maxBuffer: 512 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

function gitText(src: KumaSource, args: readonly string[]): string {
  return git([...src.gitArgs, ...args]).toString("utf8");
}

/** Opens `dir` as a Kuma checkout (a work tree with `.git`) or a bare git directory; throws with why not. */
export function openKumaSource(dir: string): KumaSource {
  if (!existsSync(dir)) throw new Error(`--kuma-src ${dir} does not exist`);
  const checkout = existsSync(join(dir, ".git"));
  const src: KumaSource = { dir, kind: checkout ? "checkout" : "bare", gitArgs: checkout ? ["-C", dir] : ["--git-dir", dir] };
  try {
    gitText(src, ["rev-parse", "--git-dir"]);
  } catch (e) {
    const msg = e instanceof Error && "stderr" in e ? String((e as { stderr: unknown }).stderr).trim() : String(e);
    throw new Error(`--kuma-src ${dir} is neither a Kuma checkout nor a bare git repository (${msg})`);
  }
  return src;
}

/** All tag names of the source. */
export function listTags(src: KumaSource): Set<string> {
  return new Set(gitText(src, ["tag", "-l"]).split("\n").filter((t) => t !== ""));
}

/** The tag of a release: `vX.Y.Z` when the source has it, else `X.Y.Z` (Kuma's older tags have no `v`), else undefined. */
export function tagOf(tags: ReadonlySet<string>, release: string): string | undefined {
  if (tags.has(`v${release}`)) return `v${release}`;
  if (tags.has(release)) return release;
  return undefined;
}

/** Whether the source holds the commit `sha` (a line followed by commit, not by tag: versions.ts LINE_COMMITS). */
export function hasCommit(src: KumaSource, sha: string): boolean {
  try {
    gitText(src, ["cat-file", "-e", `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** Paths of every file under `path` at `tag` (repository-relative, sorted); empty when the path does not exist there. */
export function listAt(src: KumaSource, tag: string, path: string): string[] {
  return gitText(src, ["ls-tree", "-r", "--name-only", tag, "--", path])
    .split("\n")
    .filter((p) => p !== "")
    .sort();
}

/** The bytes of `path` at `tag`, or undefined when the file does not exist there. */
export function readAt(src: KumaSource, tag: string, path: string): Buffer | undefined {
  try {
    return git([...src.gitArgs, "show", `${tag}:${path}`]);
  } catch {
    return undefined;
  }
}
