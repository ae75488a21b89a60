/**
 * Reading Kuma's golden files (never copied into the project: they are read from KUMA_GOLDEN_DIR).
 *
 * Two formats occur:
 * - Delta discovery responses as YAML (`util_proto.ToYAML(resp)` in Kuma's unit tests):
 *   `resources: [{name, resource: {'@type', ...}}]`, or `{}` when there are none.
 * - `kumactl inspect dataplane --type config` dumps from Kuma's e2e tests (`*.golden.json`):
 *   `{diff, xds: {<type URL>: {<name>: <resource without '@type'>}}}`, redacted (see redact.ts).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse as parseYaml } from "yaml";
import { LINE_COMMITS, releaseLabel, resolveVersion, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
import type { ResourceEntry } from "./compare.js";

/** Every file under `root`, as POSIX-style paths relative to it, sorted. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir).sort()) {
      const abs = join(dir, e);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push(relative(root, abs).split(sep).join("/"));
    }
  };
  walk(root);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Parses a Delta-response golden. Every item must carry `name` and a `resource` with `@type`. */
export function readDeltaYaml(abs: string): ResourceEntry[] {
  return readDeltaYamlText(readFileSync(abs, "utf8"), abs);
}

/** {@link readDeltaYaml} on a YAML text; `abs` names it in errors. */
export function readDeltaYamlText(text: string, abs: string): ResourceEntry[] {
  const doc: unknown = parseYaml(text, { schema: "core", uniqueKeys: true });
  if (!isObject(doc)) throw new Error(`${abs}: not a YAML mapping`);
  const extraKeys = Object.keys(doc).filter((k) => k !== "resources");
  if (extraKeys.length > 0) throw new Error(`${abs}: unexpected top-level keys ${extraKeys.join(", ")}`);
  const items = doc["resources"] ?? [];
  if (!Array.isArray(items)) throw new Error(`${abs}: resources is not a list`);
  return items.map((item, i) => {
    if (!isObject(item) || typeof item["name"] !== "string" || !isObject(item["resource"]))
      throw new Error(`${abs}: resources[${i}] is not {name, resource}`);
    const typeUrl = item["resource"]["@type"];
    if (typeof typeUrl !== "string") throw new Error(`${abs}: resources[${i}].resource has no @type`);
    return { typeUrl, name: item["name"], value: item["resource"] };
  });
}

/** Parses an e2e config dump: the `xds` map, keyed by type URL then name. */
export function readInspectJson(abs: string): ResourceEntry[] {
  const doc: unknown = JSON.parse(readFileSync(abs, "utf8"));
  if (!isObject(doc) || !isObject(doc["xds"])) throw new Error(`${abs}: no xds map`);
  const out: ResourceEntry[] = [];
  for (const [typeUrl, byName] of Object.entries(doc["xds"])) {
    if (!isObject(byName)) throw new Error(`${abs}: xds[${typeUrl}] is not a map`);
    for (const [name, value] of Object.entries(byName)) out.push({ typeUrl: `${typeUrl}`, name, value });
  }
  return out;
}

/** `<version>__<suite>__<rest>` (tp/ and mpp/ names), or undefined. */
export function splitGoldenName(file: string): { version: string; suite: string; rest: string } | undefined {
  const base = file.slice(file.lastIndexOf("/") + 1);
  const m = /^(.+?)__(.+?)__(.+)$/.exec(base);
  return m ? { version: m[1]!, suite: m[2]!, rest: m[3]! } : undefined;
}

export type VersionResolution =
  | { readonly minor: KumaMinor; readonly release: Release; /** For a HEAD golden: the Kuma file it is at the 3.0 line's commit. */ readonly kumaPath?: string }
  | { readonly skip: string };

/** Git's blob id of a file's bytes (`git hash-object`): sha1 of `blob <length>\0` and the bytes. */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** The 3.0 line's commit the 3.0 profile follows (no 3.0 tag in Kuma's repository; src/core/model/versions.ts). */
const LINE_30 = LINE_COMMITS["3.0"]!;
const LINE_30_LABEL = releaseLabel("3.0.0");

/**
 * Plain `HEAD` goldens (their name carries no commit), each checked with git against Kuma's repository: the Kuma
 * file it is, and that file's blob id at the 3.0 line's commit (`git ls-tree 348b6528bc -- <path>`). A golden
 * whose bytes have that blob id is byte for byte Kuma's file at that commit, so it is compared at the 3.0 profile;
 * one whose bytes differ comes from another HEAD and is skipped. Keyed by the path under the golden root.
 */
