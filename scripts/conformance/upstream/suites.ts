/**
 * The Kuma test data `npm run conformance -- --kuma-src <dir>` reads at each release tag (issue #11 point 1):
 * one suite per Kuma directory, each file of it planned with the existing cases (../cases), after checking
 * that the Go test input a case was transcribed from is the same at that tag (context.ts).
 */
import { parse as parseYaml } from "yaml";
import { LINE_COMMITS, minorOf, type KumaMinor } from "../../../src/core/model/versions.js";
import { e2ePlan } from "../cases/pipeline.js";
import { generatorPlan } from "../cases/generator.js";
import { inbound30Plan, inboundCaseMode, inboundProxyPlan } from "../cases/inbound.js";
import { meshAccessLogPlan } from "../cases/meshaccesslog.js";
import { meshPassthroughPlan } from "../cases/meshpassthrough.js";
import { meshTls30Plan, meshTlsPlan } from "../cases/meshtls.js";
import { MESHCIRCUITBREAKER_CASES, MESHCIRCUITBREAKER_CASES_30, meshCircuitBreaker30Plan, meshCircuitBreakerPlan } from "../cases/meshcircuitbreaker.js";
import { meshTimeout30Plan, meshTimeoutPlan, meshTimeoutTitle, meshTimeoutTitle30 } from "../cases/meshtimeout.js";
import { goCaseSource, goEntries, goItSource, normalizeGo } from "../lib/go-source.js";
import type { Plan } from "../lib/types.js";
import { checkInputs, type Transcription, type UpstreamContext } from "./context.js";
import { MOD_TEST_FILES, modTestEntries, modTestPlan } from "./mods.js";

export interface UpstreamSuite {
  readonly name: string;
  readonly title: string;
  /** Kuma directories (or files) holding the suite's goldens at a tag; each that exists there is read. */
  readonly paths: readonly string[];
  /** Expands a listed Kuma file into the goldens it holds (default: the file itself). */
  readonly expand?: (ctx: UpstreamContext, path: string) => readonly { readonly name: string; readonly text: string }[];
  plan(ctx: UpstreamContext, path: string, abs: string): Plan | Promise<Plan>;
}

const base = (p: string) => p.slice(p.lastIndexOf("/") + 1);

/** The title (first string literal) of the Entry naming `key`, for reasons. */
function entryTitle(ctx: UpstreamContext, goTest: string, key: string): string | undefined {
  const text = ctx.read(ctx.tag, goTest);
  const e = text === undefined ? undefined : goEntries(text).find((x) => x.includes(JSON.stringify(key)));
  return e ? /^Entry\(\s*("(?:[^"\\]|\\.)*")/.exec(e)?.[1] : undefined;
}

function goEntry(file: string, key: string, verifiedAt: readonly string[]): Transcription {
  return { file, what: `Entry naming "${key}"`, source: (t) => goCaseSource(t, key), verifiedAt };
}

/** The commit the 3.0 profile follows, at which 3.0 inputs were transcribed (no 3.0 tag exists). */
const LINE_30 = LINE_COMMITS["3.0"]!.commit;

/** The minor of a tag, or of a line's commit. */
const minorOfTag = (tag: string): KumaMinor =>
  (Object.entries(LINE_COMMITS).find(([, l]) => l?.commit === tag)?.[0] as KumaMinor | undefined) ?? (minorOf(tag.replace(/^v/, "") as `${number}.${number}.${number}`) as KumaMinor);

// --- transparent-proxy --------------------------------------------------------------------------------

const TP_TEST = "pkg/xds/generator/transparent_proxy_generator_test.go";
/**
 * Tags at which each entry's input in cases/generator.ts was checked against the Go test (one per input
 * variant; other tags are compared when the entry's source is the same as at one of these).
 */
const TP_VERIFIED: Readonly<Record<string, readonly string[]>> = {
  // Checked by hand: 2.6.0-2.12.0 differ from v2.14.3 only in Generate's signature and Mesh fields left at their
  // zero value (meshServicesMode, mtls nil), and InternalAddresses, which the generator does not read at these tags.
  // At the 3.0 line's commit (LINE_30) each entry is transcribed anew (cases/generator.ts entryAt30); 05 is gone there.
  "01": ["v2.14.3", "2.12.0", "2.6.0", "2.5.0", LINE_30],
  "02": ["v2.14.3", "2.12.0", "v2.7.29", "2.7.0", "2.6.0", "2.5.0", LINE_30],
  "03": ["v2.14.3", "2.12.0", "2.7.0", "2.6.0", "2.5.0", LINE_30],
  "04": ["v2.14.3", "2.12.0", "2.9.0", "2.7.0", "2.6.0", "2.5.0", LINE_30],
  "05": ["v2.14.3", "2.12.0", "2.7.0"],
  "06": ["v2.14.3", "v2.13.0", "2.7.0", LINE_30],
  "07": ["v2.14.3", LINE_30],
  "08": ["v2.14.3", LINE_30],
  "09": ["v2.14.3", LINE_30],
  "10": ["v2.14.3", LINE_30],
};

