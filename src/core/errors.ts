/**
 * Errors are data. A violation names the offending field by a JSON-pointer-like dotted path into the
 * request (`resources[2].spec.default.appendModifications[0].cluster.value`) and says what is wrong.
 * Core code returns violations; only the HTTP layer turns them into problem+json.
 */
export interface Violation {
  /** Dotted path into the request body, with `[i]` for array indices. Empty for the whole body. */
  readonly path: string;
  readonly message: string;
}

/** Discriminated result used across the core instead of exceptions. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly Violation[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(errors: readonly Violation[]): Result<T> => ({ ok: false, errors });

/** Joins path segments the way every violation path is written: `a.b[3].c`. */
export function joinPath(base: string, ...segments: readonly (string | number)[]): string {
  let out = base;
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (s === "") continue;
    else out = out === "" ? s : `${out}.${s}`;
  }
  return out;
}
