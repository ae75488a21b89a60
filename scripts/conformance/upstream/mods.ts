/**
 * MeshProxyPatch's `*_mod_test.go` tables (pkg/plugins/policies/meshproxypatch/plugin/v1alpha1): each
 * `Entry(...)` holds its input resources, its modifications and its expected resources inline as YAML in Go
 * raw strings, so each entry is one golden (`<test file>#NN.entry`, its position at that tag), read directly
 * at the tag. The table's code (resource origin, `plugin.ApplyMods`, `MatchYAML`) was read at v2.14.3:
 * clusters get their entry's `origin` or `inbound`, listeners `inbound`; every modification is applied in
 * order; the result's Delta response must equal `expected`. At another tag an entry is compared only when
 * that code (everything before the first Entry, normalized) is the same as at v2.14.3.
 *
 * Input resources are decoded as the test's `util_proto.FromYAML` does (meshsim's parseEnvoyYaml), so a
 * `stat_prefix` in the input is `statPrefix` on both sides.
 *
 * meshsim side: the MeshProxyPatch plugin (src/core/policies/meshproxypatch) with one policy whose
 * `default.appendModifications` are the entry's modifications, at the tag's release. Resources are compared
 * by type and name (MatchYAML also compares the order of the Delta response's list; this does not).
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { PolicyResource } from "../../../src/core/model/policy.js";
import { features } from "../../../src/core/model/versions.js";
import { parseEnvoyYaml } from "../../../src/core/patch/proto-json.js";
import { meshProxyPatch } from "../../../src/core/policies/meshproxypatch/index.js";
import type { XdsResource } from "../../../src/core/xds/resource-set.js";
import { goEntries, normalizeGo } from "../lib/go-source.js";
import { readDeltaYamlText } from "../lib/golden.js";
import { resourceSetEntries } from "../lib/meshsim.js";
import type { Plan } from "../lib/types.js";
import type { UpstreamContext } from "./context.js";

const DIR = "pkg/plugins/policies/meshproxypatch/plugin/v1alpha1";
const KINDS = ["cluster", "listener", "network_filter", "http_filter"] as const;

/** The Go test files whose table entries carry inline expectations. */
export const MOD_TEST_FILES: readonly string[] = KINDS.map((k) => `${DIR}/${k}_mod_test.go`);

/** The tag the table code of each file was read at. */
const VERIFIED_TAG = "v2.14.3";

/** One golden per `Entry(...)` of a mod test file at the tag: `<file>#NN.entry` holding the entry's source. */
export function modTestEntries(ctx: UpstreamContext, path: string): { name: string; text: string }[] {
  const text = ctx.read(ctx.tag, path);
  if (text === undefined) return [];
  const file = path.slice(path.lastIndexOf("/") + 1).replace(/\.go$/, "");
  return goEntries(text).map((e, i) => ({ name: `${file}#${String(i + 1).padStart(2, "0")}.entry`, text: e }));
}

/** Title (first string literal) of an entry's source. */
export function entryTitleOf(entry: string): string {
  return /^Entry\(\s*("(?:[^"\\]|\\.)*")/.exec(entry)?.[1] ?? "(untitled)";
}

/**
 * The test's code before its first Entry, normalized (the package clause and imports excluded). Before 2.12
 * the origin constants lived in package `generator` and the test case's origin was a plain `string`; 2.12
 * moved them to `metadata` and typed it `origin.Origin` (a string type): the same values, so both read alike.
 */
