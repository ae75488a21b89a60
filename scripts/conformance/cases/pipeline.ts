/**
 * Full-pipeline goldens, run through `simulate()` (include: config). These goldens hold a whole proxy
 * config; meshsim generates the passthrough part of it, so only the resources named
 * `outbound:passthrough:*`, `inbound:passthrough:*` and `self_transparentproxy_*` are compared, on both
 * sides (a passthrough resource that only one side has is a difference).
 *
 * - `xds-server-v3__hook-before-pt.golden.yaml`: kuma `pkg/xds/server/v3/snapshot_generator_test.go`,
 *   "should execute hooks before proxy template modifications" (golden @ 2.5.0, v2.13.10, v2.14.3):
 *   Mesh `demo` with builtin mTLS; Dataplane `web1` 192.168.0.1 with inbounds 80→8080 (backend-1),
 *   443→8443 (backend-2), 192.168.0.2:80→8080 (backend-3), 192.168.0.2:443→8443 (backend-4),
 *   `WithTransparentProxying(15001, 15006, "ipv4")`; no DP features; a ProxyTemplate importing
 *   `default-proxy` that removes a cluster `to-be-removed` added by a test hook (neither touches the
 *   passthrough resources; meshsim applies the ProxyTemplate, whose remove matches nothing since the hook is test-only).
 * - `e2e-universal-envoyconfig__*.demo-client.golden.json`: `kumactl inspect dataplane demo-client
 *   --type config` in kuma `test/e2e_env/universal/envoyconfig/sidecars.go`: Mesh `envoyconfig`
 *   (MeshServices Exclusive, builtin mTLS), demo-client with a transparent proxy (15001/15006,
 *   dual-stack), inbound 3000, legacy names; redacted by Kuma's test, so meshsim's side is redacted the
 *   same way (lib/redact.ts). Since 2.13 the dump shows strict inbound ports
 *   (`filterChainMatch.destinationPort: 3000` on the inbound passthrough listeners, meshsim's
 *   applyStrictInboundPorts), and from 2.13.7 kuma-dp's reuse-port (`enableReusePort: true`). The inbound
 *   listener `inbound:<ip>:3000` and cluster `localhost:3000` are not passthrough resources: the policy
 *   plugins meshsim does not run (MeshTrafficPermission, MeshTimeout defaults, ...) change them.
 */
