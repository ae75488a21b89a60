/**
 * The hostile requests measured in issue #15, as bodies: shared by the tests that pin their answers
 * (src/http/app.attacks.test.ts) and the script that times them (`npm run attacks`).
 */

/** One hostile request. */
export interface Attack {
  readonly name: string;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
  /** The answer it must get now: a status and, for a problem, its type. */
  readonly expect: { readonly status: number; readonly type?: string };
}

const JSON_CT = "application/json";
const YAML_CT = "application/yaml";

/** The HTTP MeshService of the scenarios (test/scenarios/h-mesh-service), as JSON resources. */
export function meshServiceResources(): unknown[] {
  return [
    { type: "Mesh", name: "default", meshServices: { mode: "Exclusive" } },
    {
      type: "Dataplane",
      mesh: "default",
      name: "web-01",
      networking: {
        address: "10.0.0.5",
        inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }],
        transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" },
      },
    },
    {
      type: "MeshService",
      mesh: "default",
      name: "backend",
      spec: { selector: { dataplaneTags: { "kuma.io/service": "backend" } }, ports: [{ port: 80, targetPort: 8080, appProtocol: "http" }] },
      status: { vips: [{ ip: "241.0.0.7" }], addresses: [{ hostname: "backend.svc.mesh.local" }] },
    },
  ];
}

const REQUEST = { to: "http://backend.svc.mesh.local/api", from: "web-01" };

/** A 1,022-character pattern of `<c>{1000}` repeats (146 of them), as in the issue. */
export function repeatRegex(c: string): string {
  return `${c}{1000}`.repeat(146);
}

/** A MeshProxyPatch whose `appendModifications` are `mods`. */
function proxyPatch(name: string, mods: unknown[]): unknown {
  return { type: "MeshProxyPatch", mesh: "default", name, spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: mods } } };
}

/**
 * A MeshPassthrough HTTP chain (test/scenarios/q3-meshpassthrough-http-no-match), the one place an outbound request
 * walks routes, with ten routes of 1,022-character regexes put in front of its routes by one virtualHost JSON patch.
 */
export function tenRegexRoutes(): Attack {
  const ops = "abcdefghij".split("").map((c) => ({ op: "add", path: "/routes/0", value: { match: { safeRegex: { regex: repeatRegex(c) } }, route: { cluster: "x" } } }));
  const resources = [
    {
      type: "Dataplane",
      mesh: "default",
      name: "web-01",
      networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "DualStack" } },
    },
    { type: "MeshPassthrough", mesh: "default", name: "allow-api", spec: { default: { appendMatch: [{ type: "Domain", value: "*.example.org", port: 80, protocol: "http" }] } } },
    proxyPatch("regexes", [{ virtualHost: { operation: "Patch", match: { routeConfigurationName: "meshpassthrough_http_80" }, jsonPatches: ops } }]),
  ];
  const body = { request: { to: "http://www.example.org/api", ip: "203.0.113.66" }, resources };
  return { name: "ten safeRegex routes of 1,022-character regexes", path: "/v1/simulate", contentType: JSON_CT, body: JSON.stringify(body), expect: { status: 200 } };
}

const COMMAS = `x: [${",".repeat(130_000)}]`;

/** `x: [` + 130,000 commas + `]` as the YAML body. */
export function commasYamlBody(): Attack {
  return { name: "YAML body x: [ + 130,000 commas + ]", path: "/v1/simulate", contentType: YAML_CT, body: COMMAS, expect: { status: 400, type: "invalid-request" } };
}

/** The same text as a JSON body's `resources` string. */
export function commasInResources(): Attack {
  return { name: "the same inside a JSON body's resources string", path: "/v1/simulate", contentType: JSON_CT, body: JSON.stringify({ request: REQUEST, resources: COMMAS }), expect: { status: 400, type: "invalid-request" } };
}

/** The same text as a MeshProxyPatch `value:`. */
export function commasInValue(): Attack {
  const body = { request: REQUEST, resources: [...meshServiceResources(), proxyPatch("commas", [{ cluster: { operation: "Patch", match: {}, value: COMMAS } }])] };
  return { name: "the same in a MeshProxyPatch value:", path: "/v1/simulate", contentType: JSON_CT, body: JSON.stringify(body), expect: { status: 400, type: "invalid-request" } };
}

/** Three 65 KB `value:` strings of `}`. */
export function closingBraceValues(): Attack {
  const mods = [0, 1, 2].map(() => ({ cluster: { operation: "Patch", match: {}, value: "}".repeat(65_000) } }));
  const body = { request: REQUEST, resources: [...meshServiceResources(), proxyPatch("braces", mods)] };
  return { name: "three 65 KB value: strings of }", path: "/v1/simulate", contentType: JSON_CT, body: JSON.stringify(body), expect: { status: 413, type: "too-expensive" } };
}

/** Fifteen large valid `value:` patches (about 1 MB of JSON). */
export function fifteenLargeValues(): Attack {
  const big = `connectTimeout: 5s\nmetadata:\n  filterMetadata:\n    meshsim:\n${Array.from({ length: 2_600 }, (_, i) => `      k${i}: v${i}`).join("\n")}`;
  const mods = Array.from({ length: 15 }, () => ({ cluster: { operation: "Patch", match: {}, value: big } }));
  const body = { request: REQUEST, resources: [...meshServiceResources(), proxyPatch("large", mods)] };
  return { name: "fifteen large valid value: patches", path: "/v1/simulate", contentType: JSON_CT, body: JSON.stringify(body), expect: { status: 413, type: "too-expensive" } };
}

/** 200 modifications over a snapshot of 5,001 resources: 1,000,200 modifications × resources. */
export function manyModificationsManyResources(): Attack {
  const meshes = Array.from({ length: 4_997 }, (_, i) => ({ type: "Mesh", name: `m${i}` }));
  const mods = Array.from({ length: 200 }, () => ({ cluster: { operation: "Patch", match: {}, jsonPatches: [{ op: "add", path: "/x", value: 1 }] } }));
  const body = { request: REQUEST, resources: [...meshServiceResources(), ...meshes, proxyPatch("many", mods)] };
  return { name: "200 modifications × 5,001 resources", path: "/v1/simulate", contentType: JSON_CT, body: JSON.stringify(body), expect: { status: 422, type: "too-expensive" } };
}

/** Every attack, in the order. */
export function attacks(): Attack[] {
  return [tenRegexRoutes(), commasYamlBody(), commasInResources(), commasInValue(), closingBraceValues(), fifteenLargeValues(), manyModificationsManyResources()];
}
