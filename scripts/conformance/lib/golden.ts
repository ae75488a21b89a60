/**
 * Reading Kuma's golden files (never copied into the project: they are read from KUMA_GOLDEN_DIR).
 *
 * Two formats occur:
 * - Delta discovery responses as YAML (`util_proto.ToYAML(resp)` in Kuma's unit tests):
 *   `resources: [{name, resource: {'@type', ...}}]`, or `{}` when there are none.
 * - `kumactl inspect dataplane --type config` dumps from Kuma's e2e tests (`*.golden.json`):
 *   `{diff, xds: {<type URL>: {<name>: <resource without '@type'>}}}`, redacted (see redact.ts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse as parseYaml } from "yaml";
import { resolveVersion, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
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

export type VersionResolution = { readonly minor: KumaMinor; readonly release: Release } | { readonly skip: string };

/**
 * Golden version → meshsim minor: `2.5.0`→2.5, `v2.13.10`→2.13, `v2.14.3`→2.14, ... (resolveVersion,
 * the same rule the API uses). `HEAD*` is Kuma's unreleased 3.0 development line, which meshsim does
 * not model; so is any minor outside meshsim's table.
 */
export function resolveGoldenVersion(version: string): VersionResolution {
  if (/^HEAD/.test(version)) return { skip: `${version} is Kuma's unreleased 3.0 development line (module v3); meshsim models released minors 2.5-2.14` };
  const r = resolveVersion(version, "version");
  if ("error" in r) return { skip: `Kuma ${version} is not a version meshsim models (${r.error.message})` };
  // The release the file name carries (a bare minor: its newest patch): patch releases differ (backports).
  return { minor: r.minor, release: r.release };
}
