/**
 * Problems as the CLI prints them: `file:line:column: path: message` when the input came from a file and
 * the place is known, `file: path: message` otherwise (stdin's documents, the command line). Every exit 2
 * that names an input goes through here.
 */
import type { Violation } from "../core/errors.js";
import { locate } from "./locate.js";

/** A problem with one input, printed as `file:line:column: path: message` (src/cli/problems.ts). */
export interface InputProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
  /** 1-based, where the input came from a file and the place is known. */
  readonly line?: number;
  readonly column?: number;
}

/** `a.b[0].c` → `["a", "b", 0, "c"]` (the paths `joinPath` writes; a key with a dot is split, and `locate` then stops at its parent). */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The line and column a parser wrote into its message (`(line 3, column 7)`, or JSON's `at position 12`). */
export function positionInMessage(message: string, text: string | undefined): { line: number; column: number } | undefined {
  const yaml = /\(line (\d+), column (\d+)\)/.exec(message);
  if (yaml) return { line: Number(yaml[1]), column: Number(yaml[2]) };
  const json = /at position (\d+)/.exec(message);
  if (json && text !== undefined) {
    const before = text.slice(0, Number(json[1]));
    const lines = before.split("\n");
    return { line: lines.length, column: lines.at(-1)!.length + 1 };
  }
  return undefined;
}

/**
 * Maps violations of a value read from `text` (its `doc`-th document, under `base`) to problems at their
 * line and column; a path that leads nowhere (a missing field) points at the deepest part that exists.
 */
export function locatedIn(file: string, text: string, doc: number, base: readonly (string | number)[], path: (v: Violation) => string = (v) => v.path): (v: Violation) => InputProblem {
  return (v) => {
    const at = positionInMessage(v.message, text) ?? locate(text, doc, [...base, ...pathSegments(v.path)]);
    return { file, path: path(v), message: v.message, ...(at ? { line: at.line, column: at.column } : {}) };
  };
}

/** One problem as one line. */
export function problemLine(p: InputProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.path === "" ? "" : `${p.path}: `}${p.message}\n`;
}
