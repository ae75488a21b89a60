/**
 * Structure-aware hostile requests for `npm run fuzz` (scripts/hardening/fuzz.ts): fast-check arbitraries that build
 * bodies the way a caller would (resources, MeshProxyPatch modifications with JSON patches and `value:` YAML,
 * MeshPassthrough matches, route regexes) and then put hostile material where each field is: odd pointers, YAML
 * features meshsim refuses, regex syntax, Unicode, numbers JSON or YAML treat specially, wrong types.
 */
import fc from "fast-check";

/** One request the fuzzer sends. */
export interface FuzzInput {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

// ---- leaves ----

const unicode = fc.constantFrom("é", "\u0000", "\u200b", "\ud800", "\ufeff", "𝕏", "\u202e", "İ", "ß", "\r\n", "\t", "\\", '"', "'", "%00", "../", "${x}", "{{x}}");
const hostileString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 10 }),
  fc.array(unicode, { maxLength: 6 }).map((a) => a.join("")),
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "", " ", "*", "-", "~", "~0", "~1", "null", "true", "yes", "on", "0x1F", "0777", "1e309", "-0", "NaN", ".inf"),
  fc.nat({ max: 2_000 }).map((n) => "a".repeat(n)),
);
const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 65535, 65536, -1, 2 ** 31, 2 ** 53, 1e21, Number.MAX_VALUE, Number.MIN_VALUE));
const scalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(hostileString, tie("value"), { maxKeys: 4 })),
})).value;
const wrongType = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(hostileString, scalar, { maxKeys: 3 }));

/** Mostly a usable value, sometimes a hostile one: a body that fails its first check exercises nothing deeper. */
function mostly<T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

// ---- JSON pointers and patches ----

const segment = fc.oneof(hostileString, fc.constantFrom("0", "00", "-", "1", "99999999999", "filterChains", "filters", "typedConfig", "routes", "__proto__", "constructor", "prototype"));
const pointer = fc.oneof(fc.array(segment, { maxLength: 6 }).map((s) => (s.length === 0 ? "" : `/${s.map((x) => x.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`)), hostileString, fc.constantFrom("/", "//", "/~2", "/-", "/0/-", "/a/-/b"));
const patchOp = fc.record(
  { op: mostly(fc.constantFrom("add", "remove", "replace", "move", "copy", "test"), hostileString), path: mostly(fc.constantFrom("/name", "/connectTimeout", "/filterChains/0/filters/0", "/routes/0", "/routes/-", "/a/b", "/0"), pointer), from: mostly(fc.constantFrom("/name", "/connectTimeout", "/filterChains/0", "/routes/0"), pointer), value: json },
  { requiredKeys: ["op", "path"] },
);

// ---- YAML for value: ----

