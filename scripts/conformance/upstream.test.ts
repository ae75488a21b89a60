/**
 * `--kuma-src` on a tiny Kuma-shaped repository built here (git init, two tagged releases), so CI, which has
 * no Kuma mirror, exercises the upstream runner: tags with and without `v`, a checkout and a bare mirror,
 * the input check between tags, and the per-suite, per-tag table. The figures and reasons below are
 * written by hand from the fixture; the fixture's goldens are small hand-written ones (01 is Kuma's empty
 * answer for an Entry without transparent proxying; 04 is deliberately empty so that meshsim's IPv4
 * passthrough resources show as differences) or copied from Kuma (the MeshCircuitBreaker cluster).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstDifference, goCaseSource, goEntries, goItSource, normalizeGo } from "./lib/go-source.js";
import { listTags, openKumaSource, tagOf } from "./lib/kuma-src.js";
import { revisionOf, runUpstream, tableOf, upstreamReleases, type TableRow } from "./lib/upstream.js";
import { releaseLabel } from "../../src/core/model/versions.js";
import { UPSTREAM_SUITES } from "./upstream/suites.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const TP_TEST = "pkg/xds/generator/transparent_proxy_generator_test.go";

/** A Go table test in the shape of Kuma's, `ipFamily` being what entry 04 sets. */
function tpTest(ipFamily: string): string {
  return `package generator_test

import (
\t. "github.com/onsi/ginkgo/v2"
)

var _ = Describe("TransparentProxyGenerator", func() {
\ttype testCase struct {
\t\tproxy    *model.Proxy
\t\texpected string
\t}

\tDescribeTable("Generate Envoy xDS resources",
\t\tfunc(given testCase) {
\t\t\t// comments and whitespace are not part of the input
\t\t\tExpect(actual).To(MatchGoldenYAML(filepath.Join("testdata", "transparent-proxy", given.expected)))
\t\t},
\t\tEntry("transparent_proxying=false", testCase{
\t\t\tproxy:    &model.Proxy{Id: *model.BuildProxyId("", "side-car")},
\t\t\texpected: "01.envoy.golden.yaml",
\t\t}),
\t\tEntry("transparent_proxying=true ipv6 disabled (a \\"quoted\\" title)", testCase{
\t\t\tproxy:    tp(mesh_proto.Dataplane_Networking_TransparentProxying_${ipFamily}, "(", ")"),
\t\t\texpected: "04.envoy.golden.yaml",
\t\t}),
\t)
})
`;
}

/** A mod test table: one entry read and compared (Kuma's cluster `Add` semantics), one without modifications. */
const MOD_TEST = `package v1alpha1_test

var _ = Describe("Cluster modifications", func() {
\tDescribeTable("should apply modifications",
\t\tfunc(given testCase) {},
\t\tEntry("should add cluster", testCase{
\t\t\tmodifications: []string{
\t\t\t\t\`
                cluster:
                   operation: Add
                   value: |
                     name: test:cluster
                     type: EDS\`,
\t\t\t},
\t\t\texpected: \`
            resources:
            - name: test:cluster
              resource:
                '@type': type.googleapis.com/envoy.config.cluster.v3.Cluster
                name: test:cluster
                type: EDS\`,
\t\t}),
\t\tEntry("should remove cluster (with a paren in a string: \\")\\")", testCase{expected: \`{}\`}),
\t)
})
`;

/** A MeshAccessLog plugin table with one Entry (the golden names it), shaped like kumahq/kuma's plugin_test.go. */
const MAL_TEST = `package v1alpha1_test

var _ = Describe("MeshAccessLog", func() {
\tDescribeTable("should generate proper Envoy config",
\t\tfunc(given sidecarTestCase) {},
\t\tEntry("outbound tcpproxy with file backend and default format", sidecarTestCase{
\t\t\tresources: []core_xds.Resource{outboundServiceTCPListener("other-service-tcp", 37777)},
\t\t\texpectedListeners: []string{"outbound_file_backend_default_format.listener.golden.yaml"},
\t\t}),
\t)
})
`;

const MCB_DIR = "pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1";

/**
 * plugin_test.go of MeshCircuitBreaker with the Entry "basic outbound cluster with connection limits" as at
 * kumahq/kuma@v2.14.3 (`limits` being its conf), and the gateway Entry naming the same golden, which is no input of it.
 */