export const HEAD_GOLDENS: Readonly<Record<string, { readonly kumaPath: string; readonly blob: string }>> = {
  "mpp/HEAD__e2e-envoyconfig__cluster-add.input.yaml": { kumaPath: "test/e2e_env/universal/envoyconfig/testdata/zoneproxies/meshproxypatch/cluster-add.input.yaml", blob: "8f9409a58c1279d733a29acaad93c19438fa0040" },
  "mpp/HEAD__e2e-envoyconfig__cluster-add.zone-proxy-demo-client.golden.json": {
    kumaPath: "test/e2e_env/universal/envoyconfig/testdata/zoneproxies/meshproxypatch/cluster-add.zone-proxy-demo-client.golden.json",
    blob: "d662f6287d0d9f86a0eec9e2c3ece9a9840b7fd4",
  },
  "mpp/HEAD__e2e-envoyconfig__cluster-patch.input.yaml": { kumaPath: "test/e2e_env/universal/envoyconfig/testdata/zoneproxies/meshproxypatch/cluster-patch.input.yaml", blob: "8861e535ac5da73a9054394e0b0af3e9e9e421a9" },
  "mpp/HEAD__e2e-envoyconfig__cluster-patch.zone-proxy-demo-client.golden.json": {
    kumaPath: "test/e2e_env/universal/envoyconfig/testdata/zoneproxies/meshproxypatch/cluster-patch.zone-proxy-demo-client.golden.json",
    blob: "d6155a4f7768c2fe19baed9a77b4f01526d4b730",
  },
  "mpp/HEAD__e2e-envoyconfig__label-scope.input.yaml": { kumaPath: "test/e2e_env/universal/envoyconfig/testdata/zoneproxies/meshproxypatch/label-scope.input.yaml", blob: "ac4a24e90093cd085e45bc2ff9e08fa52a998af6" },
  "mpp/HEAD__e2e-envoyconfig__label-scope.zone-proxy-demo-client.golden.json": {
    kumaPath: "test/e2e_env/universal/envoyconfig/testdata/zoneproxies/meshproxypatch/label-scope.zone-proxy-demo-client.golden.json",
    blob: "d6155a4f7768c2fe19baed9a77b4f01526d4b730",
  },
  "mpp/HEAD__e2e-envoyconfig__label-scope.zone-proxy-egress.golden.json": {
    kumaPath: "test/e2e_env/universal/envoyconfig/testdata/zoneproxies/meshproxypatch/label-scope.zone-proxy-egress.golden.json",
    blob: "1ec673f66c7dd4b2e47ec24ae798fee577756317",
  },
  "mpp/HEAD__meshproxypatch-rest-openapi.yaml": { kumaPath: "pkg/plugins/policies/meshproxypatch/api/v1alpha1/rest.yaml", blob: "9bbadfb7237e4ed305aad3420f97bbbba7efee09" },
  "mpp/HEAD__plugin-testdata__mixed-patch-both.clusters.golden.yaml": {
    kumaPath: "pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/testdata/mixed-patch-both.clusters.golden.yaml",
    blob: "a4969a4f056e1c0466ff1843e6abcd453315fdf5",
  },
  "mpp/HEAD__plugin-testdata__mixed-patch-both.listeners.golden.yaml": {
    kumaPath: "pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/testdata/mixed-patch-both.listeners.golden.yaml",
    blob: "26cc8d6023d58c6c7c89be44bedad449e2e7d3f8",
  },
  "mpp/HEAD__plugin-testdata__zone-egress-listener-patch.clusters.golden.yaml": {
    kumaPath: "pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/testdata/zone-egress-listener-patch.clusters.golden.yaml",
    blob: "0967ef424bce6791893e9a57bb952f80fd536e93",
  },
  "mpp/HEAD__plugin-testdata__zone-egress-listener-patch.listeners.golden.yaml": {
    kumaPath: "pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/testdata/zone-egress-listener-patch.listeners.golden.yaml",
    blob: "ca62704b537b8fc0657f0e9ba17db774ee91fbc9",
  },
  "mpp/HEAD__plugin-testdata__zone-ingress-listener-patch.clusters.golden.yaml": {
    kumaPath: "pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/testdata/zone-ingress-listener-patch.clusters.golden.yaml",
    blob: "0967ef424bce6791893e9a57bb952f80fd536e93",
  },
  "mpp/HEAD__plugin-testdata__zone-ingress-listener-patch.listeners.golden.yaml": {
    kumaPath: "pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/testdata/zone-ingress-listener-patch.listeners.golden.yaml",
    blob: "ce3ea604acd1d5b3338fa6837fbb61367189d302",
  },
  "mpp/HEAD__transparent-proxy__02.envoy.golden.yaml": { kumaPath: "pkg/xds/generator/testdata/transparent-proxy/02.envoy.golden.yaml", blob: "7b90eb9be49ed99ca5a46139a9d99f72b9de81ec" },
  "mpt/HEAD/basic.listener.golden.yaml": { kumaPath: "pkg/plugins/policies/meshpassthrough/plugin/v1alpha1/testdata/basic.listener.golden.yaml", blob: "3a2cc7a4d5b7f06a90be957ecb463f37f466555f" },
  "mpt/HEAD/disabled_on_policy.listeners.golden.yaml": {
    kumaPath: "pkg/plugins/policies/meshpassthrough/plugin/v1alpha1/testdata/disabled_on_policy.listeners.golden.yaml",
    blob: "13273609c8d5adeb105ae3a6bdc90816b41e932e",
  },
  "mpt/HEAD/only-ipv4-rules.listener.golden.yaml": {
    kumaPath: "pkg/plugins/policies/meshpassthrough/plugin/v1alpha1/testdata/only-ipv4-rules.listener.golden.yaml",
    blob: "3d5a841999da9b2571f2b5e4825630f912e347ee",
  },
};