function tableCode(text: string): string {
  const start = text.indexOf("var _ = Describe(");
  const body = start >= 0 ? text.slice(start) : text;
  const first = body.search(/\bEntry\(/);
  return normalizeGo(first >= 0 ? body.slice(0, first) : body)
    .replace(/\bgenerator\.Origin(Inbound|Outbound)\b/g, "metadata.Origin$1")
    .replace(/\borigin string\b/g, "origin origin.Origin");
}

/** Raw-string literals (backticks) of `s`, in order. */
function rawStrings(s: string): string[] {
  return [...s.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
}

/** The text of the composite literal starting at the `{` after `field: []T` in an entry, or undefined. */
function sliceField(entry: string, field: string): string | undefined {
  const m = new RegExp(`\\b${field}:\\s*\\[\\][A-Za-z_.]+\\s*\\{`).exec(entry);
  if (!m) return undefined;
  let depth = 0;
  for (let i = m.index + m[0].length - 1; i < entry.length; i++) {
    const c = entry[i];
    if (c === "`") {
      i = entry.indexOf("`", i + 1);
      if (i < 0) return undefined;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return entry.slice(m.index + m[0].length, i);
  }
  return undefined;
}

/** Go's YAML test strings are indented with the code: strip the common indentation (as YAML parsers do for a document). */
function dedent(s: string): string {
  const lines = s.split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(min)).join("\n");
}

function parseDoc(s: string, what: string): unknown {
  try {
    return parseYaml(dedent(s), { schema: "core", uniqueKeys: true });
  } catch (e) {
    throw new Error(`${what} is not YAML: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
}

/** An input resource as the test reads it (`util_proto.FromYAML`: proto field names or JSON names, canonical JSON out). */
function fromYaml(text: string, typeName: string): Record<string, unknown> {
  const r = parseEnvoyYaml(dedent(text), typeName, "");
  if (!r.ok) throw new Error(`an input ${typeName} does not decode: ${r.message}`);
  return r.value as Record<string, unknown>;
}

interface ModEntry {
  readonly resources: XdsResource[];
  readonly modifications: unknown[];
  readonly expected: string;
}

type Read = { readonly entry: ModEntry } | { readonly notCovered: string };

/** Reads an entry's Go literals: input resources, modifications and the expected Delta response. */
function readEntry(kind: (typeof KINDS)[number], entry: string): Read {
  const mods = sliceField(entry, "modifications");
  if (mods === undefined) return { notCovered: "no `modifications: []string{...}` in the entry" };
  const exp = /\bexpected:\s*`([^`]*)`/.exec(entry);
  if (!exp) return { notCovered: "no inline `expected` raw string in the entry" };
  const resources: XdsResource[] = [];
  if (kind === "cluster") {
    const items = sliceField(entry, "clusters");
    if (items !== undefined) {
      for (const part of items.split(/\byaml:/).slice(1)) {
        const y = /^\s*`([^`]*)`/.exec(part);
        if (!y) return { notCovered: "a cluster's yaml is not a raw string literal" };
        const o = /\borigin:\s*([A-Za-z_.]+)/.exec(part.slice(y[0].length));
        const origin = o ? { OriginInbound: "inbound", OriginOutbound: "outbound" }[o[1]!.split(".").pop()!] : "inbound";
        if (!origin) return { notCovered: `cluster origin ${o![1]} is not one this runner reads` };
        const value = fromYaml(y[1]!, "envoy.config.cluster.v3.Cluster");
        resources.push({ type: "cluster", name: String(value["name"] ?? ""), origin, value } as XdsResource);
      }
    }
  } else {
    const items = sliceField(entry, "listeners");
    if (items !== undefined)
      for (const y of rawStrings(items)) {
        const value = fromYaml(y, "envoy.config.listener.v3.Listener");
        resources.push({ type: "listener", name: String(value["name"] ?? ""), origin: "inbound", value } as XdsResource);
      }
  }
  return { entry: { resources, modifications: rawStrings(mods).map((m) => parseDoc(m, "a modification")), expected: exp[1]! } };
}

export function modTestPlan(ctx: UpstreamContext, path: string, abs: string): Plan {
  const file = path.replace(/#.*/, "");
  const kind = KINDS.find((k) => file.endsWith(`/${k}_mod_test.go`));
  const entry = readFileSync(abs, "utf8");
  const title = entryTitleOf(entry);
  if (!kind) return { kind: "not-covered", reason: `no reader for ${file}` };
  if (ctx.tag !== VERIFIED_TAG) {
    const here = ctx.read(ctx.tag, file);
    const there = ctx.read(VERIFIED_TAG, file);
    if (there === undefined) return { kind: "not-covered", reason: `input cannot be checked at ${ctx.tag}: ${file} @ ${VERIFIED_TAG}, whose table code was read, is not in the Kuma source` };
    if (here === undefined || tableCode(here) !== tableCode(there))
      return { kind: "not-covered", reason: `input differs at ${ctx.tag}: the table code of ${file} (before the first Entry) is not as at ${VERIFIED_TAG}` };
  }
  const read = readEntry(kind, entry);
  if ("notCovered" in read) return { kind: "not-covered", reason: `${file} Entry ${title}: ${read.notCovered}` };
  const f = features(ctx.release);
  return {
    kind: "compare",
    describe: `MeshProxyPatch plugin @ ${ctx.release}, ${file.slice(DIR.length + 1)} Entry ${title} (inputs and expectation read from the entry at ${ctx.tag})`,
    run: () => {
      const spec = meshProxyPatch.api!.specSchema.parse({ default: { appendModifications: read.entry.modifications } });
      const policy: PolicyResource = {
        envelope: { kind: "MeshProxyPatch", name: "mod-test", mesh: "default", form: "universal", namespace: undefined, labels: {}, spec, specPath: "spec", path: "", status: undefined },
        spec,
        role: "system",
        whatIf: false,
      } as PolicyResource;
      const out = meshProxyPatch.plugin!.apply(read.entry.resources, { features: f, policies: [policy], dataplane: undefined as never, mesh: undefined as never, transparentProxy: undefined as never });
      if (out.configError) throw new Error(`meshsim fails the modification (Kuma's test expects no error): ${out.configError.message}`);
      const notes = out.warnings.map((w) => `meshsim warns: ${w.code}: ${w.message}`);
      return { kuma: readDeltaYamlText(dedent(read.entry.expected), `${file} Entry ${title} expected`), meshsim: resourceSetEntries(out.resources), notes };
    },
  };
}