function tpPlan(ctx: UpstreamContext, path: string, abs: string): Plan {
  const f = base(path);
  const entry = /^(\d\d)\./.exec(f)?.[1];
  const verified = entry ? TP_VERIFIED[entry] : undefined;
  if (!entry || !verified) return { kind: "not-covered", reason: `no transcribed input for ${TP_TEST} entry "${f}"` };
  const check = checkInputs(ctx, [goEntry(TP_TEST, f, verified)]);
  if ("notCovered" in check) return { kind: "not-covered", reason: check.notCovered };
  return generatorPlan(abs, minorOfTag(check.sameAs), f, ctx.release);
}

// --- inbound-proxy ------------------------------------------------------------------------------------

const INBOUND_TEST = "pkg/xds/generator/inbound_proxy_generator_test.go";
/**
 * Tags at which the entries transcribed in cases/inbound.ts were checked against the Go test. 2.12.0 (and
 * v2.12.14, the same text) differs from v2.13.0 only in the `casByTrustDomain` test field (unset in these
 * entries) and `InboundName` in the policy maps' InboundInterface keys, a field that does not exist before 2.13.
 */
const INBOUND_VERIFIED = ["v2.14.3", "2.12.0"];

function inboundPlan(ctx: UpstreamContext, path: string, abs: string): Plan {
  const f = base(path);
  const input = /^(\d+)-dataplane\.input\.yaml$/.exec(f);
  if (input) return { kind: "skip", reason: `Dataplane input of golden ${input[1]}-envoy-config.golden.yaml, read at ${ctx.tag} by its case` };
  const golden = /^(\d+)-envoy-config\.golden\.yaml$/.exec(f);
  if (!golden) return { kind: "not-covered", reason: `not an inbound-proxy golden name ("${f}")` };
  const n = golden[1]!;
  if (ctx.tag === LINE_30) return inbound30UpstreamPlan(ctx, path, abs, n);
  const mode = inboundCaseMode(n);
  const title = entryTitle(ctx, INBOUND_TEST, f) ?? "(no Entry names it)";
  if (!mode) return { kind: "not-covered", reason: `no transcribed input for ${INBOUND_TEST} Entry ${title} (its test case fields are not transcribed in cases/inbound.ts)` };
  const check = checkInputs(ctx, [goEntry(INBOUND_TEST, f, INBOUND_VERIFIED)]);
  if ("notCovered" in check) return { kind: "not-covered", reason: check.notCovered };
  const inputAbs = dataplaneInput(ctx, path, n, "v2.14.3");
  if (typeof inputAbs !== "string") return inputAbs;
  return inboundProxyPlan(abs, inputAbs, n, mode, ctx.release);
}

/**
 * The InboundProxyGenerator golden's Dataplane input on disk, or why it is not covered: missing at the tag, or a
 * test-only Dataplane without `networking.address` (Kuma's validator at `validatorAt` requires one).
 */
function dataplaneInput(ctx: UpstreamContext, path: string, n: string, validatorAt: string): string | Plan {
  const inputPath = path.replace(/-envoy-config\.golden\.yaml$/, "-dataplane.input.yaml");
  const inputAbs = ctx.materialize(inputPath);
  if (!inputAbs) return { kind: "not-covered", reason: `input differs at ${ctx.tag}: no ${n}-dataplane.input.yaml next to the golden` };
  const dpInput = parseYaml(ctx.read(ctx.tag, inputPath) ?? "", { schema: "core" }) as { networking?: { address?: unknown } } | null;
  if (!dpInput?.networking?.address)
    return {
      kind: "not-covered",
      reason: `test-only input: ${n}-dataplane.input.yaml has no networking.address, which Kuma's Dataplane validation requires ("address can't be empty", kumahq/kuma@${validatorAt} pkg/core/resources/apis/mesh/dataplane_validator.go), so no Dataplane through Kuma's API has it; meshsim's Dataplane requires it too`,
    };
  return inputAbs;
}