function mcbTest(limits: string): string {
  return `package v1alpha1_test

var _ = Describe("MeshCircuitBreaker", func() {
\tDescribeTable("should generate proper Envoy config",
\t\tfunc(given sidecarTestCase) {},
\t\tEntry("basic outbound cluster with connection limits", sidecarTestCase{
\t\t\tresources: []*core_xds.Resource{
\t\t\t\t{
\t\t\t\t\tName:     "outbound",
\t\t\t\t\tOrigin:   metadata.OriginOutbound,
\t\t\t\t\tResource: test_xds.ClusterWithName("other-service"),
\t\t\t\t},
\t\t\t},
\t\t\ttoRules: core_rules.ToRules{
\t\t\t\tRules: []*core_rules.Rule{
\t\t\t\t\t{
\t\t\t\t\t\tSubset: subsetutils.Subset{subsetutils.Tag{
\t\t\t\t\t\t\tKey:   mesh_proto.ServiceTag,
\t\t\t\t\t\t\tValue: "other-service",
\t\t\t\t\t\t}},
\t\t\t\t\t\tConf: api.Conf{
\t\t\t\t\t\t\tConnectionLimits: ${limits},
\t\t\t\t\t\t},
\t\t\t\t\t},
\t\t\t\t},
\t\t\t},
\t\t\texpectedCluster: []string{"outbound_cluster_connection_limits.golden.yaml"},
\t\t}),
\t\tEntry("a later entry meshsim has no input for", sidecarTestCase{
\t\t\texpectedCluster: []string{"outbound_cluster_later.golden.yaml"},
\t\t}),
\t)
})
`;
}

/** kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/testdata/outbound_cluster_connection_limits.golden.yaml */
const MCB_GOLDEN = `circuitBreakers:
  thresholds:
  - maxConnectionPools: 1111
    maxConnections: 2222
    maxPendingRequests: 3333
    maxRequests: 4444
    maxRetries: 5555
    trackRemaining: true
name: other-service
`;

const MAL_DIR = "pkg/plugins/policies/meshaccesslog/plugin/v1alpha1";
/**
 * kumahq/kuma@v2.14.3 pkg/plugins/policies/meshaccesslog/plugin/v1alpha1/testdata/outbound_file_backend_default_format.listener.golden.yaml
 * (a bare Listener, util_proto.ToYAML), retyped, with the access log's path as `path`.
 */
function malGolden(path: string): string {
  return [
    "address:",
    "  socketAddress:",
    "    address: 127.0.0.1",
    "    portValue: 37777",
    "filterChains:",
    "- filters:",
    "  - name: envoy.filters.network.tcp_proxy",
    "    typedConfig:",
    "      '@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
    "      accessLog:",
    "      - name: envoy.access_loggers.file",
    "        typedConfig:",
    "          '@type': type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
    "          logFormat:",
    "            textFormatSource:",
    "              inlineString: |",
    "                [%START_TIME%] %RESPONSE_FLAGS% default 127.0.0.1(backend)->%UPSTREAM_HOST%(other-service-tcp) took %DURATION%ms, sent %BYTES_SENT% bytes, received: %BYTES_RECEIVED% bytes",
    `          path: ${path}`,
    "      cluster: other-service-tcp",
    "      statPrefix: other-service-tcp",
    "metadata:",
    "  filterMetadata:",
    "    io.kuma.tags: {}",
    "name: outbound:127.0.0.1:37777",
    "trafficDirection: OUTBOUND",
    "",
  ].join("\n");
}

