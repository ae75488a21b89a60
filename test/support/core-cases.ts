/**
 * Case files of an endpoint's core, run the same way for every endpoint that has them (upgrade, impact, passthrough
 * plan): each `<dir>/*.yaml` holds a request `body` and an `expect` written by hand. The body goes through the
 * endpoint's schema and core; the body must not be mutated, a case that expects `errors` must get exactly those paths
 * (with the texts given), and the same body must give the same bytes twice. `check` then compares the answer's facts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/** What every case's `expect` may hold besides the endpoint's own facts. */
export interface CaseErrors {
  readonly errors?: readonly { readonly path: string; readonly messageContains: readonly string[] }[];
}

type Outcome<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly errors: readonly { readonly path: string; readonly message: string }[] };

/** Runs every case file of `dir` as one test, named after the file. */
export function coreCases<B, R, E extends CaseErrors>(
  title: string,
  dir: string,
  schema: { parse(value: unknown): B },
  run: (body: B) => Outcome<R>,
  check: (result: R, e: E, c: { readonly body: unknown; readonly expect: E }) => void,
): void {
  describe(title, () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
    it("there is at least one case", () => expect(files.length).toBeGreaterThan(0));
    for (const file of files) {
      it(file.replace(/\.yaml$/, ""), () => {
        const c = parse(readFileSync(join(dir, file), "utf8")) as { body: unknown; expect: E };
        const body = schema.parse(c.body);
        const input = structuredClone(body);
        const out = run(body);
        expect(body, "the body is never mutated").toEqual(input);
        const e = c.expect;
        if (e.errors) {
          expect(out.ok).toBe(false);
          if (out.ok) return;
          expect(out.errors.map((x) => x.path)).toEqual(e.errors.map((x) => x.path));
          e.errors.forEach((x, i) => x.messageContains.forEach((t) => expect(out.errors[i]!.message).toContain(t)));
          return;
        }
        if (!out.ok) throw new Error(JSON.stringify(out.errors));
        expect(JSON.stringify(run(schema.parse(c.body)))).toBe(JSON.stringify(out)); // same input, same bytes
        check(out.result, e, c);
      });
    }
  });
}
