/**
 * Kuma's MeshPassthrough plugin unit test (`pkg/plugins/policies/meshpassthrough/plugin/v1alpha1/
 * plugin_test.go @ v2.14.3`) as meshsim inputs; goldens `testdata/<case>.{listener,listeners,clusters}
 * .golden.yaml`.
 *
 * The test hands the plugin a resource set it builds by hand (not the TP generator): DP `test` in mesh
 * `default` (address 127.0.0.1, `WithTransparentProxying(15006, 15001, "ipv4")`, inbound 17777
 * `backend`), listeners `outbound:passthrough:ipv4` (0.0.0.0:15001) and `…:ipv6` ([::]:15001) with one
 * catch-all tcp_proxy chain and no `useOriginalDst`, no clusters; the mode cases use only the IPv4
 * listener, plus a bare `{name}` cluster `outbound:passthrough:ipv4` in two of them. InternalAddresses
 * are empty, which gives `127.0.0.1/32` in the HCM. Mesh `default`, passthrough true unless noted.
 *
 * meshsim side: `applyMeshPassthrough(resources, conf, options)` from `src/core/policies/meshpassthrough/`
 * (its index.ts, else plugin.ts), imported at run time so the runner works before the module exists. It
 * gets the fixture as a ResourceSet (origin `transparent`), the merged conf `{passthroughMode?,
 * appendMatch?}` and `{internalAddresses: [], features, meshPassthrough, scheme}` (plus `mesh`,
 * `dataplane`, `transparentProxy` for a module that wants them); it returns a ResourceSet or
 * `{resources, error?}`. If the module cannot be imported, these goldens are not covered.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { planTransparentProxy } from "../../../src/core/model/transparent-proxy.js";
import { features, type KumaMinor, type Release } from "../../../src/core/model/versions.js";
import { FILTER, ORIGIN, TYPE_URL, passthroughName, sanitizeStatName, type NamingScheme } from "../../../src/core/xds/names.js";
import type { ResourceSet, XdsResource } from "../../../src/core/xds/resource-set.js";
import { readDeltaYaml } from "../lib/golden.js";
import { dataplane, mesh, resourceSetEntries } from "../lib/meshsim.js";
import type { Comparison, Plan } from "../lib/types.js";

interface Match {
  readonly type: "Domain" | "IP" | "CIDR";
  readonly value: string;
  readonly port?: number;
  readonly protocol: string;
}
interface Conf {
  readonly passthroughMode?: "All" | "Matched" | "None";
  readonly appendMatch?: readonly Match[];
}
interface PluginCase {
  readonly title: string;
  readonly conf: Conf;
  readonly meshPassthrough: boolean;
  readonly fixture: "both-listeners" | "ipv4-listener" | "ipv4-listener-and-bare-cluster";
}

const m = (type: Match["type"], value: string, protocol: string, port?: number): Match => ({ type, value, protocol, ...(port !== undefined ? { port } : {}) });

/** Test entries of plugin_test.go @ v2.14.3, transcribed by hand (each checked against the Go source). */
const CASES: Readonly<Record<string, PluginCase>> = {
  simple: {
    title: "Domain http :80 + IP tcp :80",
    conf: { appendMatch: [m("Domain", "api.example.com", "http", 80), m("IP", "192.168.0.0", "tcp", 80)] },
    meshPassthrough: true,
    fixture: "both-listeners",
  },
  "only-ipv4-rules": {
    title: "one IPv4 tcp rule: the IPv6 listener keeps its chain",
    conf: { appendMatch: [m("IP", "192.168.0.0", "tcp", 80)] },
    meshPassthrough: true,
    fixture: "both-listeners",
  },
  "cidr-http": {
    title: "http CIDRs on :80 and a port-less http IP",
    conf: { appendMatch: [m("CIDR", "10.10.0.0/16", "http", 80), m("CIDR", "192.168.0.0/24", "http", 80), m("IP", "192.168.0.0", "http")] },
    meshPassthrough: true,
    fixture: "both-listeners",
  },
  "http-domains-aggregated": {
    title: "http domains and a wildcard, with and without port",
    conf: {
      appendMatch: [m("Domain", "example1.com", "http", 80), m("Domain", "anotherexample.com", "http"), m("Domain", "example2.com", "http", 80), m("Domain", "*.example.com", "http")],
    },
    meshPassthrough: true,
    fixture: "both-listeners",
  },
  "mysql-protocol": {
    title: "mysql IP :3306 and CIDR :3307",
    conf: { appendMatch: [m("IP", "172.12.2.2", "mysql", 3306), m("CIDR", "172.12.2.2/24", "mysql", 3307)] },
    meshPassthrough: true,
    fixture: "both-listeners",
  },
  "http-domains": {
    // Read back from the golden's own output at first (two vhosts, one on port 80 and one port-less, clusters
    // www.example.com_80 and www.anotherexample.com_* / _80); it equals the Go entry "http domains" in
    // plugin_test.go @ v2.14.3 (www.example.com http :80, www.anotherexample.com http without port).
    title: "http domains, one on port 80 and one port-less (input reconstructed from the golden's output)",
    conf: { appendMatch: [m("Domain", "www.example.com", "http", 80), m("Domain", "www.anotherexample.com", "http")] },
    meshPassthrough: true,
    fixture: "both-listeners",
  },
  "same-protocol": {
    title: "http domain :80 + port-less http IP",
    conf: { appendMatch: [m("Domain", "www.gmail.com", "http", 80), m("IP", "10.42.0.8", "http")] },
    meshPassthrough: true,
    fixture: "both-listeners",
  },
  basic: {
    title: "Matched, everything at once",
    conf: {
      passthroughMode: "Matched",
      appendMatch: [
        m("Domain", "api.example.com", "tls", 443),
        m("Domain", "example.com", "tls", 443),
        m("Domain", "*.example.com", "tls", 443),
        m("Domain", "example.com", "http", 8080),
        m("Domain", "other.com", "http", 8080),
        m("CIDR", "192.168.0.0/16", "http", 8126),
        m("CIDR", "240.0.0.0/4", "http", 8126),
        m("Domain", "www.google.com", "http", 80),
        m("IP", "10.42.0.8", "http"),
        m("IP", "b6e5:a45e:70ae:e77f:d24e:5023:375d:20a6", "tls"),
        m("IP", "9942:9abf:d0e0:f2da:2290:333b:e590:f497", "tcp", 9091),
      ],
    },
    meshPassthrough: true,
    fixture: "both-listeners",
  },
  disabled_on_policy: {
    title: "mesh passthrough true, passthroughMode None",
    conf: { passthroughMode: "None" },
    meshPassthrough: true,
    fixture: "ipv4-listener-and-bare-cluster",
  },
  enabled_on_policy: {
    title: "mesh passthrough false, passthroughMode All (+ an ignored tls match)",
    conf: { passthroughMode: "All", appendMatch: [m("Domain", "api.example.com", "tls", 443)] },
    meshPassthrough: false,
    fixture: "ipv4-listener",
  },
  enabled_on_policy_and_mesh: {
    title: "mesh passthrough true, passthroughMode All (+ a tls match)",
    conf: { passthroughMode: "All", appendMatch: [m("Domain", "api.example.com", "tls", 443)] },
    meshPassthrough: true,
    fixture: "ipv4-listener-and-bare-cluster",
  },
};