/**
 * The 3.0 line's test (inbound_proxy_generator_test.go @ LINE_30), transcribed at that commit only (cases/inbound.ts
 * inbound30Plan): its table code and entries differ from every 2.x tag's.
 */
function inbound30UpstreamPlan(ctx: UpstreamContext, path: string, abs: string, n: string): Plan {
  const f = base(path);
  const check = checkInputs(ctx, [goEntry(INBOUND_TEST, f, [LINE_30])]);
  if ("notCovered" in check) return { kind: "not-covered", reason: check.notCovered };
  const inputAbs = dataplaneInput(ctx, path, n, "348b6528bc");
  if (typeof inputAbs !== "string") return inputAbs;
  return inbound30Plan(abs, inputAbs, n, ctx.release);
}

// --- MeshPassthrough plugin ---------------------------------------------------------------------------

const MPT_TEST = "pkg/plugins/policies/meshpassthrough/plugin/v1alpha1/plugin_test.go";

/**
 * cases/meshpassthrough.ts transcribes plugin_test.go @ v2.14.3. Checked by hand: v2.11.18 differs from 2.12.0
 * only in the helper that renders the resources (`getResource`, then util_yaml.GetResourcesToYaml: both
 * ToDeltaDiscoveryResponse + ToYAML) and the origin constants' package; 2.9.19 differs from 2.10.0 only in
 * renamed Go types (`core_rules.Tag` → `subsetutils.Tag`, `AppendMatch` a pointer); ports became `uint32`
 * in 2.9.19 (`pointer.To[int]` before, the same values). At the 3.0 line's commit every Entry has the same
 * resources and conf as at v2.14.3 except that the fixture's listeners and cluster carry unified names
 * (`naming.ContextualTransparentProxyName`; cases/meshpassthrough.ts builds them so at 3.0), the conf is handed
 * over as `ProxyConf` (the first rule's conf, as before), and "enabled on policy" (Mesh passthrough false) is gone.
 */