const yamlFeature = fc.constantFrom(
  "a: &x 1\nb: *x",
  "!!binary aGVsbG8=",
  "%YAML 1.1\n---\na: 1",
  "a: 1\n---\nb: 2",
  "<<: {a: 1}",
  "a: 1\na: 2",
  "? [a]\n: 1",
  "x: |\n  block\n  text",
  "x: >-\n  folded",
  "x: 'quoted # not a comment'",
  "{a: [1, 2, {b: c}]}",
  "- - - - - deep",
  "name: envoy.filters.network.tcp_proxy\ntypedConfig:\n  '@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy\n  statPrefix: x\n  cluster: y",
  "connectTimeout: 5s",
  "connectTimeout: yes",
  "routes:\n- match: {safeRegex: {regex: '^/a.*'}}\n  route: {cluster: x}",
);
const yamlText = fc.oneof(
  yamlFeature,
  fc.tuple(yamlFeature, yamlFeature).map(([a, b]) => `${a}\n${b}`),
  fc.nat({ max: 200 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
  fc.nat({ max: 300 }).map((n) => `x: [${",".repeat(n)}]`),
  fc.nat({ max: 300 }).map((n) => "}".repeat(n)),
  fc.nat({ max: 100 }).map((n) => Array.from({ length: n }, (_, i) => `${" ".repeat(i % 40)}k${i}: v`).join("\n")),
  hostileString,
);

// ---- regexes ----

const regexPart = fc.constantFrom("a", ".", ".*", "[a-z]", "[^/]+", "(", ")", "|", "\\d", "\\p{Greek}", "\\Q*\\E", "(?i)", "(?P<n>x)", "(?=a)", "{2}", "{1000}", "{1001}", "{2,}", "*?", "+", "?", "^", "$", "\\", "[", "]", "\\x{10FFFF}", "é");
const regex = fc.oneof(fc.array(regexPart, { maxLength: 12 }).map((p) => p.join("")), hostileString, fc.nat({ max: 160 }).map((n) => "a{1000}".repeat(n)));

// ---- resources ----

const name = mostly(fc.constantFrom("web-01", "backend", "p1", "p2", "p3"), hostileString);
const port = mostly(fc.constantFrom(80, 443, 8080, 15001, 15006), hostileNumber);
const dataplane = fc.record({
  type: fc.constant("Dataplane"),
  mesh: fc.constant("default"),
  name,
  networking: fc.record({
    address: mostly(fc.constantFrom("10.0.0.6", "fd00::5", "10.0.0.7"), fc.oneof(fc.constantFrom("::1", "0.0.0.0", "256.1.1.1"), hostileString)),
    inbound: fc.array(fc.record({ port, tags: fc.record({ "kuma.io/service": mostly(fc.constantFrom("backend", "api"), hostileString) }) }), { minLength: 1, maxLength: 3 }),
    transparentProxying: mostly(fc.constant({ redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "DualStack" }), wrongType),
  }),
});
const passthrough = fc.record({
  type: fc.constant("MeshPassthrough"),
  mesh: fc.constant("default"),
  name,
  spec: fc.record({
    default: fc.record({
      passthroughMode: mostly(fc.constantFrom("All", "Matched", "None"), hostileString),
      appendMatch: fc.array(
        fc.record({ type: mostly(fc.constantFrom("Domain", "IP", "CIDR"), hostileString), value: mostly(fc.constantFrom("*.example.org", "example.com", "www.example.org", "10.0.0.0/8", "::/0", "203.0.113.66"), hostileString), port, protocol: mostly(fc.constantFrom("tcp", "tls", "http", "http2", "grpc"), hostileString) }),
        { maxLength: 5 },
      ),
    }),
  }),
});
const modKind = fc.constantFrom("cluster", "listener", "networkFilter", "httpFilter", "virtualHost");
const modification = fc
  .tuple(
    modKind,
    fc.record(
      {
        operation: mostly(fc.constantFrom("Add", "Remove", "Patch"), hostileString),
        match: fc.oneof(fc.constant({}), fc.record({ name: hostileString, origin: hostileString, routeConfigurationName: fc.constantFrom("meshpassthrough_http_80", "x") }, { requiredKeys: [] })),
        value: yamlText,
        jsonPatches: fc.oneof(
          fc.array(patchOp, { maxLength: 6 }),
          fc.array(fc.record({ op: fc.constant("add"), path: fc.constant("/routes/0"), value: regex.map((r) => ({ match: { safeRegex: { regex: r } }, route: { cluster: "x" } })) }), { maxLength: 4 }),
        ),
      },
      { requiredKeys: ["operation"] },
    ),
  )
  .map(([kind, m]) => ({ [kind]: m }));
const proxyPatch = fc.record({
  type: fc.constant("MeshProxyPatch"),
  mesh: fc.constant("default"),
  name,
  spec: fc.record({ targetRef: mostly(fc.constant({ kind: "Mesh" }), wrongType), default: fc.record({ appendModifications: fc.array(modification, { maxLength: 4 }) }) }),
});
const proxyTemplate = fc.record({
  type: fc.constant("ProxyTemplate"),
  mesh: fc.constant("default"),
  name,
  selectors: fc.constant([{ match: { "kuma.io/service": "*" } }]),
  conf: fc.record({ imports: fc.constant(["default-proxy"]), modifications: fc.array(fc.tuple(modKind, fc.record({ operation: fc.constantFrom("add", "remove", "patch"), value: yamlText })).map(([k, m]) => ({ [k]: m })), { maxLength: 3 }) }),
});
const resource = fc.oneof(
  { weight: 2, arbitrary: dataplane },
  { weight: 3, arbitrary: passthrough },
  { weight: 4, arbitrary: proxyPatch },
  { weight: 2, arbitrary: proxyTemplate },
  { weight: 1, arbitrary: fc.dictionary(hostileString, json, { maxKeys: 4 }) },
);

const request = mostly(
  fc.record(
    { to: mostly(fc.constantFrom("http://www.example.org/api", "http://www.example.org/", "https://example.com", "tcp://10.0.0.9:5432", "http://example.com:8080/x"), hostileString), ip: mostly(fc.constantFrom("203.0.113.66", "2001:db8::1"), hostileString), from: fc.constant("web-01") },
    { requiredKeys: ["to", "ip"] },
  ),
  wrongType,
);

const base = [
  { type: "Dataplane", mesh: "default", name: "web-01", networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "DualStack" } } },
  { type: "MeshPassthrough", mesh: "default", name: "allow-api", spec: { default: { appendMatch: [{ type: "Domain", value: "*.example.org", port: 80, protocol: "http" }] } } },
];