/** Goldens of the plugin test whose input is not known. */
const UNKNOWN_INPUT: Readonly<Record<string, string>> = {
};

/**
 * The test's hand-built listeners and cluster. At the 3.0 line (kumahq/kuma@348b6528bc plugin_test.go) they are
 * named `naming.ContextualTransparentProxyName("outbound", 4|6)` (unified: naming is always unified at 3.0),
 * the tcp_proxy stat prefix staying the literal `outbound_passthrough_ipv4|6`; before, the legacy names.
 */
function fixtureListener(family: "ipv4" | "ipv6", scheme: NamingScheme): XdsResource {
  const name = passthroughName("outbound", family, scheme);
  return {
    type: "listener",
    name,
    origin: ORIGIN.transparent,
    value: {
      name,
      address: { socketAddress: { address: family === "ipv4" ? "0.0.0.0" : "::", portValue: 15001 } },
      filterChains: [{ filters: [{ name: FILTER.tcpProxy, typedConfig: { "@type": TYPE_URL.tcpProxy, cluster: name, statPrefix: sanitizeStatName(passthroughName("outbound", family, "legacy")) } }] }],
      trafficDirection: "OUTBOUND",
    },
  };
}

function fixture(kind: PluginCase["fixture"], scheme: NamingScheme): ResourceSet {
  const clusterName = passthroughName("outbound", "ipv4", scheme);
  const bareCluster: XdsResource = { type: "cluster", name: clusterName, origin: ORIGIN.transparent, value: { name: clusterName } };
  switch (kind) {
    case "both-listeners":
      return [fixtureListener("ipv4", scheme), fixtureListener("ipv6", scheme)];
    case "ipv4-listener":
      return [fixtureListener("ipv4", scheme)];
    case "ipv4-listener-and-bare-cluster":
      return [fixtureListener("ipv4", scheme), bareCluster];
  }
}

const MODULE_DIR = "src/core/policies/meshpassthrough";
/** The module's entry, then the file Kuma's layout puts the plugin in. */
const MODULE_FILES = ["index.ts", "plugin.ts"];

type ApplyFn = (resources: ResourceSet, conf: Conf, options: Record<string, unknown>) => unknown;
type Loaded = { readonly apply: ApplyFn; readonly from: string } | { readonly notCovered: string } | { readonly error: string };

let loaded: Promise<Loaded> | undefined;

