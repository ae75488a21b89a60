/**
 * Kuma's TransparentProxyGenerator unit test (`pkg/xds/generator/transparent_proxy_generator_test.go`)
 * as meshsim inputs. Golden `transparent-proxy/NN.envoy.golden.yaml` is the generator's output for the
 * test entry NN (the `Entry(...)` list of the test at each tag). The test runs the generator alone, so meshsim's
 * equivalent (`generateTransparentProxy()` then `applyStrictInboundPorts()`, lib/meshsim.ts runGenerator)
 * is compared with it directly, every resource of the golden, with no mask.
 *
 * Test entries @ v2.14.3 (the test's Mesh is `default` with a file logging backend; its Dataplane has
 * no address, which meshsim requires, so the placeholder below is used: the generator does not read it):
 *   01 no transparentProxying
 *   02 DualStack 15001/15006 (a TrafficLog for `some-service`, "to show it is not picked")
 *   03 as 02 with a TrafficLog matched for `pass_through`
 *   04 IPv4 only
 *   05 feature-unified-resource-naming + Mesh meshServices Exclusive
 *   06 05 + feature-strict-inbound-ports, inbound 8080, mTLS STRICT
 *   07 same, inbounds 8080 and 9000, mTLS PERMISSIVE
 *   08 same, inbound 8080, mTLS PERMISSIVE (the test calls it "no tls")
 *   09 delegated gateway (tags app: test-gateway), features unified + strict, mTLS STRICT, no inbounds
 *   10 strict, duplicate inbound ports
 * Older tags: 2.5.0 / 2.6.0 had no ipFamilyMode (02 and 03 without it, IPv6 only with redirectPortInboundV6;
 * 04 is "ipv6" with redirectPortInboundV6 15010); 2.7.0-2.8.8 have 02/03 DualStack, 04 "ipv6 default port"
 * (redirectPortInboundV6 15010, no ipFamilyMode), 05 "ipv6 port customized" (15066) and 06 "ipv6 disabled"
 * (ipFamilyMode IPv4 with redirectPortInboundV6 15066, "actually invalid" says the test); from 2.9.0 04 is
 * "ipv6 disabled" (ipFamilyMode IPv4). The tags each entry was checked at are in upstream/suites.ts.
 */
import type { KumaMinor, Release } from "../../../src/core/model/versions.js";
import { TrafficLogSpecSchema, trafficLogModel } from "../../../src/core/snapshot/traffic-log.js";
import { type TrafficLogModel } from "../../../src/core/model/traffic-log.js";
import { readDeltaYaml } from "../lib/golden.js";
import { dataplane, mesh, resourceSetEntries, runGenerator } from "../lib/meshsim.js";
import type { Comparison, Plan } from "../lib/types.js";

/** meshsim requires `networking.address`; Kuma's test Dataplanes have none and the generator ignores it. */
const PLACEHOLDER_ADDRESS = "192.0.2.1";
const TEST_MESH_LOGGING = { backends: [{ name: "file", type: "file", conf: { path: "/var/log" } }] };
const F_UNIFIED = "feature-unified-resource-naming";
const F_STRICT = "feature-strict-inbound-ports";

interface EntryInput {
  readonly title: string;
  readonly dp: Record<string, unknown>;
  readonly mesh: Record<string, unknown>;
  /** The TrafficLog the test hands the generator, by destination service (Kuma's proxy.Policies.TrafficLogs). */
  readonly trafficLogs?: Readonly<Record<string, TrafficLogModel>>;
  /** The test's `proxy.WorkloadIdentity` is set (3.0: `withWorkloadIdentity`, the gateway entry). */
  readonly workloadIdentity?: boolean;
}

/** The test's TrafficLog (sources `*`, file backend); entries 02/04/05 give it for `some-service`, 03 for `pass_through`. */
function testTrafficLog(): TrafficLogModel {
  return trafficLogModel(
    "pass-through",
    "default",
    TrafficLogSpecSchema.parse({ sources: [{ match: { "kuma.io/service": "*" } }], destinations: [{ match: { "kuma.io/service": "pass_through" } }], conf: { backend: "file" } }),
  );
}

function tp(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { redirectPortOutbound: 15001, redirectPortInbound: 15006, ...extra };
}

function dpSpec(networking: Record<string, unknown>, features?: readonly string[]): Record<string, unknown> {
  return { networking: { address: PLACEHOLDER_ADDRESS, ...networking }, ...(features ? { meshsim: { features } } : {}) };
}

function testMesh(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { logging: TEST_MESH_LOGGING, ...extra };
}