const SIDECARS_GO = "test/e2e_env/universal/envoyconfig/sidecars.go";
const E2E_SIDECARS = "test/e2e_env/universal/envoyconfig/testdata/sidecars";
/** kumahq/kuma@v2.14.3 test/e2e_env/universal/envoyconfig/testdata/sidecars/meshtimeout/outbound.demo-client.golden.json, two of its resources. */
const E2E_PASSTHROUGH_IPV4 = {
  "type.googleapis.com/envoy.config.cluster.v3.Cluster": {
    "outbound:passthrough:ipv4": { altStatName: "outbound_passthrough_ipv4", circuitBreakers: { thresholds: [{ trackRemaining: true }] }, connectTimeout: "5s", lbPolicy: "CLUSTER_PROVIDED", name: "outbound:passthrough:ipv4", type: "ORIGINAL_DST" },
  },
  "type.googleapis.com/envoy.config.listener.v3.Listener": {
    "outbound:passthrough:ipv4": {
      address: { socketAddress: { address: "IP_REDACTED", portValue: 15001 } },
      filterChains: [{ filters: [{ name: "envoy.filters.network.tcp_proxy", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", cluster: "outbound:passthrough:ipv4", statPrefix: "STAT_PREFIX_REDACTED" } }] }],
      name: "outbound:passthrough:ipv4",
      trafficDirection: "OUTBOUND",
      useOriginalDst: true,
    },
  },
};

let root: string;
let checkout: string;
let bare: string;
let tagged: string;
let line30: string;

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.name=meshsim-test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", ...args], {
    cwd,
    stdio: "ignore",
  });
}

function write(rel: string, text: string): void {
  const abs = join(checkout, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "meshsim-fixture-kuma-"));
  checkout = join(root, "kuma");
  bare = join(root, "kuma.git");
  tagged = join(root, "kuma-tagged.git");
  mkdirSync(checkout);
  git(checkout, "init", "-q");
  // Release 2.13.0 (tag without "v", as Kuma's older tags): entry 04 is DualStack there, not IPv4.
  write(TP_TEST, tpTest("DualStack"));
  write("pkg/xds/generator/testdata/transparent-proxy/01.envoy.golden.yaml", "{}\n");
  write("pkg/xds/generator/testdata/transparent-proxy/04.envoy.golden.yaml", "{}\n");
  write("pkg/xds/generator/testdata/inbound-proxy/1-dataplane.input.yaml", "networking:\n  address: 192.168.0.1\n");
  write("pkg/xds/generator/testdata/inbound-proxy/1-envoy-config.golden.yaml", "{}\n");
  write("pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/cluster_mod_test.go", MOD_TEST);
  // The MeshAccessLog Entry as at v2.14.3, its golden with another path than the Entry's /tmp/log: a difference.
  write(`${MAL_DIR}/plugin_test.go`, MAL_TEST);
  write(`${MAL_DIR}/testdata/outbound_file_backend_default_format.listener.golden.yaml`, malGolden("/tmp/other.log"));
  // A MeshCircuitBreaker Entry whose conf is not as at v2.14.3, where its input was transcribed.
  write(`${MCB_DIR}/plugin_test.go`, mcbTest("genOtherConnectionLimits()"));
  write(`${MCB_DIR}/testdata/outbound_cluster_connection_limits.golden.yaml`, MCB_GOLDEN);
  git(checkout, "add", "-A");
  git(checkout, "commit", "-q", "-m", "2.13.0");
  git(checkout, "tag", "2.13.0");
  // Release 2.14.3: entry 04 is IPv4 (as transcribed), a MeshTimeout inbound and a gateway golden, a zone-proxy dump.
  write(TP_TEST, tpTest("IPv4"));
  write("pkg/plugins/policies/meshtimeout/plugin/testdata/default_inbound_listener.golden.yaml", "{}\n");
  write("pkg/plugins/policies/meshtimeout/plugin/testdata/basic.gateway.listener.golden.yaml", "{}\n");
  write(`${MAL_DIR}/testdata/outbound_file_backend_default_format.listener.golden.yaml`, malGolden("/tmp/log"));
  write(`${MAL_DIR}/testdata/basic-gateway.gateway.listener.golden.yaml`, "{}\n");
  write("test/e2e_env/universal/envoyconfig/testdata/zoneproxies/meshtimeout/basic.zone-proxy-demo-client.golden.json", '{"xds":{}}\n');
  // MeshCircuitBreaker: the Entry as transcribed (compared), one without input, a gateway golden.
  write(`${MCB_DIR}/plugin_test.go`, mcbTest("genConnectionLimits()"));
  write(`${MCB_DIR}/testdata/outbound_cluster_later.golden.yaml`, "name: other-service\n");
  write(`${MCB_DIR}/testdata/basic.gateway_cluster.golden.yaml`, "name: other-service\n");
  // A sidecar dump with no case of its own: the cluster as sidecars.go sets it up plus the dump's input YAML. The golden
  // holds only the IPv4 outbound passthrough listener and cluster of kumahq/kuma@v2.14.3's sidecars/meshtimeout/outbound dump.
  write(SIDECARS_GO, "package envoyconfig\n\nfunc SetupSidecarCluster() {\n\terr := NewClusterSetup().Setup(universal.Cluster)\n}\n");
  write(`${E2E_SIDECARS}/meshtimeout/outbound.input.yaml`, "type: MeshTimeout\nname: mt-1\nmesh: envoyconfig\nspec:\n  to:\n    - targetRef: {kind: MeshService, name: test-server}\n      default: {idleTimeout: 50s}\n");
  write(`${E2E_SIDECARS}/meshtimeout/outbound.demo-client.golden.json`, JSON.stringify({ xds: E2E_PASSTHROUGH_IPV4 }));
  git(checkout, "add", "-A");
  git(checkout, "commit", "-q", "-m", "2.14.3");
  git(checkout, "tag", "v2.14.3");
  // A stale un-prefixed tag on the first commit: the runner must prefer v2.14.3.
  git(checkout, "tag", "2.14.3", "HEAD~1");
  // The 3.0 line's commit, untagged (as kumahq/kuma has no 3.0 tag): the same files as v2.14.3.
  git(checkout, "commit", "-q", "--allow-empty", "-m", "3.0 line");
  line30 = execFileSync("git", ["rev-parse", "HEAD"], { cwd: checkout, encoding: "utf8" }).trim();
  git(root, "clone", "-q", "--bare", checkout, bare);
  // A mirror that also holds a released v3.0.0 tag on that commit.
  git(root, "clone", "-q", "--bare", checkout, tagged);
  git(tagged, "tag", "v3.0.0", line30);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("Go test sources", () => {
  it("finds the Entry by a string literal, skipping parens inside strings, and drops comments and spacing", () => {
    const t = tpTest("IPv4");
    expect(goEntries(t)).toHaveLength(2);
    const s = goCaseSource(t, "04.envoy.golden.yaml")!;
    expect(s).toContain('tp(mesh_proto.Dataplane_Networking_TransparentProxying_IPv4, "(", ")"), expected: "04.envoy.golden.yaml", })');
    expect(s).not.toContain("01.envoy.golden.yaml");
    expect(s).not.toContain("comments and whitespace");
    expect(goCaseSource(t, "09.envoy.golden.yaml")).toBeUndefined();
    expect(normalizeGo("a  //x\n\tb /* y */ `c  d`")).toBe("a b `c  d`");
    // An It is found by its title, not inside a string literal nor as the tail of another identifier.
    const its = 'x := "It(\\"t\\", no)"\nfooIt("t", no)\nIt("t", func() {\n\tExpect(f(")")).To(Succeed()) // done\n})\n';
    expect(goItSource(its, "t")).toBe('It("t", func() { Expect(f(")")).To(Succeed()) })');
    expect(goItSource(its, "u")).toBeUndefined();
    expect(goEntries(MOD_TEST)).toHaveLength(2);
    expect(firstDifference("a b c", "a b d")).toBe('"a b c" where it reads "a b d"');
  });
});

describe("upstream runner on a fixture Kuma repository", () => {
  it("prefers vX.Y.Z tags and compares the .0 and newest patch of every supported minor", () => {
    expect(tagOf(new Set(["2.14.3", "v2.14.3"]), "2.14.3")).toBe("v2.14.3");
    expect(tagOf(new Set(["2.5.0"]), "2.5.0")).toBe("2.5.0");
    expect(tagOf(new Set(["v2.5.0"]), "2.5.1")).toBeUndefined();
    const r = upstreamReleases().map((x) => x.release);
    // Ten minors 2.5-2.14 with a .0 and a newer patch each, and 3.0, whose only release is its line (3.0.0).
    expect(r).toHaveLength(21);
    expect(r.slice(0, 2)).toEqual(["2.5.0", "2.5.11"]);
    expect(r.slice(-3)).toEqual(["2.14.0", "2.14.3", "3.0.0"]);
  });

  it("reads 3.0 at the line's commit, named as answers name it, unless a real v3.0.x tag exists", () => {
    const src = openKumaSource(bare);
    const line = { "3.0": { commit: line30 } };
    expect(revisionOf(src, listTags(src), "3.0", "3.0.0", line)).toEqual({ ref: line30, label: `3.0.0-dev+${line30.slice(0, 10)}` });
    // The label has the form of releaseLabel's, which names the real line commit 348b6528bc.
    expect(releaseLabel("3.0.0")).toBe("3.0.0-dev+348b6528bc");
    // The fixture does not hold kumahq/kuma's 348b6528bc: no revision, and the note says why.
    expect(revisionOf(src, listTags(src), "3.0", "3.0.0")).toEqual({ absent: "no tag v3.0.0 or 3.0.0 in the Kuma source, nor the 3.0 line's commit 348b6528bc" });
    // Tagged releases are read at their tag, as before.
    expect(revisionOf(src, listTags(src), "2.14", "2.14.3", line)).toEqual({ ref: "v2.14.3", label: "v2.14.3" });
    const withTag = openKumaSource(tagged);
    expect(revisionOf(withTag, listTags(withTag), "3.0", "3.0.0", line)).toEqual({ ref: "v3.0.0", label: "v3.0.0" });
  });

  it("runs the 3.0 line's commit at the 3.0 profile (unified names always), and a v3.0.0 tag instead when there is one", async () => {
    const opts = { all: false, suites: ["transparent-proxy"], lineCommits: { "3.0": { commit: line30 } } } as const;
    const label = `3.0.0-dev+${line30.slice(0, 10)}`;
    const runs = await runUpstream(openKumaSource(bare), UPSTREAM_SUITES, repoRoot, opts);
    const run30 = runs.find((r) => r.release === "3.0.0")!;
    expect([run30.tag, run30.ref]).toEqual([label, line30]);
    // The commit has v2.14.3's files: 01 matches (no resources), 04 (empty golden) shows meshsim's IPv4 resources
    // at 3.0, where naming is always unified (kumahq/kuma@348b6528bc transparent_proxy_generator.go).
    expect(tableOf([run30])).toEqual([{ suite: "transparent-proxy", tag: label, matched: 1, compared: 2, notCovered: 0, skipped: 0 }]);
    const tp04 = run30.outcomes.find((o) => o.file === `${label}/transparent-proxy/04.envoy.golden.yaml`);
    if (tp04?.kind !== "compared") throw new Error(`04 at the 3.0 commit was not compared: ${JSON.stringify(tp04)}`);
    expect(tp04.diffs.map((d) => [d.kind, d.typeUrl.split(".").pop(), d.name])).toEqual([
      ["extra", "Cluster", "self_transparentproxy_no_destination_inbound"],
      ["extra", "Cluster", "self_transparentproxy_passthrough_inbound_ipv4"],
      ["extra", "Cluster", "self_transparentproxy_passthrough_outbound_ipv4"],
      ["extra", "Listener", "self_transparentproxy_passthrough_inbound_ipv4"],
      ["extra", "Listener", "self_transparentproxy_passthrough_outbound_ipv4"],
    ]);
    const tagRuns = await runUpstream(openKumaSource(tagged), UPSTREAM_SUITES, repoRoot, opts);
    const tagged30 = tagRuns.find((r) => r.release === "3.0.0")!;
    expect([tagged30.tag, tagged30.ref]).toEqual(["v3.0.0", "v3.0.0"]);
    expect(tableOf([tagged30])[0]).toMatchObject({ tag: "v3.0.0", matched: 1, compared: 2 });
  });

  it("reads MeshCircuitBreaker goldens at the 3.0 line with the 3.0 table, whose inputs were checked at kumahq/kuma's line commit only", async () => {
    const opts = { all: false, suites: ["meshcircuitbreaker"], lineCommits: { "3.0": { commit: line30 } } } as const;
    const label = `3.0.0-dev+${line30.slice(0, 10)}`;
    const run30 = (await runUpstream(openKumaSource(bare), UPSTREAM_SUITES, repoRoot, opts)).find((r) => r.release === "3.0.0")!;
    // The fixture's commit is not 348b6528bc, where cases/meshcircuitbreaker.ts CASES_30 was transcribed: its Entry
    // cannot be checked, so it is not compared; the gateway golden and a golden without a 3.0 input keep their reasons.
    expect(run30.outcomes.map((o) => [o.file.split("/").pop(), o.kind === "not-covered" ? o.reason : o.kind])).toEqual([
      ["basic.gateway_cluster.golden.yaml", "MeshCircuitBreaker builtin-gateway golden basic.gateway_cluster.golden.yaml: meshsim generates no builtin (MeshGateway) gateway config"],
      [
        "outbound_cluster_connection_limits.golden.yaml",
        `input cannot be checked at ${line30}: none of the tags pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/plugin_test.go Entry naming "outbound_cluster_connection_limits.golden.yaml" was transcribed at (348b6528bc234b3c4bd7f22ad7c5bf950d6149fc) is in the Kuma source`,
      ],
      ["outbound_cluster_later.golden.yaml", 'no input is known for MeshCircuitBreaker plugin golden "outbound_cluster_later.golden.yaml" at the 3.0 line'],
    ]);
    expect(tableOf([run30])).toEqual([{ suite: "meshcircuitbreaker", tag: label, matched: 0, compared: 0, notCovered: 3, skipped: 0 }]);
  });

  it("tells a checkout from a bare mirror and refuses anything else", () => {
    expect(openKumaSource(checkout).kind).toBe("checkout");
    expect(openKumaSource(bare).kind).toBe("bare");
    expect(() => openKumaSource(join(root, "missing"))).toThrow(/does not exist/);
    const empty = join(root, "empty");
    mkdirSync(empty, { recursive: true });
    expect(() => openKumaSource(empty)).toThrow(/neither a Kuma checkout nor a bare git repository/);
  });

  it("gives every file at each tag one outcome, with the reasons and the table written by hand", async () => {
    const runs = await runUpstream(openKumaSource(bare), UPSTREAM_SUITES, repoRoot, { all: false, suites: [] });
    const row = (suite: string, tag: string): TableRow | undefined => tableOf(runs).find((r) => r.suite === suite && r.tag === tag);
    const outcomes = (suite: string, tag: string) => runs.find((r) => r.suite === suite && r.tag === tag)!.outcomes;

    // Tags the fixture lacks, and directories a tag lacks, are rows with a note and no outcome.
    expect(row("transparent-proxy", "2.5.0")).toMatchObject({ note: "no tag v2.5.0 or 2.5.0 in the Kuma source", compared: 0 });
    expect(row("meshtimeout", "2.13.0")?.note).toBe("pkg/plugins/policies/meshtimeout/plugin/testdata, pkg/plugins/policies/meshtimeout/plugin/v1alpha1/testdata not at 2.13.0");

    // 2.13.0: 01 has the same Entry and test code as at v2.14.3 (compared, matched); 04 does not.
    expect(row("transparent-proxy", "2.13.0")).toEqual({ suite: "transparent-proxy", tag: "2.13.0", matched: 1, compared: 1, notCovered: 1, skipped: 0 });
    const tp13 = outcomes("transparent-proxy", "2.13.0");
    expect(tp13.find((o) => o.file.endsWith("/01.envoy.golden.yaml"))).toMatchObject({ kind: "compared", resources: 0, diffs: [] });
    expect(tp13.find((o) => o.file.endsWith("/04.envoy.golden.yaml"))).toEqual({
      file: "2.13.0/transparent-proxy/04.envoy.golden.yaml",
      kind: "not-covered",
      reason:
        'input differs at 2.13.0: pkg/xds/generator/transparent_proxy_generator_test.go Entry naming "04.envoy.golden.yaml" is not as at v2.14.3: ' +
        '"title)", testCase{ proxy: tp(mesh_proto.Dataplane_Networking_TransparentProxying_DualStack, "(", ")"), expected: "04.envoy.golden.yaml", })" where it reads ' +
        '"title)", testCase{ proxy: tp(mesh_proto.Dataplane_Networking_TransparentProxying_IPv4, "(", ")"), expected: "04.envoy.golden.yaml", })"',
    });

    // v2.14.3 (the v tag, not the stale 2.14.3): 04 is compared; meshsim's IPv4 passthrough resources are extra.
    expect(row("transparent-proxy", "v2.14.3")).toEqual({ suite: "transparent-proxy", tag: "v2.14.3", matched: 1, compared: 2, notCovered: 0, skipped: 0 });
    const tp04 = outcomes("transparent-proxy", "v2.14.3").find((o) => o.file.endsWith("/04.envoy.golden.yaml"));
    if (tp04?.kind !== "compared") throw new Error(`04 at v2.14.3 was not compared: ${JSON.stringify(tp04)}`);
    // Kuma's 04 golden @ v2.14.3 has these five resources; the fixture's 04 is empty, so each is extra in meshsim.
    expect(tp04.diffs.map((d) => [d.kind, d.typeUrl.split(".").pop(), d.name])).toEqual([
      ["extra", "Cluster", "inbound:passthrough:ipv4"],
      ["extra", "Cluster", "outbound:passthrough:ipv4"],
      ["extra", "Cluster", "self_transparentproxy_no_destination_inbound"],
      ["extra", "Listener", "inbound:passthrough:ipv4"],
      ["extra", "Listener", "outbound:passthrough:ipv4"],
    ]);

    // Inputs are skipped, untranscribed goldens not covered with their Entry, other suites by their rules.
    expect(row("inbound-proxy", "v2.14.3")).toEqual({ suite: "inbound-proxy", tag: "v2.14.3", matched: 0, compared: 0, notCovered: 1, skipped: 1 });
    expect(outcomes("inbound-proxy", "v2.14.3").map((o) => [o.kind, o.kind === "compared" || o.kind === "error" ? "" : o.reason])).toEqual([
      ["skipped", "Dataplane input of golden 1-envoy-config.golden.yaml, read at v2.14.3 by its case"],
      ["not-covered", "input differs at v2.14.3: pkg/xds/generator/inbound_proxy_generator_test.go does not exist (transcribed at v2.14.3, 2.12.0)"],
    ]);
    expect(row("meshproxypatch-mods", "v2.14.3")).toEqual({ suite: "meshproxypatch-mods", tag: "v2.14.3", matched: 1, compared: 1, notCovered: 1, skipped: 0 });
    expect(outcomes("meshproxypatch-mods", "2.13.0").map((o) => [o.file, o.kind, o.kind === "not-covered" ? o.reason : ""])).toEqual([
      ["2.13.0/meshproxypatch-mods/cluster_mod_test#01.entry", "compared", ""],
      [
        "2.13.0/meshproxypatch-mods/cluster_mod_test#02.entry",
        "not-covered",
        'pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/cluster_mod_test.go Entry "should remove cluster (with a paren in a string: \\")\\")": no `modifications: []string{...}` in the entry',
      ],
    ]);
    // MeshTimeout: a gateway golden, and a golden with no plugin_test.go beside it (so no input) at v2.14.3.
    expect(row("meshtimeout", "v2.14.3")).toEqual({ suite: "meshtimeout", tag: "v2.14.3", matched: 0, compared: 0, notCovered: 2, skipped: 0 });
    expect(outcomes("meshtimeout", "v2.14.3").map((o) => (o.kind === "not-covered" ? o.reason : o.kind))).toEqual([
      "MeshTimeout builtin-gateway golden basic.gateway.listener.golden.yaml: meshsim generates no builtin (MeshGateway) gateway config",
      expect.stringMatching(/^input differs at v2\.14\.3: pkg\/plugins\/policies\/meshtimeout\/plugin\/v1alpha1\/plugin_test\.go does not exist \(transcribed at 2\.5\.0, .*, v2\.14\.3\)$/),
    ]);
    // MeshCircuitBreaker: the Entry's conf at 2.13.0 is not the one transcribed at v2.14.3; at v2.14.3 it is, and
    // meshsim's cluster is Kuma's golden; a later Entry has no input, a gateway golden is not generated.
    expect(row("meshcircuitbreaker", "2.13.0")).toEqual({ suite: "meshcircuitbreaker", tag: "2.13.0", matched: 0, compared: 0, notCovered: 1, skipped: 0 });
    expect(outcomes("meshcircuitbreaker", "2.13.0")).toEqual([
      {
        file: "2.13.0/meshcircuitbreaker/outbound_cluster_connection_limits.golden.yaml",
        kind: "not-covered",
        reason:
          'input differs at 2.13.0: pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/plugin_test.go Entry naming "outbound_cluster_connection_limits.golden.yaml" is not as at v2.14.3: ' +
          '"Conf: api.Conf{ ConnectionLimits: genOtherConnectionLimits(), }, }, }, }, expectedCluster:" where it reads "Conf: api.Conf{ ConnectionLimits: genConnectionLimits(), }, }, }, }, expectedCluster:"',
      },
    ]);
    expect(row("meshcircuitbreaker", "v2.14.3")).toEqual({ suite: "meshcircuitbreaker", tag: "v2.14.3", matched: 1, compared: 1, notCovered: 2, skipped: 0 });
    expect(outcomes("meshcircuitbreaker", "v2.14.3").map((o) => [o.file.split("/").pop(), o.kind === "compared" ? o.diffs : o.kind === "not-covered" ? o.reason : o.kind])).toEqual([
      ["basic.gateway_cluster.golden.yaml", "MeshCircuitBreaker builtin-gateway golden basic.gateway_cluster.golden.yaml: meshsim generates no builtin (MeshGateway) gateway config"],
      ["outbound_cluster_connection_limits.golden.yaml", []],
      ["outbound_cluster_later.golden.yaml", 'no input is known for MeshCircuitBreaker plugin golden "outbound_cluster_later.golden.yaml"'],
    ]);
    // MeshAccessLog: the Entry's listener golden through meshsim's plugin on the golden's listener without its access
    // logs (given from the golden); v2.14.3 matches, 2.13.0's golden logs to another path (a difference there); the
    // builtin-gateway golden is skipped.
    expect(row("meshaccesslog", "v2.14.3")).toEqual({ suite: "meshaccesslog", tag: "v2.14.3", matched: 1, compared: 1, notCovered: 0, skipped: 1 });
    const mal14 = outcomes("meshaccesslog", "v2.14.3").find((o) => o.file.endsWith("/outbound_file_backend_default_format.listener.golden.yaml"));
    if (mal14?.kind !== "compared") throw new Error(`the MeshAccessLog golden at v2.14.3 was not compared: ${JSON.stringify(mal14)}`);
    expect(mal14.fromGolden.map((g) => [g.name, g.pointer])).toEqual([["outbound:127.0.0.1:37777", ""]]);
    expect(row("meshaccesslog", "2.13.0")).toEqual({ suite: "meshaccesslog", tag: "2.13.0", matched: 0, compared: 1, notCovered: 0, skipped: 0 });
    const mal13 = outcomes("meshaccesslog", "2.13.0")[0]!;
    if (mal13.kind !== "compared") throw new Error(`the MeshAccessLog golden at 2.13.0 was not compared: ${JSON.stringify(mal13)}`);
    expect(mal13.diffs.flatMap((d) => d.fields.map((f) => [f.pointer, f.kuma, f.meshsim]))).toEqual([["/filterChains/0/filters/0/typedConfig/accessLog/0/typedConfig/path", "/tmp/other.log", "/tmp/log"]]);
    const e2e = outcomes("e2e-envoyconfig", "v2.14.3");
    expect(e2e.map((o) => [o.file, o.kind])).toEqual([
      ["v2.14.3/e2e-envoyconfig/sidecars__meshtimeout__outbound.demo-client.golden.json", "compared"],
      ["v2.14.3/e2e-envoyconfig/sidecars__meshtimeout__outbound.input.yaml", "skipped"],
      ["v2.14.3/e2e-envoyconfig/zoneproxies__meshtimeout__basic.zone-proxy-demo-client.golden.json", "not-covered"],
    ]);
    expect(e2e[2]).toMatchObject({ reason: "zone-proxy e2e config dump: meshsim generates no zone ingress/egress config" });
    // The two resources of the golden match (the MeshTimeout targets test-server only); meshsim's other passthrough
    // resources (IPv6, inbound, no-destination) are extra, since the fixture's golden omits them.
    const dump = e2e[0]!;
    if (dump.kind !== "compared") throw new Error("not compared");
    expect(dump.describe).toContain("+ meshtimeout/outbound.input.yaml");
    expect(dump.diffs.every((d) => d.kind === "extra")).toBe(true);
    expect(dump.diffs.map((d) => d.name)).not.toContain("outbound:passthrough:ipv4");
  }, 60_000);
});

describe("npm run conformance -- --kuma-src", () => {
  it("runs from the command line on a checkout, prints the table as JSON and fails on the difference", () => {
    const tsx = join(repoRoot, "node_modules/tsx/dist/cli.mjs");
    let stdout = "";
    let status = 0;
    try {
      stdout = execFileSync(process.execPath, [tsx, join(repoRoot, "scripts/conformance/run.ts"), "--kuma-src", checkout, "--suite=transparent-proxy", "--json"], {
        cwd: repoRoot,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      status = err.status;
      stdout = err.stdout;
    }
    expect(status).toBe(1);
    const out = JSON.parse(stdout) as { sourceKind: string; table: TableRow[] };
    expect(out.sourceKind).toBe("checkout");
    expect(out.table).toHaveLength(21);
    // The command line follows kumahq/kuma's real 3.0 line commit, which the fixture does not hold.
    expect(out.table.at(-1)).toEqual({ suite: "transparent-proxy", tag: "3.0.0", matched: 0, compared: 0, notCovered: 0, skipped: 0, note: "no tag v3.0.0 or 3.0.0 in the Kuma source, nor the 3.0 line's commit 348b6528bc" });
    expect(out.table.filter((r) => !r.note)).toEqual([
      { suite: "transparent-proxy", tag: "2.13.0", matched: 1, compared: 1, notCovered: 1, skipped: 0 },
      { suite: "transparent-proxy", tag: "v2.14.3", matched: 1, compared: 2, notCovered: 0, skipped: 0 },
    ]);
  }, 60_000);
});