/** A golden file: its path under the golden root (`mpp/HEAD__…`) and on disk. */
export interface GoldenFile {
  readonly file: string;
  readonly abs: string;
}

/** `HEAD` and `HEAD-<sha>` goldens: the 3.0 profile when they are Kuma's files at the 3.0 line's commit. */
function resolveHead(version: string, golden: GoldenFile | undefined): VersionResolution {
  const at30 = { minor: "3.0", release: "3.0.0" } as const;
  const sha = /^HEAD-([0-9a-f]{7,40})$/i.exec(version)?.[1]?.toLowerCase();
  if (sha !== undefined) {
    if (LINE_30.commit.startsWith(sha)) return at30;
    return { skip: `${version} is Kuma's development line at commit ${sha}, not the 3.0 line's commit ${LINE_30.commit.slice(0, 10)} that meshsim's 3.0 profile (${LINE_30_LABEL}) follows` };
  }
  if (version !== "HEAD") return { skip: `${version} names no Kuma release or commit meshsim models` };
  const rec = golden ? HEAD_GOLDENS[golden.file] : undefined;
  if (!golden || !rec)
    return { skip: `${golden?.file ?? version} is from Kuma's HEAD at an unnamed commit and is not recorded as byte-identical to a Kuma file at the 3.0 line's commit ${LINE_30.commit.slice(0, 10)} (HEAD_GOLDENS in scripts/conformance/lib/golden.ts)` };
  const blob = gitBlobId(readFileSync(golden.abs));
  if (blob !== rec.blob)
    return {
      skip: `${golden.file} is not byte-identical to kumahq/kuma@${LINE_30.commit.slice(0, 10)} ${rec.kumaPath} (git blob ${blob} here, ${rec.blob} at that commit): it is Kuma's HEAD at another commit than the 3.0 profile follows`,
    };
  return { ...at30, kumaPath: rec.kumaPath };
}

/**
 * Golden version → meshsim minor: `2.5.0`→2.5, `v2.13.10`→2.13, `v2.14.3`→2.14, `v3.0.0`→3.0, ... (resolveVersion,
 * the same rule the API uses). `HEAD-<sha>` is Kuma's 3.0 development line at that commit: the 3.0 profile when it
 * is the line's commit meshsim follows ({@link LINE_COMMITS}), skipped otherwise. A plain `HEAD` golden names no
 * commit: it is the 3.0 profile only when `golden` is recorded in {@link HEAD_GOLDENS} and its bytes are Kuma's file
 * at that commit. Any minor outside meshsim's table is skipped.
 */
export function resolveGoldenVersion(version: string, golden?: GoldenFile): VersionResolution {
  if (/^HEAD/.test(version)) return resolveHead(version, golden);
  const r = resolveVersion(version, "version");
  if ("error" in r) return { skip: `Kuma ${version} is not a version meshsim models (${r.error.message})` };
  // The release the file name carries (a bare minor: its newest patch): patch releases differ (backports).
  return { minor: r.minor, release: r.release };
}