const EXCLUSIVE = { meshServices: { mode: "Exclusive" } };
function mtls(mode: "STRICT" | "PERMISSIVE"): Record<string, unknown> {
  return { mtls: { enabledBackend: "backend", backends: [{ name: "backend", type: "builtin", mode }] } };
}

function strictInboundPortsEntry(title: string, ports: readonly number[], mode: "STRICT" | "PERMISSIVE"): EntryInput {
  return {
    title,
    dp: dpSpec({ inbound: ports.map((port) => ({ port })), transparentProxying: tp({ ipFamilyMode: "DualStack" }) }, [F_UNIFIED, F_STRICT]),
    mesh: testMesh({ ...EXCLUSIVE, ...mtls(mode) }),
  };
}

type EntryPlan = { readonly input: EntryInput } | { readonly notCovered: string; readonly attempt?: EntryInput };

/**
 * The 3.0 line's entries (transparent_proxy_generator_test.go @ kumahq/kuma 348b6528bc): the Mesh is `default` with
 * an empty spec and no TrafficLog is handed over (02 and 03 differ only in InternalAddresses, which the generator
 * does not read); 05 is gone; the strict-inbound-ports entries carry feature-strict-inbound-ports only (naming is
 * always unified) and differ by `proxy.WorkloadIdentity` instead of the Mesh's mTLS mode.
 */
function entryAt30(entry: string): EntryPlan | undefined {
  const dualStack = tp({ ipFamilyMode: "DualStack" });
  const strict = (title: string, ports: readonly number[], workloadIdentity: boolean): EntryPlan => ({
    input: { title, dp: dpSpec({ inbound: ports.map((port) => ({ port })), transparentProxying: dualStack }, [F_STRICT]), mesh: {}, workloadIdentity },
  });
  switch (entry) {
    case "01":
      return { input: { title: "no transparent proxy", dp: dpSpec({}), mesh: {} } };
    case "02":
      return { input: { title: "transparent proxy 15001/15006, DualStack", dp: dpSpec({ transparentProxying: dualStack }), mesh: {} } };
    case "03":
      // The test's Dataplane has no address; "with logs" hands no TrafficLog any more (the kind is removed at 3.0).
      return { input: { title: "transparent proxy 15001/15006, DualStack (\"with logs\": no TrafficLog at 3.0)", dp: { networking: { address: "", transparentProxying: dualStack } }, mesh: {} } };
    case "04":
      return { input: { title: "ipFamilyMode IPv4", dp: dpSpec({ transparentProxying: tp({ ipFamilyMode: "IPv4" }) }), mesh: {} } };
    case "06":
      return strict("feature-strict-inbound-ports, inbound 8080, workload identity", [8080], true);
    case "07":
      return strict("feature-strict-inbound-ports, inbounds 8080+9000, no identity", [8080, 9000], false);
    case "08":
      return strict("feature-strict-inbound-ports, inbound 8080, no identity", [8080], false);
    case "09":
      return {
        input: {
          title: "delegated gateway, feature-strict-inbound-ports, workload identity, no inbounds",
          dp: dpSpec({ gateway: { type: "DELEGATED", tags: { app: "test-gateway" } }, transparentProxying: dualStack }, [F_STRICT]),
          mesh: {},
          workloadIdentity: true,
        },
      };
    case "10":
      return strict("feature-strict-inbound-ports, duplicate inbound ports 8080 + 8080, workload identity", [8080, 8080], true);
  }
  return undefined;
}