/** Imports meshsim's MeshPassthrough module once and finds `applyMeshPassthrough` in it. */
export function loadMeshPassthrough(repoRoot: string): Promise<Loaded> {
  loaded ??= (async (): Promise<Loaded> => {
    const entry = join(repoRoot, MODULE_DIR, MODULE_FILES[0]!);
    if (!existsSync(entry)) return { notCovered: `meshsim's MeshPassthrough module does not exist yet (${MODULE_DIR}/${MODULE_FILES[0]} not found)` };
    const exportsSeen: string[] = [];
    for (const f of MODULE_FILES) {
      const file = join(repoRoot, MODULE_DIR, f);
      if (!existsSync(file)) continue;
      let mod: Record<string, unknown>;
      try {
        mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (e) {
        return { notCovered: `meshsim's MeshPassthrough module cannot be imported yet (${MODULE_DIR}/${f}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)})` };
      }
      const apply = mod["applyMeshPassthrough"];
      if (typeof apply === "function") return { apply: apply as ApplyFn, from: `${MODULE_DIR}/${f}` };
      exportsSeen.push(`${f}: ${Object.keys(mod).join(", ") || "nothing"}`);
    }
    return { error: `${MODULE_DIR} imports but exports no function applyMeshPassthrough (${exportsSeen.join("; ")})` };
  })();
  return loaded;
}

const results = new Map<string, ResourceSet>();

function runCase(apply: ApplyFn, name: string, c: PluginCase, runAt: KumaMinor | Release): ResourceSet {
  const key = `${runAt}/${name}`;
  const cached = results.get(key);
  if (cached) return cached;
  const f = features(runAt);
  const dp = dataplane("test", "default", {
    networking: {
      address: "127.0.0.1",
      inbound: [{ address: "127.0.0.1", port: 17777, tags: { "kuma.io/service": "backend" } }],
      // Kuma's test calls WithTransparentProxying(15006, 15001, "ipv4"): (redirectPortOutbound, redirectPortInbound, mode).
      transparentProxying: { redirectPortOutbound: 15006, redirectPortInbound: 15001, ipFamilyMode: "IPv4" },
    },
  });
  const msh = mesh("default", c.meshPassthrough ? {} : { networking: { outbound: { passthrough: false } } });
  const plan = planTransparentProxy(dp, msh, f);
  const out = apply(fixture(c.fixture, f.unifiedNamingAlways ? "unified" : "legacy"), c.conf, {
    internalAddresses: [],
    features: f,
    meshPassthrough: msh.passthrough,
    scheme: plan.scheme,
    mesh: msh,
    dataplane: dp,
    transparentProxy: plan,
  });
  let rs: unknown = out;
  if (!Array.isArray(out) && typeof out === "object" && out !== null) {
    const o = out as Record<string, unknown>;
    const failure = o["configError"] ?? o["error"];
    if (failure) throw new Error(`applyMeshPassthrough failed: ${JSON.stringify(failure)}`);
    rs = o["resources"];
  }
  if (!Array.isArray(rs)) throw new Error("applyMeshPassthrough returned neither a ResourceSet nor {resources}");
  results.set(key, rs as ResourceSet);
  return rs as ResourceSet;
}

/**
 * Plan for a plugin golden. `file` is `<case>.<listener|listeners|clusters>.golden.yaml`; tp/ and mpp/
 * keep copies of some under `v2.14.3__meshpassthrough__<same name>`.
 */
export async function meshPassthroughPlan(abs: string, file: string, repoRoot: string, runAt: KumaMinor | Release = "2.14"): Promise<Plan> {
  const mm = /^(.+)\.(listener|listeners|clusters)\.golden\.yaml$/.exec(file);
  if (!mm) return { kind: "not-covered", reason: `not a MeshPassthrough plugin golden name ("${file}")` };
  const [, name, what] = mm as unknown as [string, string, string];
  const unknown = UNKNOWN_INPUT[name];
  if (unknown) return { kind: "not-covered", reason: unknown };
  const c = CASES[name];
  if (!c) return { kind: "not-covered", reason: `no input is known for MeshPassthrough plugin case "${name}"` };
  const mod = await loadMeshPassthrough(repoRoot);
  if ("notCovered" in mod) return { kind: "not-covered", reason: mod.notCovered };
  if ("error" in mod) return { kind: "compare", describe: `MeshPassthrough plugin, case ${name}`, run: () => { throw new Error(mod.error); } };
  const typeUrl = what === "clusters" ? TYPE_URL.cluster : TYPE_URL.listener;
  return {
    kind: "compare",
    describe: `applyMeshPassthrough (${mod.from}) @ ${runAt}, plugin_test case ${name} (${c.title}): ${what === "clusters" ? "clusters" : "listeners"}`,
    run: (): Comparison => ({
      kuma: readDeltaYaml(abs),
      meshsim: resourceSetEntries(runCase(mod.apply, name, c, runAt)).filter((e) => e.typeUrl === typeUrl),
    }),
  };
}
