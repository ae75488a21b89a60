/**
 * Goldens named `<version>__<suite>__<case>` (the tp/ and mpp/ directories): version first (HEAD and
 * unmodelled versions are skipped), then the Kuma test suite the file comes from decides the case.
 */
import { generatorPlan } from "../cases/generator.js";
import { apiServerBypassPlan } from "../cases/hooks.js";
import { meshPassthroughPlan } from "../cases/meshpassthrough.js";
import { e2ePlan, hookBeforePtPlan } from "../cases/pipeline.js";
import { resolveGoldenVersion, splitGoldenName } from "./golden.js";
import type { Plan } from "./types.js";

/** Kuma test suites whose goldens meshsim does not generate, with the reason. */
const NOT_MODELLED_SUITES: Readonly<Record<string, string>> = {
  "plugin-testdata": "MeshProxyPatch plugin goldens on zone ingress/egress and mixed fixtures: meshsim generates no zone proxy or mesh listeners",
  "e2e-envoyconfig": "zone-proxy e2e config dumps: meshsim generates no zone proxy config",
};

/** `file` is the golden's name in its suite directory `suiteDir` (`tp`, `mpp`) under the golden root. */
export async function planNamedGolden(abs: string, file: string, repoRoot: string, suiteDir: string): Promise<Plan> {
  const parts = splitGoldenName(file);
  const base = file.slice(file.lastIndexOf("/") + 1);
  const version = parts?.version ?? /^(.+?)__/.exec(base)?.[1];
  if (!version) return { kind: "not-covered", reason: "file name is not <version>__<suite>__<case>: version unknown" };
  const v = resolveGoldenVersion(version, { file: `${suiteDir}/${file}`, abs });
  if ("skip" in v) return { kind: "skip", reason: v.skip };
  if (!parts) {
    if (/__meshproxypatch-rest-openapi\.yaml$/.test(base))
      return { kind: "not-covered", reason: "MeshProxyPatch REST OpenAPI schema, not Envoy config: outside this resource comparison" };
    return { kind: "not-covered", reason: "file name is not <version>__<suite>__<case>: no case for it" };
  }
  switch (parts.suite) {
    case "transparent-proxy":
      return generatorPlan(abs, v.minor, parts.rest, v.release);
    case "xds-server-v3":
      return hookBeforePtPlan(abs, v.minor, parts.rest);
    case "e2e-universal-envoyconfig":
      return e2ePlan(abs, v.minor, parts.rest, v.release);
    case "k8s-hooks":
      return apiServerBypassPlan(abs, v.minor, parts.rest);
    case "meshpassthrough":
      if (v.minor !== "2.14") return { kind: "not-covered", reason: `MeshPassthrough plugin fixtures are transcribed for v2.14.3 only, not ${version}` };
      return meshPassthroughPlan(abs, parts.rest, repoRoot);
  }
  const why = NOT_MODELLED_SUITES[parts.suite];
  return { kind: "not-covered", reason: why ?? `no conformance case for Kuma test suite "${parts.suite}"` };
}