/** The test entry `entry` as it stood at `minor`, or why meshsim cannot take it yet. */
function entryAt(entry: string, minor: KumaMinor): EntryPlan | undefined {
  if (minor === "3.0") return entryAt30(entry);
  const n = Number(minor.split(".")[1]);
  const legacyV6 = n <= 6;
  // transparent_proxy_generator_test.go @ 2.7.0 and 2.8.8: entries 04-06 are the IPv6 redirect-port variants.
  const v6Ports = n === 7 || n === 8;
  switch (entry) {
    case "01":
      return { input: { title: "no transparent proxy", dp: dpSpec({}), mesh: testMesh() } };
    case "02":
      return {
        input: {
          title: legacyV6 ? "transparent proxy 15001/15006 (no redirectPortInboundV6)" : "transparent proxy 15001/15006, DualStack",
          dp: dpSpec({ transparentProxying: legacyV6 ? tp() : tp({ ipFamilyMode: "DualStack" }) }),
          mesh: testMesh(),
          // "to show it is not picked": a TrafficLog for another service never reaches passthrough.
          trafficLogs: { "some-service": testTrafficLog() },
        },
      };
    case "03":
      // The test's Dataplane has no address and no service: the log line reads "default (unknown)".
      return {
        input: {
          title: "as 02, with a TrafficLog matched for pass_through (file backend /var/log)",
          dp: { networking: { address: "", transparentProxying: legacyV6 ? tp() : tp({ ipFamilyMode: "DualStack" }) } },
          mesh: testMesh(),
          trafficLogs: { pass_through: testTrafficLog() },
        },
      };
    case "04":
      return legacyV6 || v6Ports
        ? { input: { title: "IPv6 via redirectPortInboundV6 15010", dp: dpSpec({ transparentProxying: tp({ redirectPortInboundV6: 15010 }) }), mesh: testMesh() } }
        : { input: { title: "ipFamilyMode IPv4", dp: dpSpec({ transparentProxying: tp({ ipFamilyMode: "IPv4" }) }), mesh: testMesh() } };
    case "05":
      if (v6Ports) return { input: { title: "IPv6 via redirectPortInboundV6 15066", dp: dpSpec({ transparentProxying: tp({ redirectPortInboundV6: 15066 }) }), mesh: testMesh() } };
      return {
        input: {
          title: "unified naming (feature-unified-resource-naming + meshServices Exclusive)",
          dp: dpSpec({ transparentProxying: tp({ ipFamilyMode: "DualStack" }) }, [F_UNIFIED]),
          mesh: testMesh(EXCLUSIVE),
        },
      };
    case "06":
      if (v6Ports)
        return {
          input: {
            title: "ipFamilyMode IPv4 with redirectPortInboundV6 15066",
            dp: dpSpec({ transparentProxying: tp({ ipFamilyMode: "IPv4", redirectPortInboundV6: 15066 }) }),
            mesh: testMesh(),
          },
        };
      return { input: strictInboundPortsEntry("feature-strict-inbound-ports, inbound 8080, mTLS STRICT", [8080], "STRICT") };
    case "07":
      return { input: strictInboundPortsEntry("feature-strict-inbound-ports, inbounds 8080+9000, mTLS PERMISSIVE", [8080, 9000], "PERMISSIVE") };
    case "08":
      return { input: strictInboundPortsEntry("feature-strict-inbound-ports, inbound 8080, mTLS PERMISSIVE", [8080], "PERMISSIVE") };
    case "09":
      return {
        input: {
          title: "delegated gateway, features unified + strict-inbound-ports, mTLS STRICT",
          dp: dpSpec({ gateway: { type: "DELEGATED", tags: { app: "test-gateway" } }, transparentProxying: tp({ ipFamilyMode: "DualStack" }) }, [F_UNIFIED, F_STRICT]),
          mesh: testMesh({ ...EXCLUSIVE, ...mtls("STRICT") }),
        },
      };
    case "10":
      return {
        input: strictInboundPortsEntry(
          "feature-strict-inbound-ports, duplicate inbound ports 8080 + 8080, mTLS STRICT (inbounds as given by the inbound generator's author; the v2.14.3 test source was not available)",
          [8080, 8080],
          "STRICT",
        ),
      };
  }
  return undefined;
}

function compareEntry(abs: string, runAt: KumaMinor | Release, input: EntryInput): Comparison {
  const dp = dataplane("side-car", "default", input.dp);
  const m = mesh("default", input.mesh);
  const gen = runGenerator(dp, m, runAt, input.trafficLogs, input.workloadIdentity);
  return { kuma: readDeltaYaml(abs), meshsim: resourceSetEntries(gen.resources), notes: gen.notes };
}

/**
 * Plan for a `transparent-proxy` generator golden; `rest` starts with the entry number (`05.unified-naming.envoy.golden.yaml`).
 * `minor` picks the test entry's input as it stood at that minor; meshsim runs at `runAt` (default: the same minor).
 */
export function generatorPlan(abs: string, minor: KumaMinor, rest: string, runAt: KumaMinor | Release = minor): Plan {
  const entry = /^(\d\d)\./.exec(rest)?.[1];
  const p = entry ? entryAt(entry, minor) : undefined;
  if (!p) return { kind: "not-covered", reason: `no transparent-proxy generator test entry "${rest}" is known (see the entry list in scripts/conformance/cases/generator.ts)` };
  if ("notCovered" in p) {
    const attempt = p.attempt;
    return { kind: "not-covered", reason: p.notCovered, ...(attempt ? { attempt: () => compareEntry(abs, runAt, attempt) } : {}) };
  }
  return {
    kind: "compare",
    describe: `TransparentProxyGenerator (generateTransparentProxy + applyStrictInboundPorts) @ ${runAt}, test entry ${entry}: ${p.input.title}`,
    run: () => compareEntry(abs, runAt, p.input),
  };
}
