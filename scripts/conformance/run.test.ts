/**
 * The conformance runner's own machinery (scripts/conformance/lib): a comparison that ignored a field
 * would be a lie, so these pin its strictness. No Kuma golden is used or copied here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffResources, diffValues, toResourceMap, type ResourceEntry } from "./lib/compare.js";
import { gitBlobId, HEAD_GOLDENS, readDeltaYaml, readInspectJson, resolveGoldenVersion, splitGoldenName } from "./lib/golden.js";
import { applyMasks, expandPointer, type MaskSpec } from "./lib/mask.js";
import { redactE2eJson } from "./lib/redact.js";
import { runSuite } from "./lib/suite.js";
import type { Suite } from "./lib/types.js";

const LISTENER = "type.googleapis.com/envoy.config.listener.v3.Listener";
const CLUSTER = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
const entry = (typeUrl: string, name: string, value: unknown): ResourceEntry => ({ typeUrl, name, value });

describe("diffValues", () => {
  it("finds nothing in equal values, whatever the key order", () => {
    expect(diffValues({ a: 1, b: [{ c: "x" }] }, { b: [{ c: "x" }], a: 1 })).toEqual([]);
  });

  it("tells JSON types apart: a string is not a number, null is not absent", () => {
    expect(diffValues({ port: "15001" }, { port: 15001 })).toEqual([{ pointer: "/port", inKuma: true, inMeshsim: true, kuma: "15001", meshsim: 15001 }]);
    expect(diffValues({ a: null }, {})).toEqual([{ pointer: "/a", inKuma: true, inMeshsim: false, kuma: null }]);
    expect(diffValues({ a: false }, { a: 0 })).toHaveLength(1);
    expect(diffValues({ a: {} }, { a: [] })).toHaveLength(1);
  });

  it("reports keys only one side has, with RFC 6901 pointers", () => {
    expect(diffValues({ "a/b": { "c~d": 1 } }, { "a/b": {}, extra: true })).toEqual([
      { pointer: "/a~1b/c~0d", inKuma: true, inMeshsim: false, kuma: 1 },
      { pointer: "/extra", inKuma: false, inMeshsim: true, meshsim: true },
    ]);
  });

  it("compares arrays in order and reports missing and extra elements", () => {
    expect(diffValues(["h2c", "http/1.1"], ["http/1.1", "h2c"])).toHaveLength(2);
    expect(diffValues([1, 2], [1])).toEqual([{ pointer: "/1", inKuma: true, inMeshsim: false, kuma: 2 }]);
    expect(diffValues([1], [1, { x: 1 }])).toEqual([{ pointer: "/1", inKuma: false, inMeshsim: true, meshsim: { x: 1 } }]);
  });
});

describe("diffResources", () => {
  it("keys by type and name: missing, extra and changed", () => {
    const kuma = toResourceMap([entry(LISTENER, "a", { name: "a" }), entry(CLUSTER, "a", { name: "a", connectTimeout: "5s" }), entry(CLUSTER, "k", {})], "kuma");
    const meshsim = toResourceMap([entry(LISTENER, "a", { name: "a" }), entry(CLUSTER, "a", { name: "a", connectTimeout: "10s" }), entry(LISTENER, "k", {})], "meshsim");
    const d = diffResources(kuma, meshsim);
    expect(d.map((x) => [x.kind, x.typeUrl.split(".").pop(), x.name])).toEqual([
      ["changed", "Cluster", "a"],
      ["missing", "Cluster", "k"],
      ["extra", "Listener", "k"],
    ]);
    expect(d[0]!.fields).toEqual([{ pointer: "/connectTimeout", inKuma: true, inMeshsim: true, kuma: "5s", meshsim: "10s" }]);
  });

  it("refuses two resources with one type and name", () => {
    expect(() => toResourceMap([entry(CLUSTER, "a", {}), entry(CLUSTER, "a", {})], "golden x")).toThrow(/duplicate Cluster "a"/);
  });
});

describe("masks", () => {
  const maps = (k: unknown, m?: unknown) => ({
    kuma: new Map([[`${LISTENER}\u0000l`, entry(LISTENER, "l", k)]]),
    meshsim: new Map(m === undefined ? [] : [[`${LISTENER}\u0000l`, entry(LISTENER, "l", m)]]),
  });
  const mask = (pointer: string, extra: Partial<MaskSpec> = {}): MaskSpec => ({ typeUrl: LISTENER, name: "l", pointer, reason: "why", ...extra });
  const chain = (filters: string[], cidr: number) => ({ filters: [{ typedConfig: { httpFilters: filters.map((name) => ({ name })), cidr } }] });

  it("expands `*` tokens into concrete, escaped pointers", () => {
    expect(expandPointer({ a: [{ "x/y": 1 }, { "x/y": 2 }, {}] }, "/a/*/x~1y")).toEqual(["/a/0/x~1y", "/a/1/x~1y"]);
  });

  it("never hides a whole resource", () => {
    const { kuma, meshsim } = maps({ a: 1 }, { a: 2 });
    expect(() => applyMasks(kuma, meshsim, [mask("")])).toThrow(/whole resource/);
    expect(() => applyMasks(kuma, meshsim, [mask("/")])).toThrow(/whole resource/);
  });

  it("refuses stale masks: an unknown resource, a pointer or a `where` that matches nothing", () => {
    const { kuma, meshsim } = maps({ a: [{ name: "x" }] }, { a: [] });
    expect(() => applyMasks(kuma, meshsim, [{ ...mask("/a"), name: "other" }])).toThrow(/does not have/);
    expect(() => applyMasks(kuma, meshsim, [mask("/b")])).toThrow(/matches nothing/);
    expect(() => applyMasks(kuma, meshsim, [mask("/a/*", { where: { pointer: "/name", equals: "y" } })])).toThrow(/matches nothing/);
  });

  it("removes a field from both sides and reports every concrete pointer; the rest stays compared", () => {
    const { kuma, meshsim } = maps({ c: [chain(["r"], 1), chain(["r"], 2)], keep: 1 }, { c: [chain(["r"], 9), chain(["r"], 9)], keep: 2 });
    const applied = applyMasks(kuma, meshsim, [mask("/c/*/filters/*/typedConfig/cidr")]);
    expect(applied.map((a) => [a.pointer, a.side])).toEqual([
      ["/c/0/filters/0/typedConfig/cidr", "both"],
      ["/c/1/filters/0/typedConfig/cidr", "both"],
    ]);
    const d = diffResources(kuma, meshsim);
    expect(d.flatMap((x) => x.fields.map((f) => f.pointer))).toEqual(["/keep"]);
  });

  it("side kuma drops only Kuma's selected elements, so the remaining ones and meshsim's extras are still compared", () => {
    const { kuma, meshsim } = maps({ f: [{ name: "fault" }, { name: "rl" }, { name: "router", v: 1 }] }, { f: [{ name: "router", v: 1 }] });
    const masks = [mask("/f/*", { where: { pointer: "/name", equals: "fault" }, side: "kuma" }), mask("/f/*", { where: { pointer: "/name", equals: "rl" }, side: "kuma" })];
    expect(applyMasks(kuma, meshsim, masks).map((a) => a.pointer)).toEqual(["/f/0", "/f/1"]);
    expect(diffResources(kuma, meshsim)).toEqual([]);

    const other = maps({ f: [{ name: "fault" }, { name: "router", v: 1 }] }, { f: [{ name: "fault" }, { name: "router", v: 2 }] });
    applyMasks(other.kuma, other.meshsim, [masks[0]!]);
    const fields = diffResources(other.kuma, other.meshsim)[0]!.fields;
    expect(fields.map((f) => f.pointer)).toEqual(["/0/name", "/0/v", "/1"].map((p) => `/f${p}`));
  });
});

