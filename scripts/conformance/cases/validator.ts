/**
 * Kuma's MeshPassthrough admission validation test (`pkg/plugins/policies/meshpassthrough/api/v1alpha1/
 * validator_test.go @ v2.14.3`, which checks `validator.go` validateDefault): `valid.input.yaml` must give no
 * violation; `full-invalid.input.yaml` must give exactly the `violations` of `full-invalid.output.yaml`,
 * in order, field by field.
 *
 * meshsim side: what its API does with a MeshPassthrough spec: the kind's zod `specSchema`, then its
 * `validate()` rooted at `spec` (role system, Kuma 2.14). The kind is imported at run time from
 * `src/core/policies/meshpassthrough/index.ts`. Kuma's test reads the YAML with sigs.k8s.io/yaml, which
 * turns a scalar into the Go field's type (`protocol: 1` becomes the string "1"); the equivalent meshsim
 * input therefore has those scalars as strings (see `kumaScalars`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { features } from "../../../src/core/model/versions.js";
import type { Comparison, Plan } from "../lib/types.js";

const MODULE = "src/core/policies/meshpassthrough/index.ts";
const VIOLATIONS = "Violations";

interface KindLike {
  readonly kind: string;
  readonly specSchema: { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } };
  validate(spec: unknown, ctx: { features: unknown; role: string; path: string }): readonly { path: string; message: string }[];
}

type Loaded = { readonly kind: KindLike } | { readonly notCovered: string } | { readonly error: string };
let loaded: Promise<Loaded> | undefined;

function loadKind(repoRoot: string): Promise<Loaded> {
  loaded ??= (async (): Promise<Loaded> => {
    const file = join(repoRoot, MODULE);
    if (!existsSync(file)) return { notCovered: `meshsim's MeshPassthrough module does not exist yet (${MODULE} not found)` };
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (e) {
      return { notCovered: `meshsim's MeshPassthrough module cannot be imported yet (${MODULE}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)})` };
    }
    // The policy's definition (src/core/policies/types.ts): admission as the snapshot runs it, with the targetRef
    // kinds its release and role admit.
    const def = Object.values(mod).find((v) => typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "MeshPassthrough") as
      | { api?: { specSchema: KindLike["specSchema"]; targetKinds(f: unknown, role: string): readonly string[]; validate(spec: unknown, ctx: object): readonly { path: string; message: string }[] } }
      | undefined;
    const api = def?.api;
    if (!api) return { error: `${MODULE} exports no MeshPassthrough definition with an api (exports: ${Object.keys(mod).join(", ")})` };
    const kind: KindLike = {
      kind: "MeshPassthrough",
      specSchema: api.specSchema,
      validate: (spec, ctx) => api.validate(spec, { ...ctx, targetKinds: api.targetKinds(ctx.features, ctx.role) }),
    };
    return { kind };
  })();
  return loaded;
}

/** The string-typed Match and Conf fields as Kuma's YAML decoding fills them from any scalar. */
function kumaScalars(spec: unknown): unknown {
  if (typeof spec !== "object" || spec === null) return spec;
  const s = spec as Record<string, unknown>;
  const d = s["default"] as Record<string, unknown> | undefined;
  if (!d) return spec;
  const str = (v: unknown) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v);
  const appendMatch = Array.isArray(d["appendMatch"])
    ? d["appendMatch"].map((m) => {
        if (typeof m !== "object" || m === null) return m;
        const e = { ...(m as Record<string, unknown>) };
        for (const k of ["type", "value", "protocol"]) if (k in e) e[k] = str(e[k]);
        return e;
      })
    : d["appendMatch"];
  return { ...s, default: { ...d, ...("passthroughMode" in d ? { passthroughMode: str(d["passthroughMode"]) } : {}), ...(appendMatch !== undefined ? { appendMatch } : {}) } };
}

function meshsimViolations(kind: KindLike, spec: unknown): { field: string; message: string }[] {
  const parsed = kind.specSchema.safeParse(spec);
  if (!parsed.success)
    // What the API answers when the schema refuses the spec: the validator does not run.
    return parsed.error.issues.map((i) => ({ field: ["spec", ...i.path.map(String)].join("."), message: `(schema) ${i.message}` }));
  return kind.validate(parsed.data, { features: features("2.14"), role: "system", path: "spec" }).map((v) => ({ field: v.path, message: v.message }));
}

/** Plan for `validator/<file>` @ v2.14.3. */
export async function validatorPlan(dir: string, file: string, repoRoot: string): Promise<Plan> {
  if (file === "full-invalid.output.yaml") return { kind: "skip", reason: "expected output of full-invalid.input.yaml, compared with it" };
  const m = /^(.+)\.input\.yaml$/.exec(file);
  if (!m) return { kind: "not-covered", reason: `not a validator test input ("${file}")` };
  const outputFile = join(dir, `${m[1]}.output.yaml`);
  const expectValid = m[1] === "valid";
  if (!expectValid && !existsSync(outputFile)) return { kind: "not-covered", reason: `no ${m[1]}.output.yaml next to it` };
  const k = await loadKind(repoRoot);
  if ("notCovered" in k) return { kind: "not-covered", reason: k.notCovered };
  if ("error" in k) return { kind: "compare", describe: "MeshPassthrough validator", run: () => { throw new Error(k.error); } };
  return {
    kind: "compare",
    describe: `MeshPassthrough specSchema + validate() @ 2.14, validator_test ${m[1]}: ${expectValid ? "no violation" : `violations of ${m[1]}.output.yaml, in order`}`,
    run: (): Comparison => {
      const spec = kumaScalars(parseYaml(readFileSync(join(dir, file), "utf8"), { schema: "core", uniqueKeys: true }));
      const want = expectValid ? [] : (parseYaml(readFileSync(outputFile, "utf8"), { uniqueKeys: true }) as { violations?: unknown }).violations;
      if (!Array.isArray(want)) throw new Error(`${outputFile} has no violations list`);
      return {
        kuma: [{ typeUrl: VIOLATIONS, name: "spec", value: want }],
        meshsim: [{ typeUrl: VIOLATIONS, name: "spec", value: meshsimViolations(k.kind, spec) }],
      };
    },
  };
}