import { parseAllDocuments } from "yaml";
import { atLeast, features as versionFeatures, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
import type { ResourceEntry } from "../lib/compare.js";
import { readDeltaYaml, readInspectJson } from "../lib/golden.js";
import { configEntries, inspectShape, passthroughOnly, runPipeline } from "../lib/meshsim.js";
import { redactE2eValue } from "../lib/redact.js";
import type { Comparison, Plan } from "../lib/types.js";

/** A connection the request needs; only `config` is compared, which does not depend on it. */
const ANY_REQUEST = { to: "tcp://93.184.216.34:443" } as const;

function hookBeforePtInput(minor: KumaMinor) {
  // 2.5.0 predates ipFamilyMode (the 2.5 generator adds IPv6 only with redirectPortInboundV6).
  const transparentProxying =
    minor === "2.5" ? { redirectPortOutbound: 15001, redirectPortInbound: 15006 } : { redirectPortOutbound: 15001, redirectPortInbound: 15006, ipFamilyMode: "IPv4" };
  const inbound = (service: string, port: number, servicePort: number, address?: string) => ({
    ...(address ? { address } : {}),
    port,
    servicePort,
    tags: { "kuma.io/service": service },
  });
  return {
    kumaVersion: minor,
    resources: [
      // The test stores its resources by hand: no default policies (kuma-cp's EnsureDefaultMeshResources does not run).
      { type: "Mesh", name: "demo", mtls: { enabledBackend: "ca-1", backends: [{ name: "ca-1", type: "builtin" }] }, skipCreatingInitialPolicies: ["*"] },
      {
        type: "Dataplane",
        mesh: "demo",
        name: "web1",
        networking: {
          address: "192.168.0.1",
          inbound: [inbound("backend-1", 80, 8080), inbound("backend-2", 443, 8443), inbound("backend-3", 80, 8080, "192.168.0.2"), inbound("backend-4", 443, 8443, "192.168.0.2")],
          transparentProxying,
        },
      },
      {
        type: "ProxyTemplate",
        mesh: "demo",
        name: "pt",
        selectors: [{ match: { "kuma.io/service": "*" } }],
        conf: { imports: ["default-proxy"], modifications: [{ cluster: { operation: "remove", match: { name: "to-be-removed" } } }] },
      },
    ],
    request: ANY_REQUEST,
  };
}

function e2eInput(runAt: KumaMinor | Release, features: readonly string[], mtlsMode: "STRICT" | "PERMISSIVE") {
  return {
    kumaVersion: runAt,
    resources: [
      // sidecars.go builds the Mesh WithoutInitialPolicies (skipCreatingInitialPolicies: ["*"]).
      { type: "Mesh", name: "envoyconfig", meshServices: { mode: "Exclusive" }, mtls: { enabledBackend: "ca-1", backends: [{ name: "ca-1", type: "builtin", mode: mtlsMode }] }, skipCreatingInitialPolicies: ["*"] },
      {
        type: "Dataplane",
        mesh: "envoyconfig",
        name: "demo-client",
        networking: {
          address: "172.18.0.10",
          inbound: [{ port: 3000, tags: { "kuma.io/service": "demo-client" } }],
          transparentProxying: { redirectPortOutbound: 15001, redirectPortInbound: 15006, ipFamilyMode: "DualStack" },
        },
        ...(features.length > 0 ? { meshsim: { features } } : {}),
      },
    ],
    request: ANY_REQUEST,
  };
}

/** A full-config golden without passthrough resources would make the comparison vacuous. */
function nonEmpty(entries: ResourceEntry[], abs: string): ResourceEntry[] {
  if (entries.length === 0) throw new Error(`${abs} has no passthrough resources to compare`);
  return entries;
}

function e2eComparison(abs: string, body: Parameters<typeof runPipeline>[0]): Comparison {
  const kuma = nonEmpty(passthroughOnly(readInspectJson(abs)), abs);
  const meshsim: ResourceEntry[] = redactE2eValue(inspectShape(passthroughOnly(configEntries(runPipeline(body)))));
  return { kuma, meshsim };
}

/** `rest` after `<version>__xds-server-v3__`. */
export function hookBeforePtPlan(abs: string, minor: KumaMinor, rest: string): Plan {
  if (rest !== "hook-before-pt.golden.yaml") return { kind: "not-covered", reason: `no input is known for xds-server-v3 golden "${rest}"` };
  return {
    kind: "compare",
    describe: `simulate() @ ${minor}, snapshot_generator_test "hooks before proxy template modifications" (mTLS mesh demo, DP web1, IPv4 TP): passthrough resources`,
    run: () => ({ kuma: nonEmpty(passthroughOnly(readDeltaYaml(abs)), abs), meshsim: passthroughOnly(configEntries(runPipeline(hookBeforePtInput(minor)))) }),
  };
}

/**
 * `SetupSidecarCluster` at the 3.0 line's commit (kumahq/kuma 348b6528bc test/e2e_env/universal/envoyconfig/
 * sidecars.go): Mesh `envoyconfig` with an empty spec but WithoutInitialPolicies (no mTLS, no meshServices: naming is always unified), a
 * MeshIdentity `envoyconfig-identity` (`MeshIdentityBundled`, selecting every proxy), an allow-all
 * MeshTrafficPermission, and demo-client with a transparent proxy (15001/15006) and inbound 3000, without inbound
 * tags (the 3.0 Dataplane has none). kuma-dp advertises strict inbound ports and reuse-port (the dump shows both).
 */
function e2eInput30(runAt: Release) {
  return {
    kumaVersion: runAt,
    resources: [
      { type: "Mesh", name: "envoyconfig", skipCreatingInitialPolicies: ["*"] },
      { type: "MeshIdentity", name: "envoyconfig-identity", mesh: "envoyconfig", spec: {} },
      {
        type: "Dataplane",
        mesh: "envoyconfig",
        name: "demo-client",
        networking: {
          address: "172.18.0.10",
          inbound: [{ port: 3000 }],
          transparentProxying: { redirectPortOutbound: 15001, redirectPortInbound: 15006, ipFamilyMode: "DualStack" },
        },
        meshsim: { features: ["feature-strict-inbound-ports", "feature-reuse-port"] },
      },
    ],
    request: ANY_REQUEST,
  };
}

/** The test's policy input added to the cluster's resources (a YAML string with one resource per document). */
function withPolicies<T extends { resources: unknown[] }>(body: T, policies: string | undefined): T {
  if (policies === undefined) return body;
  const docs = parseAllDocuments(policies).map((d) => d.toJS() as unknown).filter((d) => d !== null && d !== undefined);
  return { ...body, resources: [...body.resources, ...docs] };
}

/**
 * The input YAML of the e2e dumps with a case of their own, transcribed from kumahq/kuma
 * `test/e2e_env/universal/envoyconfig/testdata/sidecars/<group>/<case>.input.yaml` for the golden directory's tags (the
 * same text at 2.12.0, v2.13.0 and v2.14.3; `--kuma-src` reads the file at the tag): meshaccesslog/inbound-rules-dpp's
 * MeshAccessLog selects the Dataplane test-server, so demo-client gets no access log from it (meshsim's MeshAccessLog
 * selection decides, not a special case of the runner).
 */
const KNOWN_INPUTS: Readonly<Record<string, string>> = {
  "meshaccesslog__inbound-rules-dpp.demo-client.golden.json": [
    "type: MeshAccessLog",
    "name: mal-1",
    "mesh: envoyconfig",
    "labels:",
    "  kuma.io/effect: shadow",
    "spec:",
    "  targetRef:",
    "    kind: Dataplane",
    "    name: test-server",
    "  rules:",
    "    - default:",
    "        backends:",
    "          - type: File",
    "            file:",
    '              path: "/dev/stdout"',
    "              format:",
    "                type: Plain",
    '                plain: "[%START_TIME%]"',
  ].join("\n"),
};

/**
 * `rest` after `<version>__e2e-universal-envoyconfig__`; meshsim runs at `runAt` (default: the minor). `policies`:
 * the dump's `.input.yaml` as read at the tag, for dumps without a case of their own.
 */
export function e2ePlan(abs: string, minor: KumaMinor, rest: string, runAt: KumaMinor | Release = minor, inputYaml?: string): Plan {
  let policies = inputYaml;
  const known = ["meshaccesslog__inbound-rules-dpp.demo-client.golden.json", "meshretry__no-policies.demo-client.golden.json"];
  if (policies === undefined && !known.includes(rest)) return { kind: "not-covered", reason: `no input is known for e2e envoyconfig golden "${rest}"` };
  // The dumps with a case of their own carry their input YAML here (the golden directory has no input files).
  if (policies === undefined) policies = KNOWN_INPUTS[rest];
  const also = policies === undefined ? "" : ` + ${rest.replace(/\.demo-client\.golden\.json$/, "").replace("__", "/")}.input.yaml`;
  if (minor === "3.0") {
    const body = withPolicies(e2eInput30(versionFeatures(runAt).release), policies);
    return { kind: "compare", describe: `simulate() @ ${runAt}, SetupSidecarCluster demo-client (sidecars.go @ 348b6528bc)${also}: passthrough resources`, run: () => e2eComparison(abs, body) };
  }
  const n = Number(minor.split(".")[1]);
  // kuma-dp advertises strict inbound ports from 2.13 (the dump shows them) and reuse-port from 2.13.7
  // (kumahq/kuma@v2.13.7 app/kuma-dp/cmd/run.go, backport #16707 of #16677; the dump shows enableReusePort: true).
  const release = versionFeatures(runAt).release;
  const features = [...(n >= 13 ? ["feature-strict-inbound-ports"] : []), ...(atLeast(release, "2.13.7") ? ["feature-reuse-port"] : [])];
  const body = withPolicies(e2eInput(runAt, features, "STRICT"), policies);
  const describe = `simulate() @ ${runAt}, universal e2e demo-client config dump (redacted like Kuma's test${features.length ? `; DP features ${features.join(", ")}` : ""})${also}: passthrough resources`;
  return { kind: "compare", describe, run: () => e2eComparison(abs, body) };
}