describe("golden files", () => {
  const dir = mkdtempSync(join(tmpdir(), "conformance-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it("reads Delta-response YAML, `{}` as no resources, keeping strings that look like addresses", () => {
    expect(readDeltaYaml(file("empty.yaml", "{}\n"))).toEqual([]);
    const r = readDeltaYaml(
      file("one.yaml", `resources:\n- name: c\n  resource:\n    '@type': ${CLUSTER}\n    name: c\n    connectTimeout: 5s\n    upstreamBindConfig:\n      sourceAddress:\n        address: ::6\n        portValue: 0\n`),
    );
    expect(r).toEqual([entry(CLUSTER, "c", { "@type": CLUSTER, name: "c", connectTimeout: "5s", upstreamBindConfig: { sourceAddress: { address: "::6", portValue: 0 } } })]);
  });

  it("rejects malformed goldens instead of comparing less", () => {
    expect(() => readDeltaYaml(file("notype.yaml", "resources:\n- name: c\n  resource:\n    name: c\n"))).toThrow(/no @type/);
    expect(() => readDeltaYaml(file("extra.yaml", "resources: []\nnonce: x\n"))).toThrow(/unexpected top-level keys/);
    expect(() => readDeltaYaml(file("dup.yaml", "resources: []\nresources: []\n"))).toThrow();
  });

  it("reads e2e dumps keyed by type URL and name", () => {
    const r = readInspectJson(file("d.json", JSON.stringify({ diff: [], xds: { [CLUSTER]: { c: { name: "c" } } } })));
    expect(r).toEqual([entry(CLUSTER, "c", { name: "c" })]);
  });

  it("maps golden versions to meshsim minors and the release they name, and skips unmodelled versions", () => {
    expect(resolveGoldenVersion("2.5.0")).toEqual({ minor: "2.5", release: "2.5.0" });
    expect(resolveGoldenVersion("v2.13.10")).toEqual({ minor: "2.13", release: "2.13.10" });
    expect(resolveGoldenVersion("v2.14.3")).toEqual({ minor: "2.14", release: "2.14.3" });
    expect(resolveGoldenVersion("v2.9.13")).toEqual({ minor: "2.9", release: "2.9.13" });
    expect(resolveGoldenVersion("v3.0.0")).toEqual({ minor: "3.0", release: "3.0.0" });
    expect(resolveGoldenVersion("v2.4.0")).toHaveProperty("skip");
    expect(resolveGoldenVersion("v3.1.0")).toHaveProperty("skip");
  });

  it("git blob ids are git's (the empty blob and `{}\\n` as `git hash-object` gives them)", () => {
    expect(gitBlobId(new Uint8Array())).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    expect(gitBlobId(new TextEncoder().encode("{}\n"))).toBe("0967ef424bce6791893e9a57bb952f80fd536e93");
  });

  it("maps HEAD goldens to the 3.0 profile only when they are Kuma's files at the 3.0 line's commit 348b6528bc", () => {
    // A HEAD-<sha> name carries its commit: the line's commit (any prefix of 7+ hex digits) is the 3.0 profile.
    expect(resolveGoldenVersion("HEAD-348b6528")).toEqual({ minor: "3.0", release: "3.0.0" });
    expect(resolveGoldenVersion("HEAD-348b6528bc234b3c4bd7f22ad7c5bf950d6149fc")).toEqual({ minor: "3.0", release: "3.0.0" });
    expect(resolveGoldenVersion("HEAD-0123456789")).toEqual({
      skip: "HEAD-0123456789 is Kuma's development line at commit 0123456789, not the 3.0 line's commit 348b6528bc that meshsim's 3.0 profile (3.0.0-dev+348b6528bc) follows",
    });
    // A plain HEAD names no commit: only a recorded file whose bytes are Kuma's file at 348b6528bc counts.
    expect(resolveGoldenVersion("HEAD")).toHaveProperty("skip");
    const key = "mpp/HEAD__plugin-testdata__zone-egress-listener-patch.clusters.golden.yaml";
    // At kumahq/kuma@348b6528bc pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/testdata/zone-egress-listener-patch.clusters.golden.yaml is `{}\n`.
    expect(HEAD_GOLDENS[key]).toEqual({ kumaPath: "pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/testdata/zone-egress-listener-patch.clusters.golden.yaml", blob: "0967ef424bce6791893e9a57bb952f80fd536e93" });
    expect(resolveGoldenVersion("HEAD", { file: key, abs: file("head-same.yaml", "{}\n") })).toEqual({ minor: "3.0", release: "3.0.0", kumaPath: HEAD_GOLDENS[key]!.kumaPath });
    const other = resolveGoldenVersion("HEAD", { file: key, abs: file("head-other.yaml", "resources: []\n") });
    expect(other).toHaveProperty("skip");
    expect("skip" in other && other.skip).toMatch(/^mpp\/HEAD__plugin-testdata__zone-egress-listener-patch\.clusters\.golden\.yaml is not byte-identical to kumahq\/kuma@348b6528bc /);
    expect(resolveGoldenVersion("HEAD", { file: "mpp/HEAD__unrecorded.yaml", abs: file("head-unrecorded.yaml", "{}\n") })).toHaveProperty("skip");
  });

  it("splits <version>__<suite>__<case> names", () => {
    expect(splitGoldenName("tp/v2.14.3__e2e-universal-envoyconfig__meshretry__no-policies.demo-client.golden.json")).toEqual({
      version: "v2.14.3",
      suite: "e2e-universal-envoyconfig",
      rest: "meshretry__no-policies.demo-client.golden.json",
    });
    expect(splitGoldenName("v2.14.3__meshproxypatch-rest-openapi.yaml")).toBeUndefined();
  });
});