const MPT_VERIFIED = ["v2.14.3", "v2.11.18", "2.9.19", LINE_30];
const mptCanonical = (s: string) => s.replace(/pointer\.To\[int\]\(/g, "pointer.To[uint32](");

async function meshPassthroughUpstreamPlan(ctx: UpstreamContext, path: string, abs: string): Promise<Plan> {
  const f = base(path);
  const check = checkInputs(ctx, [{ ...goEntry(MPT_TEST, f, MPT_VERIFIED), canonical: mptCanonical }]);
  if ("notCovered" in check) return { kind: "not-covered", reason: check.notCovered };
  return meshPassthroughPlan(abs, f, ctx.repoRoot, ctx.release);
}

// --- MeshTLS plugin ----------------------------------------------------------------------------------

const MESHTLS_TEST = "pkg/plugins/policies/meshtls/plugin/v1alpha1/plugin_test.go";

/** The package-level helpers after the table that build the test's fixture and rules, normalized (absent: undefined). */
function goFuncs(names: readonly string[]) {
  return (text: string): string | undefined => {
    const parts: string[] = [];
    for (const n of names) {
      const i = text.indexOf(`\nfunc ${n}(`);
      if (i < 0) return undefined;
      const next = text.indexOf("\nfunc ", i + 1);
      parts.push(normalizeGo(text.slice(i, next < 0 ? text.length : next)));
    }
    return parts.join("\n");
  };
}

/**
 * cases/meshtls.ts transcribes plugin_test.go @ v2.14.3: each Entry (with the table body before the first Entry)
 * and the helpers that build the proxy's resources and rules (getResources, getMeshServiceResources, getFromRules).
 * Checked by hand at the other tags listed, for the Entries cases/meshtls.ts compares (the workload-identity and
 * MeshTrust ones are not covered): the Entries' caseName / meshBuilder / meshService / features are the same; the
 * table body differs only in fields those Entries leave unset (workloadIdentity, trustsByTrustDomain →
 * casByTrustDomain, features), how the goldens are rendered (getResource, then util_yaml.GetResourcesToYaml) and
 * `getFromRules(policy.Spec.From)` (2.9.x) for `pointer.Deref(…)`; the helpers differ in renamed packages and types
 * (generator → metadata origins, core_rules.Subset → subsetutils, ResourceOrigin's identifier type, the rules' conf
 * held as `confs` / `&from` / `from.Default`, all the policy's from[].default), ClientSideMTLS's added arguments (left
 * at false) and the arguments that change how the hand-built listeners render (cases/meshtls.ts FixtureVariant).
 */
const MESHTLS_VERIFIED = ["v2.14.3", "v2.13.0", "v2.12.14", "2.12.0", "v2.11.18", "2.11.0", "v2.10.11", "2.10.0", "2.9.19", "2.9.0"];
/** `Conf: &from` (2.13: the rule holds the From entry, merged by its Default) is `Conf: from.Default` (2.14). */
const meshTlsCanonical = (s: string) => s.replace(/Conf: &from,/g, "Conf: from.Default,");
const MESHTLS_HELPERS: Transcription = {
  file: MESHTLS_TEST,
  what: "helpers getResources / getMeshServiceResources / getFromRules",
  source: goFuncs(["getResources", "getMeshServiceResources", "getFromRules"]),
  verifiedAt: MESHTLS_VERIFIED,
  canonical: meshTlsCanonical,
};
/** The 3.0 line's fixture helpers (getMeshServiceResources, outgoingCluster, getRulesAsFromRules), checked at that commit. */
const MESHTLS_HELPERS_30: Transcription = {
  file: MESHTLS_TEST,
  what: "helpers getMeshServiceResources / outgoingCluster / getRulesAsFromRules",
  source: goFuncs(["getMeshServiceResources", "outgoingCluster", "getRulesAsFromRules"]),
  verifiedAt: [LINE_30],
};
/** How the hand-built listeners render per checked tag (cases/meshtls.ts FixtureVariant). */
function meshTlsFixture(sameAs: string) {
  return { reusePort: sameAs === "v2.14.3", internalAddresses: sameAs !== "2.9.0" };
}

function meshTlsUpstreamPlan(ctx: UpstreamContext, path: string, abs: string): Plan {
  const f = base(path);
  if (/\.policy\.yaml$/.test(f)) return { kind: "skip", reason: `MeshTLS policy input of the ${f.replace(/\.policy\.yaml$/, "")} goldens, read at ${ctx.tag} by their case` };
  if (/^gateway/.test(f)) return { kind: "skip", reason: `MeshTLS builtin-gateway golden ${f}: outside this comparison (meshsim generates no builtin gateway config)` };
  const name = /^(.+)\.(listeners|clusters|routes)\.golden\.yaml$/.exec(f)?.[1];
  if (!name) return { kind: "not-covered", reason: `not a MeshTLS plugin golden name ("${f}")` };
  const policyPath30 = path.replace(/\.(listeners|clusters)\.golden\.yaml$/, ".policy.yaml");
  if (ctx.tag === LINE_30) {
    // The 3.0 line's table (cases/meshtls.ts meshTls30Plan), transcribed at that commit only.
    const check30 = checkInputs(ctx, [goEntry(MESHTLS_TEST, name, [LINE_30]), MESHTLS_HELPERS_30]);
    if ("notCovered" in check30) return { kind: "not-covered", reason: check30.notCovered };
    return meshTls30Plan(abs, f, ctx.read(ctx.tag, policyPath30), ctx.release);
  }
  const check = checkInputs(ctx, [{ ...goEntry(MESHTLS_TEST, name, MESHTLS_VERIFIED), canonical: meshTlsCanonical }, MESHTLS_HELPERS]);
  if ("notCovered" in check) return { kind: "not-covered", reason: check.notCovered };
  const policyPath = path.replace(/\.(listeners|clusters)\.golden\.yaml$/, ".policy.yaml");
  return meshTlsPlan(abs, f, ctx.read(ctx.tag, policyPath), ctx.release, meshTlsFixture(check.sameAs));
}

// --- MeshAccessLog plugin ---------------------------------------------------------------------------------

const MAL_TEST = "pkg/plugins/policies/meshaccesslog/plugin/v1alpha1/plugin_test.go";
const MAL_DIR = "pkg/plugins/policies/meshaccesslog/plugin/v1alpha1/testdata";

/**
 * cases/meshaccesslog.ts transcribes plugin_test.go @ v2.14.3. Checked by hand at the other tags listed (the Go sources
 * compared with a script that prints the first difference per Entry): the Entries compared there hand the plugin the
 * same rules; they differ only in the arguments of the listener builders (the fixture is read from each tag's golden),
 * `[]interface{}` for `[]any`, `Type: api.FileBackendType` (2.14 sets the backend type the older tests leave out and the
 * older plugins do not read), `Conf: &api.Rule{Default: …}` around the inbound conf (2.13 and before) and the origin
 * constants' package; the table body before the first Entry gains test-case fields (extraInbounds, features,
 * meshServicesMode, dataplaneLabels, inboundTagsDisabled, inboundName) those Entries leave unset. 2.9.x and 2.10.x
 * build other listeners and services (other-service on 27777, no `kuma.io/protocol` tag) and the 3.0 line's table
 * builds real-resource listeners for every Entry: not transcribed.
 */
const MAL_VERIFIED = ["v2.14.3", "v2.14.0", "v2.13.10", "v2.13.0", "v2.12.14", "2.12.0", "v2.11.18", "2.11.0"];

function meshAccessLogUpstreamPlan(ctx: UpstreamContext, path: string, abs: string): Plan {
  const f = base(path);
  if (/^basic-gateway\./.test(f)) return { kind: "skip", reason: `MeshAccessLog builtin-gateway golden ${f}: outside this comparison (meshsim generates no builtin gateway config)` };
  const check = checkInputs(ctx, [goEntry(MAL_TEST, f, MAL_VERIFIED)]);
  if ("notCovered" in check) return { kind: "not-covered", reason: check.notCovered };
  return meshAccessLogPlan(abs, f, (golden) => ctx.read(ctx.tag, `${MAL_DIR}/${golden}`), ctx.release);
}

// --- MeshCircuitBreaker / MeshTimeout plugin goldens ------------------------------------------------------

/** Every 2.x tag the runner compares: the MeshTimeout / MeshCircuitBreaker test sources were checked by hand at each. */
const TWO_X_TAGS = [
  "2.5.0",
  "2.5.11",
  "2.6.0",
  "2.6.15",
  "2.7.0",
  "v2.7.29",
  "2.8.0",
  "2.8.8",
  "2.9.0",
  "2.9.19",
  "2.10.0",
  "v2.10.11",
  "2.11.0",
  "v2.11.18",
  "2.12.0",
  "v2.12.14",
  "v2.13.0",
  "v2.13.10",
  "v2.14.0",
  "v2.14.3",
];

const MT_TEST = "pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin_test.go";
const MCB_TEST = "pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/plugin_test.go";

/**
 * cases/meshtimeout.ts transcribes plugin_test.go @ v2.14.3. Checked by hand at every 2.x tag the runner compares
 * (word diffs of each Entry with the table body before it, and of the helpers): the Entries' resources and rules are
 * the same, spelled with renamed packages (core_rules.Subset → subsetutils.Subset, generator → metadata origins,
 * TypedResourceIdentifier → kri.Identifier), with `InboundRules` beside the from `Rules` from 2.10.0 (the same conf),
 * `api.Rule{Default: …}` wrappers at 2.12.x / 2.13.x, the split cluster `other-service-_0_` at 2.5.x; the table body
 * builds the same proxy and mesh context with other builders (2.5.x: CreateSampleMeshContext and a hand-built Proxy),
 * from v2.12.14 with the unifiedNaming switch. The helpers differ in the arguments that change how the hand-built
 * inbound listener renders (timeouts-fixture.ts ListenerVariant).
 */
const MT_HELPERS: Transcription = { file: MT_TEST, what: "helpers httpInboundListenerWith / createListener", source: goFuncs(["httpInboundListenerWith", "createListener"]), verifiedAt: TWO_X_TAGS };

/** The ListenerVariant of a checked tag: HttpConnectionManager(name, false) renders no internal addresses (2.5.0 … 2.9.0, not v2.7.29); reuse port from v2.13.10. */
function timeoutListenerVariant(tag: string) {
  const noInternal = ["2.5.0", "2.5.11", "2.6.0", "2.6.15", "2.7.0", "2.8.0", "2.8.8", "2.9.0"];
  return { internalAddresses: !noInternal.includes(tag), reusePort: ["v2.13.10", "v2.14.0", "v2.14.3"].includes(tag) };
}

/** The `It` tests of spiffeID-matched routes (v2.14.0), checked at v2.14.0 and v2.14.3. */
function goIt(file: string, title: string, verifiedAt: readonly string[]): Transcription {
  return { file, what: `It ${JSON.stringify(title)}`, source: (t) => goItSource(t, title), verifiedAt };
}

/** The 3.0 line's listener helpers (contextual inbound name, KRI-named outbound listener), checked at that commit. */
const MT_HELPERS_30: Transcription = {
  file: MT_TEST,
  what: "helpers httpOutboundListener / httpInboundListenerWith / createListener",
  source: goFuncs(["httpOutboundListener", "httpInboundListenerWith", "createListener"]),
  verifiedAt: [LINE_30],
};
/** MeshTimeout's kri.Identifiers (backend MeshService / MeshExternalService, other-service, second-service) at the 3.0 line. */
const MT_PREAMBLE_30: Transcription = { file: MT_TEST, what: "identifiers before the DescribeTable", source: (t) => goDescribePreamble(t), verifiedAt: [LINE_30] };

function meshTimeoutUpstreamPlan(ctx: UpstreamContext, path: string, abs: string): Plan {
  const f = base(path);
  if (/\.gateway\./.test(f)) return { kind: "not-covered", reason: `MeshTimeout builtin-gateway golden ${f}: meshsim generates no builtin (MeshGateway) gateway config` };
  if (/^zone_egress/.test(f)) return { kind: "not-covered", reason: `MeshTimeout zone-egress golden ${f}: meshsim generates no zone proxy` };
  if (ctx.minor === "3.0") {
    // The 3.0 line's table (cases/meshtimeout.ts CASES_30), transcribed at that commit only.
    const title30 = meshTimeoutTitle30(f);
    if (!title30) return { kind: "not-covered", reason: `no input is known for MeshTimeout plugin golden "${f}" at the 3.0 line` };
    const t30 = /^matched_/.test(f) ? goIt(MT_TEST, title30, [LINE_30]) : goEntry(MT_TEST, f, [LINE_30]);
    const check30 = checkInputs(ctx, [t30, MT_HELPERS_30, MT_PREAMBLE_30]);
    if ("notCovered" in check30) return { kind: "not-covered", reason: check30.notCovered };
    return meshTimeout30Plan(abs, f, ctx.release);
  }
  const title = meshTimeoutTitle(f);
  if (!title) return { kind: "not-covered", reason: `no input is known for MeshTimeout plugin golden "${f}"` };
  const t = /^matched_/.test(f) ? goIt(MT_TEST, title, ["v2.14.0", "v2.14.3"]) : goEntry(MT_TEST, f, TWO_X_TAGS);
  const check = checkInputs(ctx, [t, MT_HELPERS]);
  if ("notCovered" in check) return { kind: "not-covered", reason: check.notCovered };
  return meshTimeoutPlan(abs, f, ctx.release, timeoutListenerVariant(check.sameAs), check.sameAs);
}

/**
 * The text of a Ginkgo test from its top-level `Describe(` to its first `DescribeTable(`: the identifiers, confs and
 * cluster builders its Entries use (closures, which goFuncs does not find).
 */
function goDescribePreamble(text: string): string | undefined {
  const i = text.indexOf("var _ = Describe(");
  const j = i < 0 ? -1 : text.indexOf("DescribeTable(", i);
  return j < 0 ? undefined : normalizeGo(text.slice(i, j));
}

/** MeshCircuitBreaker's identifiers (kri.Identifier of other-service, second-service, backend) and conf generators at the 3.0 line. */
const MCB_PREAMBLE_30: Transcription = { file: MCB_TEST, what: "identifiers and generators before the DescribeTable", source: (t) => goDescribePreamble(t), verifiedAt: [LINE_30] };

/**
 * cases/meshcircuitbreaker.ts transcribes plugin_test.go @ v2.14.3. Checked by hand at every 2.x tag the runner
 * compares: the Entries' clusters and rules are the same but for the inbound cluster's name (`localhost:80` from the
 * dataplane port until the fixture follows the #14875 fix, `localhost:8080` at v2.10.11, v2.11.18, v2.12.14 and from
 * v2.13.0) and genOutlierDetection's HealthyPanicThreshold (from 2.10.0); the table body builds the same proxy (2.5.x
 * by hand, later with xds_builders; WithOutbounds from 2.9.0 for AddOutboundsToServices), from v2.12.14 with the
 * unifiedNaming switch and from v2.14.0 with withoutPolicy.
 */
function meshCircuitBreakerUpstreamPlan(ctx: UpstreamContext, path: string, abs: string): Plan {
  const f = base(path);
  if (/gateway_cluster/.test(f)) return { kind: "not-covered", reason: `MeshCircuitBreaker builtin-gateway golden ${f}: meshsim generates no builtin (MeshGateway) gateway config` };
  if (/egress_cluster|zone_proxy_cluster/.test(f)) return { kind: "not-covered", reason: `MeshCircuitBreaker zone-proxy golden ${f}: meshsim generates no zone ingress/egress config` };
  if (ctx.minor === "3.0") {
    // The 3.0 line's table (cases/meshcircuitbreaker.ts CASES_30), transcribed at that commit only.
    if (!MESHCIRCUITBREAKER_CASES_30.includes(f)) return { kind: "not-covered", reason: `no input is known for MeshCircuitBreaker plugin golden "${f}" at the 3.0 line` };
    const check30 = checkInputs(ctx, [goEntry(MCB_TEST, f, [LINE_30]), MCB_PREAMBLE_30]);
    if ("notCovered" in check30) return { kind: "not-covered", reason: check30.notCovered };
    return meshCircuitBreaker30Plan(abs, f, ctx.release);
  }
  if (!MESHCIRCUITBREAKER_CASES.includes(f)) return { kind: "not-covered", reason: `no input is known for MeshCircuitBreaker plugin golden "${f}"` };
  const check = checkInputs(ctx, [goEntry(MCB_TEST, f, TWO_X_TAGS)]);
  if ("notCovered" in check) return { kind: "not-covered", reason: check.notCovered };
  return meshCircuitBreakerPlan(abs, f, ctx.release, check.sameAs);
}

// --- e2e envoyconfig dumps ----------------------------------------------------------------------------

const SIDECARS_GO = "test/e2e_env/universal/envoyconfig/sidecars.go";
const E2E_DIR = "test/e2e_env/universal/envoyconfig/testdata";

/**
 * What `func SetupSidecarCluster()` installs (the Mesh, policies and Dataplanes, up to `.Setup(`), normalized;
 * the waits and checks after it are no input.
 */
function setupSidecarCluster(text: string): string | undefined {
  const i = text.indexOf("func SetupSidecarCluster()");
  if (i < 0) return undefined;
  const next = text.indexOf("\nfunc ", i + 1);
  const body = text.slice(i, next < 0 ? text.length : next);
  const setup = body.search(/\.\s*Setup\(/);
  return normalizeGo(setup < 0 ? body : body.slice(0, setup));
}

/**
 * `WithDpEnvs` sets kuma-dp's runtime environment (`KUMA_DATAPLANE_RUNTIME_SOCKET_DIR`, `..._IPV6_ENABLED`),
 * which changes no passthrough resource of the dump: the demo-client dumps match with the same input under
 * 2.12.0's (socket dir only) and v2.14.3's (both) environments. It is left out of the compared source.
 */
function withoutDpEnvs(source: string): string {
  return source.replace(/,? ?WithDpEnvs\(map\[string\]string\{[^}]*\}\)/g, "");
}

/** e2e demo-client dumps with a case in cases/pipeline.ts, and the tags their input was checked at. */
const E2E_CASES: Readonly<Record<string, readonly string[]>> = {
  "meshaccesslog/inbound-rules-dpp": ["2.12.0", "v2.13.0", LINE_30],
  "meshretry/no-policies": ["v2.14.3", LINE_30],
};

/** Every tag `SetupSidecarCluster` was checked at by hand against cases/pipeline.ts's inputs. */
const SIDECAR_SETUP_VERIFIED = [...new Set(Object.values(E2E_CASES).flat())];

function e2eUpstreamPlan(ctx: UpstreamContext, path: string, abs: string): Plan {
  const rel = path.slice(E2E_DIR.length + 1);
  const [group, ...restParts] = rel.split("/");
  const rest = restParts.join("/");
  if (group === "zoneproxies") return { kind: "not-covered", reason: "zone-proxy e2e config dump: meshsim generates no zone ingress/egress config" };
  if (group === "builtingateway") return { kind: "not-covered", reason: "builtin gateway e2e config dump: meshsim generates no builtin (MeshGateway) gateway config" };
  if (group !== "sidecars") return { kind: "not-covered", reason: `no case for e2e envoyconfig group "${group}"` };
  if (rest.endsWith(".input.yaml")) return { kind: "skip", reason: `policy input of the ${rest.replace(/\.input\.yaml$/, "")} dumps, read at ${ctx.tag} by their case` };
  const m = /^(.+)\.(demo-client|test-server)\.golden\.json$/.exec(rest);
  if (!m) return { kind: "not-covered", reason: `not an e2e dump name ("${rest}")` };
  const [, key, proxy] = m as unknown as [string, string, string];
  if (proxy === "test-server") return { kind: "not-covered", reason: `test-server dump: its Dataplane (SetupSidecarCluster in ${SIDECARS_GO}) is not transcribed` };
  const input = `${E2E_DIR}/sidecars/${key}.input.yaml`;
  const setup: Transcription = { file: SIDECARS_GO, what: "func SetupSidecarCluster", source: setupSidecarCluster, verifiedAt: E2E_CASES[key] ?? SIDECAR_SETUP_VERIFIED, canonical: withoutDpEnvs };
  const verified = E2E_CASES[key];
  if (verified) {
    const check = checkInputs(ctx, [setup, { file: input, what: "policy input", source: (t) => t, verifiedAt: verified }]);
    if ("notCovered" in check) return { kind: "not-covered", reason: check.notCovered };
    // The input as it is at this tag (cases/pipeline.ts has the text only for the golden directory's tags).
    return e2ePlan(abs, ctx.minor, `${key.replace("/", "__")}.demo-client.golden.json`, ctx.release, ctx.read(ctx.tag, input));
  }
  // The other dumps: the cluster as set up (checked by hand at SIDECAR_SETUP_VERIFIED) plus the test's input
  // YAML, read as it is at this tag (TestSidecarConfig installs it unchanged; its shadow-effect policies are in the
  // `--shadow` dump). Only passthrough resources are compared, as for the cases above.
  const check = checkInputs(ctx, [setup]);
  if ("notCovered" in check) return { kind: "not-covered", reason: check.notCovered };
  const text = ctx.read(ctx.tag, input);
  if (text === undefined) return { kind: "not-covered", reason: `${input} does not exist at ${ctx.tag}` };
  return e2ePlan(abs, ctx.minor, `${key.replace("/", "__")}.demo-client.golden.json`, ctx.release, text);
}

// --- the suites ---------------------------------------------------------------------------------------

const MPP_PLUGIN_REASON = "MeshProxyPatch plugin goldens on zone ingress/egress and mixed fixtures: meshsim generates no zone proxy or mesh listeners";

export const UPSTREAM_SUITES: readonly UpstreamSuite[] = [
  { name: "transparent-proxy", title: "TransparentProxyGenerator goldens", paths: ["pkg/xds/generator/testdata/transparent-proxy"], plan: tpPlan },
  { name: "inbound-proxy", title: "InboundProxyGenerator goldens", paths: ["pkg/xds/generator/testdata/inbound-proxy"], plan: inboundPlan },
  {
    name: "meshpassthrough",
    title: "MeshPassthrough plugin goldens",
    paths: ["pkg/plugins/policies/meshpassthrough/plugin/v1alpha1/testdata"],
    plan: meshPassthroughUpstreamPlan,
  },
  {
    name: "meshproxypatch",
    title: "MeshProxyPatch plugin goldens",
    paths: ["pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/testdata"],
    plan: () => ({ kind: "not-covered", reason: MPP_PLUGIN_REASON }),
  },
  {
    name: "meshproxypatch-mods",
    title: "MeshProxyPatch *_mod_test.go inline expectations",
    paths: MOD_TEST_FILES,
    expand: modTestEntries,
    plan: modTestPlan,
  },
  {
    name: "meshtls",
    title: "MeshTLS plugin goldens (inbound/passthrough)",
    paths: ["pkg/plugins/policies/meshtls/plugin/v1alpha1/testdata"],
    plan: meshTlsUpstreamPlan,
  },
  {
    name: "meshaccesslog",
    title: "MeshAccessLog plugin goldens (inbound/outbound/passthrough sidecar listeners)",
    paths: [MAL_DIR],
    plan: meshAccessLogUpstreamPlan,
  },
  {
    name: "meshcircuitbreaker",
    title: "MeshCircuitBreaker plugin goldens (sidecar inbound and outbound clusters)",
    paths: ["pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/testdata"],
    plan: meshCircuitBreakerUpstreamPlan,
  },
  {
    name: "meshtimeout",
    title: "MeshTimeout plugin goldens (sidecar inbound and outbound listeners, clusters, routes)",
    paths: ["pkg/plugins/policies/meshtimeout/plugin/testdata", "pkg/plugins/policies/meshtimeout/plugin/v1alpha1/testdata"],
    plan: meshTimeoutUpstreamPlan,
  },
  { name: "e2e-envoyconfig", title: "universal e2e envoyconfig dumps", paths: [E2E_DIR], plan: e2eUpstreamPlan },
];