/** A simulate body: the base snapshot plus hostile resources, sometimes as one YAML string, sometimes with junk keys. */
const simulateBody = fc.record({
  kumaVersion: mostly(fc.constantFrom("2.14", "2.13", "2.12", "2.9"), hostileString),
  request,
  resources: mostly(fc.array(resource, { maxLength: 4 }).map((r) => [...base, ...r]), fc.oneof(yamlText, wrongType)),
}).chain((b) => fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: json }).map((extra) => (extra === undefined ? b : { ...b, extra })));

function toYaml(v: unknown, indent = ""): string {
  // Flow style: JSON is YAML 1.2, except that tabs and some escapes differ; that difference is itself fuzz.
  return indent + JSON.stringify(v);
}

/** A whole request: endpoint, content type, and a body made from the pieces above (or from raw bytes). */
export const fuzzInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 6, arbitrary: simulateBody.map((b) => ({ path: "/v1/simulate", contentType: "application/json", body: JSON.stringify(b) })) },
  { weight: 2, arbitrary: simulateBody.map((b) => ({ path: "/v1/simulate", contentType: "application/yaml", body: toYaml(b) })) },
  { weight: 1, arbitrary: fc.tuple(simulateBody, fc.array(request, { maxLength: 5 })).map(([b, r]) => ({ path: "/v1/simulate/batch", contentType: "application/json", body: JSON.stringify({ ...b, request: undefined, requests: r }) })) },
  { weight: 1, arbitrary: simulateBody.map((b) => ({ path: "/v1/validate", contentType: "application/json", body: JSON.stringify({ kumaVersion: b.kumaVersion, resources: b.resources }) })) },
  { weight: 1, arbitrary: yamlText.map((t) => ({ path: "/v1/simulate", contentType: "application/yaml", body: t })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("application/json", "application/yaml", "text/plain", "application/merge-patch+json"), fc.string({ unit: "binary", maxLength: 200 })).map(([ct, body]) => ({ path: "/v1/simulate", contentType: ct, body })) },
);

/** The clean request compared byte for byte during a run: the q3 MeshPassthrough scenario (a 200 with a route). */
export const CLEAN: FuzzInput = {
  path: "/v1/simulate",
  contentType: "application/json",
  body: JSON.stringify({ kumaVersion: "2.14", request: { to: "http://www.example.com", ip: "203.0.113.66" }, resources: base }),
};