describe("Kuma's e2e redaction", () => {
  it("replaces IPv4 and IPv6 addresses and every statPrefix, and leaves resource names alone", () => {
    const out = JSON.parse(
      redactE2eJson(JSON.stringify({ a: "0.0.0.0", b: "::", c: "::6", d: "127.0.0.6", n: "outbound:passthrough:ipv6", s: { statPrefix: "outbound_passthrough_ipv4" }, l: "inbound:10.0.0.1:3000" })),
    );
    expect(out).toEqual({ a: "IP_REDACTED", b: "IP_REDACTED", c: "IP_REDACTED", d: "IP_REDACTED", n: "outbound:passthrough:ipv6", s: { statPrefix: "STAT_PREFIX_REDACTED" }, l: "inbound:IP_REDACTED:3000" });
  });
});

describe("runSuite", () => {
  const root = mkdtempSync(join(tmpdir(), "conformance-suite-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const g = join(root, "s");
  const mk = (plan: Suite["plan"]): Suite => ({ name: "s", dir: "s", title: "t", plan });

  it("gives every file one outcome and never drops an excluded resource silently", async () => {
    mkdirSync(g, { recursive: true });
    for (const f of ["a", "b", "c", "d", "e"]) writeFileSync(join(g, f), "");
    const kuma = [entry(LISTENER, "l", { x: 1 }), entry(LISTENER, "strict", { y: 1 })];
    const suite = mk((f) => {
      switch (f) {
        case "a":
          return { kind: "skip", reason: "HEAD" };
        case "b":
          return { kind: "not-covered", reason: "gap", attempt: () => ({ kuma, meshsim: [entry(LISTENER, "l", { x: 1 })] }) };
        case "c":
          return { kind: "compare", describe: "ok", run: () => ({ kuma, meshsim: [entry(LISTENER, "l", { x: 1 })], excluded: [{ typeUrl: LISTENER, name: "strict", reason: "gap" }] }) };
        case "d":
          return { kind: "compare", describe: "bad exclusion", run: () => ({ kuma, meshsim: kuma, excluded: [{ typeUrl: LISTENER, name: "nope", reason: "gap" }] }) };
        default:
          return { kind: "compare", describe: "throws", run: () => { throw new Error("boom"); } };
      }
    });
    const out = await runSuite(suite, root, { all: false });
    expect(out.map((o) => [o.file, o.kind])).toEqual([
      ["s/a", "skipped"],
      ["s/b", "not-covered"],
      ["s/c", "compared"],
      ["s/d", "error"],
      ["s/e", "error"],
    ]);
    const c = out[2]!;
    expect(c.kind === "compared" && c.diffs.length === 0 && c.excluded.map((x) => x.name)).toEqual(["strict"]);

    const all = await runSuite(suite, root, { all: true });
    const b = all[1]!;
    const cAll = all[2]!;
    expect(b.kind === "compared" && b.diffs.map((d) => [d.kind, d.name])).toEqual([["missing", "strict"]]);
    expect(cAll.kind === "compared" && cAll.diffs.map((d) => [d.kind, d.name])).toEqual([["missing", "strict"]]);
  });

  it("reports masked fields and golden inputs, refuses bad ones, and compares masked fields under --all", async () => {
    const dir = join(root, "m");
    mkdirSync(dir, { recursive: true });
    for (const f of ["ok", "whole", "stale-input"]) writeFileSync(join(dir, f), "");
    const kuma = [entry(LISTENER, "l", { a: 1, b: 2, rules: {} })];
    const meshsim = [entry(LISTENER, "l", { a: 1, b: 3, rules: {} })];
    const fromGolden = [{ typeUrl: LISTENER, name: "l", pointer: "/rules", reason: "rbac" }];
    const suite: Suite = {
      name: "m",
      dir: "m",
      title: "t",
      plan: (f) => ({
        kind: "compare",
        describe: f,
        run: () => ({
          kuma,
          meshsim,
          masks: [{ typeUrl: LISTENER, name: "l", pointer: f === "whole" ? "" : "/b", reason: "test value" }],
          fromGolden: f === "stale-input" ? [{ ...fromGolden[0]!, pointer: "/nope" }] : fromGolden,
        }),
      }),
    };
    const out = await runSuite(suite, root, { all: false });
    expect(out.map((o) => [o.file, o.kind])).toEqual([
      ["m/ok", "compared"],
      ["m/stale-input", "error"],
      ["m/whole", "error"],
    ]);
    const ok = out[0]!;
    expect(ok.kind === "compared" && [ok.diffs.length, ok.masked.map((m) => m.pointer), ok.fromGolden.map((g) => g.pointer)]).toEqual([0, ["/b"], ["/rules"]]);
    const all = (await runSuite(suite, root, { all: true }))[0]!;
    expect(all.kind === "compared" && [all.masked.length, all.diffs.flatMap((d) => d.fields.map((f) => f.pointer))]).toEqual([0, ["/b"]]);
  });
});
