import { describe, expect, it } from "vitest";
import {
  applyJsonPatch,
  guardJsonPatch,
  KUMA_JSON_PATCH_ERROR_PREFIX,
  type JsonPatchOp,
} from "./json-patch.js";
import type { JsonObject } from "../json.js";

const failed = (message: string) => ({ ok: false, message });
const patched = (doc: unknown) => ({ ok: true, doc });

// "Ex N" below is only a label: Ex 5-9 are the jsonPatches cases of kuma meshproxypatch cluster_mod_test.go,
// listener_mod_test.go, network_filter_mod_test.go, http_filter_mod_test.go and virtual_host_test.go @ v2.14.3;
// Ex 1 is the kuma-website non-mesh-traffic page's /connectTimeout patch.
describe("applyJsonPatch: Kuma worked examples", () => {
  // Ex 5, cluster_mod_test.go "should patch cluster matching origins with JsonPatch": parent creation by EnsurePathExistsOnAdd.
  const ex5: JsonPatchOp[] = [
    { op: "add", path: "/transportSocket/typedConfig/commonTlsContext/tlsParams", value: { tlsMinimumProtocolVersion: "TLSv1_2" } },
    { op: "add", path: "/transportSocket/typedConfig/commonTlsContext/tlsParams/tlsMaximumProtocolVersion", value: "TLSv1_2" },
    { op: "replace", path: "/connectTimeout", value: "77s" },
  ];
  const tlsType = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext";

  it("Ex 5, foo-service: tlsParams added next to alpnProtocols, connectTimeout replaced", () => {
    const foo = {
      name: "foo-service",
      connectTimeout: "5s",
      transportSocket: {
        name: "envoy.transport_sockets.tls",
        typedConfig: { "@type": tlsType, commonTlsContext: { alpnProtocols: ["kuma"] }, sni: "foo.mesh" },
      },
    };
    expect(applyJsonPatch(foo, ex5)).toEqual(
      patched({
        name: "foo-service",
        connectTimeout: "77s",
        transportSocket: {
          name: "envoy.transport_sockets.tls",
          typedConfig: {
            "@type": tlsType,
            commonTlsContext: {
              alpnProtocols: ["kuma"],
              tlsParams: { tlsMinimumProtocolVersion: "TLSv1_2", tlsMaximumProtocolVersion: "TLSv1_2" },
            },
            sni: "foo.mesh",
          },
        },
      }),
    );
  });

  it("Ex 5, baz-service: commonTlsContext is created because it was missing", () => {
    const baz = {
      name: "baz-service",
      connectTimeout: "11s",
      transportSocket: { name: "envoy.transport_sockets.tls", typedConfig: { "@type": tlsType, sni: "baz.mesh" } },
    };
    expect(applyJsonPatch(baz, ex5)).toEqual(
      patched({
        name: "baz-service",
        connectTimeout: "77s",
        transportSocket: {
          name: "envoy.transport_sockets.tls",
          typedConfig: {
            "@type": tlsType,
            sni: "baz.mesh",
            commonTlsContext: { tlsParams: { tlsMinimumProtocolVersion: "TLSv1_2", tlsMaximumProtocolVersion: "TLSv1_2" } },
          },
        },
      }),
    );
  });

  it("Ex 6: listener add / replace wrapper to false / remove", () => {
    const listener = {
      name: "inbound:192.168.0.1:8080",
      trafficDirection: "INBOUND",
      address: { socketAddress: { address: "192.168.0.1", portValue: 8080 } },
      enableReusePort: true,
      tcpBacklogSize: 256,
    };
    const ops: JsonPatchOp[] = [
      { op: "add", path: "/tcpFastOpenQueueLength", value: 88 },
      { op: "replace", path: "/enableReusePort", value: false },
      { op: "remove", path: "/tcpBacklogSize" },
    ];
    expect(applyJsonPatch(listener, ops)).toEqual(
      patched({
        name: "inbound:192.168.0.1:8080",
        trafficDirection: "INBOUND",
        address: { socketAddress: { address: "192.168.0.1", portValue: 8080 } },
        enableReusePort: false,
        tcpFastOpenQueueLength: 88,
      }),
    );
  });

  it("Ex 7 (jsonPatches variant): HCM root; removing an absent requestTimeout is a no-op", () => {
    const hcm = {
      statPrefix: "backend",
      rds: { configSource: { ads: {} }, routeConfigName: "outbound:backend" },
      httpFilters: [{ name: "router" }],
    };
    const ops: JsonPatchOp[] = [
      { op: "add", path: "/streamIdleTimeout", value: "55s" },
      { op: "replace", path: "/statPrefix", value: "foo" },
      { op: "remove", path: "/requestTimeout" },
    ];
    expect(applyJsonPatch(hcm, ops)).toEqual(
      patched({
        statPrefix: "foo",
        rds: { configSource: { ads: {} }, routeConfigName: "outbound:backend" },
        httpFilters: [{ name: "router" }],
        streamIdleTimeout: "55s",
      }),
    );
  });

  it("Ex 8: httpFilter router, repeated scalar replaced by index", () => {
    const router = { startChildSpan: true, suppressEnvoyHeaders: true, strictCheckHeaders: ["foo", "bar"] };
    const ops: JsonPatchOp[] = [
      { op: "remove", path: "/suppressEnvoyHeaders" },
      { op: "replace", path: "/strictCheckHeaders/1", value: "baz" },
      { op: "add", path: "/dynamicStats", value: false },
    ];
    expect(applyJsonPatch(router, ops)).toEqual(
      patched({ startChildSpan: true, strictCheckHeaders: ["foo", "baz"], dynamicStats: false }),
    );
  });

  it("Ex 9 (jsonPatches variant): virtual host headers [foo, bar] → [baz], retryPolicy added", () => {
    const vhost = {
      name: "backend",
      domains: ["*"],
      routes: [{ match: { prefix: "/" }, route: { cluster: "backend" } }],
      requestHeadersToRemove: ["foo", "bar"],
    };
    const ops: JsonPatchOp[] = [
      { op: "remove", path: "/requestHeadersToRemove/1" },
      { op: "replace", path: "/requestHeadersToRemove/0", value: "baz" },
      { op: "add", path: "/retryPolicy", value: { retryOn: "5xx", numRetries: 3 } },
    ];
    expect(applyJsonPatch(vhost, ops)).toEqual(
      patched({
        name: "backend",
        domains: ["*"],
        routes: [{ match: { prefix: "/" }, route: { cluster: "backend" } }],
        requestHeadersToRemove: ["baz"],
        retryPolicy: { retryOn: "5xx", numRetries: 3 },
      }),
    );
  });

  it("Ex 1: the docs' connectTimeout replace on the passthrough cluster", () => {
    const cluster = { name: "outbound:passthrough:ipv4", type: "ORIGINAL_DST", connectTimeout: "5s", lbPolicy: "CLUSTER_PROVIDED" };
    expect(applyJsonPatch(cluster, [{ op: "replace", path: "/connectTimeout", value: "99s" }])).toEqual(
      patched({ name: "outbound:passthrough:ipv4", type: "ORIGINAL_DST", connectTimeout: "99s", lbPolicy: "CLUSTER_PROVIDED" }),
    );
  });
});

describe("applyJsonPatch: evanphx/json-patch v5 options as Kuma sets them", () => {
  it("negative indices: -1 is the last element for replace/remove; add at -1 appends", () => {
    expect(applyJsonPatch({ x: [1, 2, 3] }, [{ op: "replace", path: "/x/-1", value: 9 }])).toEqual(patched({ x: [1, 2, 9] }));
    expect(applyJsonPatch({ x: [1, 2, 3] }, [{ op: "remove", path: "/x/-1" }])).toEqual(patched({ x: [1, 2] }));
    expect(applyJsonPatch({ x: [1, 2, 3] }, [{ op: "remove", path: "/x/-3" }])).toEqual(patched({ x: [2, 3] }));
    expect(applyJsonPatch({ x: [1, 2] }, [{ op: "add", path: "/x/-1", value: 9 }])).toEqual(patched({ x: [1, 2, 9] }));
    expect(applyJsonPatch({ x: [1, 2] }, [{ op: "add", path: "/x/-3", value: 0 }])).toEqual(patched({ x: [0, 1, 2] }));
    expect(applyJsonPatch({ x: [1, 2] }, [{ op: "copy", from: "/x/-1", path: "/y" }])).toEqual(patched({ x: [1, 2], y: 2 }));
  });

  it("add inserts into arrays; - appends", () => {
    expect(applyJsonPatch({ x: ["a", "c"] }, [{ op: "add", path: "/x/1", value: "b" }])).toEqual(patched({ x: ["a", "b", "c"] }));
    expect(applyJsonPatch({ x: ["a"] }, [{ op: "add", path: "/x/-", value: "b" }])).toEqual(patched({ x: ["a", "b"] }));
    expect(applyJsonPatch({ x: ["a"] }, [{ op: "add", path: "/x/1", value: "b" }])).toEqual(patched({ x: ["a", "b"] }));
  });

  it("remove of a missing key, index or parent is a no-op (AllowMissingPathOnRemove)", () => {
    const doc = { a: { b: 1 }, x: [1, 2] };
    const ops: JsonPatchOp[] = [
      { op: "remove", path: "/missing" },
      { op: "remove", path: "/a/missing" },
      { op: "remove", path: "/no/such/parent" },
      { op: "remove", path: "/x/5" },
      { op: "remove", path: "/x/-5" },
    ];
    expect(applyJsonPatch(doc, ops)).toEqual(patched({ a: { b: 1 }, x: [1, 2] }));
  });

  it("add creates missing parent objects, and arrays when the next token is numeric or -", () => {
    expect(applyJsonPatch({}, [{ op: "add", path: "/a/b/c", value: 1 }])).toEqual(patched({ a: { b: { c: 1 } } }));
    expect(applyJsonPatch({}, [{ op: "add", path: "/list/0", value: "x" }])).toEqual(patched({ list: ["x"] }));
    expect(applyJsonPatch({}, [{ op: "add", path: "/list/-", value: "x" }])).toEqual(patched({ list: ["x"] }));
    expect(applyJsonPatch({}, [{ op: "add", path: "/list/2", value: "x" }])).toEqual(patched({ list: [null, null, "x"] }));
    expect(applyJsonPatch({}, [{ op: "add", path: "/a/0/b", value: 1 }])).toEqual(patched({ a: [{ b: 1 }] }));
    expect(applyJsonPatch({ a: [] }, [{ op: "add", path: "/a/3/x", value: 1 }])).toEqual(patched({ a: [null, null, null, { x: 1 }] }));
    // A null counts as missing and is replaced.
    expect(applyJsonPatch({ a: null }, [{ op: "add", path: "/a/b", value: 1 }])).toEqual(patched({ a: { b: 1 } }));
  });

  it("keeps the Go quirks of ensurePathExists", () => {
    // A null array element counts as missing; the new object is inserted before it.
    expect(applyJsonPatch({ a: [null] }, [{ op: "add", path: "/a/0/x", value: 1 }])).toEqual(patched({ a: [{ x: 1 }, null] }));
    // A missing parent written with ~1 is created under its raw name, so the add then fails.
    expect(applyJsonPatch({}, [{ op: "add", path: "/a~1b/c", value: 1 }])).toEqual(
      failed('add operation does not apply: doc is missing path: "/a~1b/c": missing value'),
    );
    // "-" as an intermediate token cannot be looked up afterwards.
    expect(applyJsonPatch({}, [{ op: "add", path: "/d/-/e", value: 1 }])).toEqual(
      failed('add operation does not apply: doc is missing path: "/d/-/e": missing value'),
    );
    expect(applyJsonPatch({}, [{ op: "add", path: "/a/-2/b", value: 1 }])).toEqual(
      failed("Unable to ensure path for negative index other than -1: -2: invalid index referenced"),
    );
    expect(applyJsonPatch({ a: 5 }, [{ op: "add", path: "/a/b/c", value: 1 }])).toEqual(failed("invalid state detected"));
  });

  it("unescapes ~1 and ~0 in existing paths", () => {
    const doc = { "a/b": { "c~d": 1 } };
    expect(applyJsonPatch(doc, [{ op: "replace", path: "/a~1b/c~0d", value: 2 }])).toEqual(patched({ "a/b": { "c~d": 2 } }));
    expect(applyJsonPatch({ "~1": 1 }, [{ op: "remove", path: "/~01" }])).toEqual(patched({}));
  });

  it("ignores text before the first slash, like Go's strings.Split", () => {
    expect(applyJsonPatch({ a: 1, b: 2 }, [{ op: "replace", path: "x/b", value: 3 }])).toEqual(patched({ a: 1, b: 3 }));
  });

  it("move and copy", () => {
    expect(applyJsonPatch({ a: { x: 1 }, b: {} }, [{ op: "move", from: "/a/x", path: "/b/y" }])).toEqual(patched({ a: {}, b: { y: 1 } }));
    expect(applyJsonPatch({ l: [1, 2, 3] }, [{ op: "move", from: "/l/0", path: "/l/-" }])).toEqual(patched({ l: [2, 3, 1] }));
    const copied = applyJsonPatch({ a: { x: [1] } }, [{ op: "copy", from: "/a", path: "/b" }, { op: "add", path: "/b/x/-", value: 2 }]);
    expect(copied).toEqual(patched({ a: { x: [1] }, b: { x: [1, 2] } })); // a deep copy, not an alias
  });

  it("replacing or adding the whole document", () => {
    expect(applyJsonPatch({ a: 1 }, [{ op: "replace", path: "", value: { b: 2 } }])).toEqual(patched({ b: 2 }));
    expect(applyJsonPatch({ a: 1 }, [{ op: "add", path: "", value: { b: 2 } }])).toEqual(patched({ b: 2 }));
    // Go's root keeps the document as it was: copy from "" copies the input, not the current state.
    expect(applyJsonPatch({ a: 1 }, [{ op: "add", path: "/z", value: 2 }, { op: "copy", from: "", path: "/orig" }])).toEqual(
      patched({ a: 1, z: 2, orig: { a: 1 } }),
    );
    expect(applyJsonPatch({ a: 1 }, [{ op: "replace", path: "", value: [1] }])).toEqual(failed("patched document is not a JSON object"));
  });

  it("runs ops in order and aborts the whole block on the first failure", () => {
    const doc = { a: 1 };
    const r = applyJsonPatch(doc, [
      { op: "add", path: "/b", value: 2 },
      { op: "replace", path: "/missing", value: 3 },
      { op: "add", path: "/c", value: 4 },
    ]);
    expect(r).toEqual(failed("replace operation does not apply: doc is missing key: /missing: missing value"));
    expect(doc).toEqual({ a: 1 });
  });

  it("never mutates its input", () => {
    const doc = { a: { b: [1, 2] }, c: "x" };
    const before = JSON.stringify(doc);
    const r = applyJsonPatch(doc, [
      { op: "add", path: "/a/b/-", value: 3 },
      { op: "remove", path: "/c" },
      { op: "move", from: "/a/b", path: "/moved" },
    ]);
    expect(r).toEqual(patched({ a: {}, moved: [1, 2, 3] }));
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe("applyJsonPatch: error strings of json-patch v5.9.11", () => {
  const cases: [string, JsonObject, JsonPatchOp[], string][] = [
    [
      "replace, missing last key",
      { name: "c" },
      [{ op: "replace", path: "/connectTimeout", value: "99s" }],
      "replace operation does not apply: doc is missing key: /connectTimeout: missing value",
    ],
    [
      "replace, missing parent",
      { x: 1 },
      [{ op: "replace", path: "/a/b", value: 1 }],
      "replace operation does not apply: doc is missing path: /a/b: missing value",
    ],
    [
      "replace, no leading slash",
      { connectTimeout: "5s" },
      [{ op: "replace", path: "connectTimeout", value: "9s" }],
      "replace operation does not apply: doc is missing path: connectTimeout: missing value",
    ],
    [
      "replace, snake_case path on camelCase JSON",
      { accessLog: [{ typedConfig: { logName: "a" } }] },
      [{ op: "replace", path: "/access_log/0/typed_config/log_name", value: "y" }],
      "replace operation does not apply: doc is missing path: /access_log/0/typed_config/log_name: missing value",
    ],
    [
      "replace, index out of range",
      { x: [1] },
      [{ op: "replace", path: "/x/3", value: 1 }],
      "replace operation does not apply: doc is missing key: /x/3: missing value",
    ],
    [
      "move, missing from parent",
      { a: 1 },
      [{ op: "move", from: "/x/y", path: "/b" }],
      "move operation does not apply: doc is missing from path: /x/y: missing value",
    ],
    [
      "move, missing from key (Go reports the key, not the path)",
      { a: 1 },
      [{ op: "move", from: "/x", path: "/b" }],
      "error in move for path: 'x': unable to get nonexistent key: x: missing value",
    ],
    [
      "move, missing destination parent",
      { a: 1 },
      [{ op: "move", from: "/a", path: "/q/r" }],
      "move operation does not apply: doc is missing destination path: /q/r: missing value",
    ],
    [
      "move the whole document",
      { a: 1 },
      [{ op: "move", from: "", path: "/b" }],
      "unable to move entire document to another path: invalid state detected",
    ],
    [
      "copy, missing from parent",
      { a: 1 },
      [{ op: "copy", from: "/x/y", path: "/b" }],
      'copy operation does not apply: doc is missing from path: "/x/y": missing value',
    ],
    [
      "copy, missing from key",
      { a: 1 },
      [{ op: "copy", from: "/x", path: "/b" }],
      "error in copy for from: '/x': unable to get nonexistent key: x: missing value",
    ],
    [
      "copy, bad destination index",
      { a: 1, l: [] },
      [{ op: "copy", from: "/a", path: "/l/4" }],
      "error while adding value during copy: Unable to access invalid index: 4: invalid index referenced",
    ],
    [
      "add, index past the end",
      { x: [1, 2] },
      [{ op: "add", path: "/x/5", value: 1 }],
      "error in add for path: '/x/5': Unable to access invalid index: 5: invalid index referenced",
    ],
    [
      "add, negative index past the start",
      { x: [1, 2] },
      [{ op: "add", path: "/x/-4", value: 1 }],
      "error in add for path: '/x/-4': Unable to access invalid index: -4: invalid index referenced",
    ],
    [
      "add, non-numeric array index",
      { x: [] },
      [{ op: "add", path: "/x/foo", value: 1 }],
      "error in add for path: '/x/foo': value was not a proper array index: 'foo': strconv.Atoi: parsing \"foo\": invalid syntax",
    ],
    [
      "add, index out of int64 range",
      { x: [] },
      [{ op: "add", path: "/x/99999999999999999999", value: 1 }],
      "error in add for path: '/x/99999999999999999999': value was not a proper array index: '99999999999999999999': strconv.Atoi: parsing \"99999999999999999999\": value out of range",
    ],
    [
      "remove, non-numeric array index",
      { x: [] },
      [{ op: "remove", path: "/x/-" }],
      "error in remove for path: '/x/-': strconv.Atoi: parsing \"-\": invalid syntax",
    ],
    ["replace the root with a scalar", { a: 1 }, [{ op: "replace", path: "", value: 5 }], "replace operation value must be object or array: %!w(<nil>)"],
    ["unknown op", { a: 1 }, [{ op: "test", path: "/a", value: 1 } as unknown as JsonPatchOp], "Unexpected kind: test"],
  ];
  it.each(cases)("%s", (_name, doc, ops, message) => {
    expect(applyJsonPatch(doc, ops)).toEqual(failed(message));
  });

  it("leaves Kuma's prefix to the caller", () => {
    expect(KUMA_JSON_PATCH_ERROR_PREFIX).toBe("failed to patch: apply json patches: ");
    const r = applyJsonPatch({ a: 1 }, [{ op: "replace", path: "/connectTimeout", value: "99s" }]);
    expect(r.ok ? "" : KUMA_JSON_PATCH_ERROR_PREFIX + r.message).toBe(
      "failed to patch: apply json patches: replace operation does not apply: doc is missing key: /connectTimeout: missing value",
    );
  });
});

describe("applyJsonPatch: hostile pointers (those that reach built-ins through fast-json-patch 3.1.1)", () => {
  const builtins = () => ({
    keys: Object.keys,
    entries: Object.entries,
    isArray: Array.isArray,
    hasOwn: Object.prototype.hasOwnProperty,
    call: Function.prototype.call,
    protoNames: Object.getOwnPropertyNames(Object.prototype).sort().join(","),
  });

  it.each<[string, JsonPatchOp, string]>([
    ["add /constructor/keys", { op: "add", path: "/constructor/keys", value: "pwned" }, "/constructor/keys"],
    ["replace /a/constructor/isArray", { op: "replace", path: "/a/constructor/isArray", value: 1 }, "/a/constructor/isArray"],
    ["remove /constructor/entries", { op: "remove", path: "/constructor/entries" }, "/constructor/entries"],
    ["copy from /constructor", { op: "copy", from: "/constructor", path: "/x" }, "/constructor"],
    ["move from /constructor", { op: "move", from: "/constructor", path: "/x" }, "/constructor"],
    ["add /__proto__/polluted", { op: "add", path: "/__proto__/polluted", value: 1 }, "/__proto__/polluted"],
    ["add /a/prototype", { op: "add", path: "/a/prototype", value: 1 }, "/a/prototype"],
  ])("%s is refused and touches nothing", (_name, op, pointer) => {
    const before = builtins();
    const segment = pointer.split("/").find((s) => ["constructor", "__proto__", "prototype"].includes(s));
    expect(applyJsonPatch({ a: [1] }, [op])).toEqual(
      failed(`${op.op} operation refused: path segment "${segment}" is not allowed (pointer ${JSON.stringify(pointer)})`),
    );
    expect(builtins()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("add /hasOwnProperty/call creates plain data and leaves the built-in alone", () => {
    const before = builtins();
    const r = applyJsonPatch({ a: 1 }, [{ op: "add", path: "/hasOwnProperty/call", value: "pwned" }]);
    expect(r).toEqual(patched({ a: 1, hasOwnProperty: { call: "pwned" } }));
    expect(builtins()).toEqual(before);
    expect(typeof Object.prototype.hasOwnProperty.call).toBe("function");
  });

  it("inherited names never resolve: /toString, /hasOwnProperty, array /length", () => {
    expect(applyJsonPatch({ a: 1 }, [{ op: "copy", from: "/toString", path: "/x" }])).toEqual(
      failed("error in copy for from: '/toString': unable to get nonexistent key: toString: missing value"),
    );
    expect(applyJsonPatch({ a: 1 }, [{ op: "replace", path: "/hasOwnProperty", value: 1 }])).toEqual(
      failed("replace operation does not apply: doc is missing key: /hasOwnProperty: missing value"),
    );
    expect(applyJsonPatch({ l: [1] }, [{ op: "move", from: "/l/length", path: "/x" }])).toEqual(
      failed("error in move for path: 'length': strconv.Atoi: parsing \"length\": invalid syntax"),
    );
    expect(applyJsonPatch({ a: {} }, [{ op: "replace", path: "/a/valueOf/x", value: 1 }])).toEqual(
      failed("replace operation does not apply: doc is missing path: /a/valueOf/x: missing value"),
    );
  });

  it("a __proto__ key already in the data stays data through a patch", () => {
    const doc = JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as JsonObject;
    const r = applyJsonPatch(doc, [{ op: "add", path: "/b", value: JSON.parse('{"__proto__": {"y": 2}}') }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.doc)).toBe(Object.prototype);
    expect(JSON.stringify(r.doc)).toBe('{"__proto__":{"x":1},"a":1,"b":{"__proto__":{"y":2}}}');
    expect(Object.getPrototypeOf(r.doc.b)).toBe(Object.prototype);
  });
});

describe("applyJsonPatch: resource caps", () => {
  it("stops 20 doubling self-copies fast", () => {
    const ops = Array.from({ length: 20 }, (): JsonPatchOp => ({ op: "copy", from: "/a", path: "/a/-" }));
    const t0 = performance.now();
    const r = applyJsonPatch({ a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] }, ops);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(r).toEqual(
      failed("patch result exceeds the size limit: the document would grow past 65536 characters (2 × its input size, at least 65536)"),
    );
  });

  it("allows growth up to twice the input (or 64 KiB)", () => {
    const big = "x".repeat(100_000);
    // input {"s":"xxx…"} is 100 008 characters; the limit is 200 016
    expect(applyJsonPatch({ s: big }, [{ op: "copy", from: "/s", path: "/t" }]).ok).toBe(true);
    expect(applyJsonPatch({ s: big }, [{ op: "copy", from: "/s", path: "/t" }, { op: "add", path: "/u", value: "y" }])).toEqual(
      failed("patch result exceeds the size limit: the document would grow past 200016 characters (2 × its input size, at least 65536)"),
    );
  });

  it("refuses to pad an array with a billion nulls", () => {
    const t0 = performance.now();
    expect(applyJsonPatch({ a: [] }, [{ op: "add", path: "/a/999999999/x", value: 1 }])).toEqual(
      failed("patch result exceeds the size limit: the document would grow past 65536 characters (2 × its input size, at least 65536)"),
    );
    expect(applyJsonPatch({}, [{ op: "add", path: "/a/9223372036854775807", value: 1 }]).ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it("caps the total size copied at 3 MiB", () => {
    const half = "x".repeat(1_200_000);
    const doc = { big: half, pad: half };
    const ops: JsonPatchOp[] = [
      { op: "copy", from: "/big", path: "/c1" },
      { op: "remove", path: "/c1" },
      { op: "copy", from: "/big", path: "/c2" },
      { op: "remove", path: "/c2" },
      { op: "copy", from: "/big", path: "/c3" },
    ];
    expect(applyJsonPatch(doc, ops.slice(0, 4)).ok).toBe(true);
    expect(applyJsonPatch(doc, ops)).toEqual(
      failed("patch result exceeds the size limit: copy operations would duplicate more than 3145728 characters"),
    );
  });

  it("refuses more than 100 operations", () => {
    const ops = Array.from({ length: 101 }, (): JsonPatchOp => ({ op: "remove", path: "/x" }));
    expect(applyJsonPatch({}, ops)).toEqual(failed("patch has more than 100 operations (101)"));
  });
});

describe("guardJsonPatch", () => {
  it("accepts ordinary blocks, including a path without a leading slash (Kuma fails that only at generation)", () => {
    expect(
      guardJsonPatch(
        [
          { op: "replace", path: "/connectTimeout", value: "99s" },
          { op: "add", path: "/filterChains/0/filters/-1/typedConfig/statPrefix", value: "x" },
          { op: "copy", from: "/a~1b/~0c", path: "/d/0" },
          { op: "replace", path: "connectTimeout", value: "99s" },
          { op: "remove", path: "/x/-" },
          { op: "add", path: "/x/1234567890", value: 1 },
        ],
        "jsonPatches",
      ),
    ).toEqual([]);
  });

  it("refuses forbidden segments (after unescaping) in path and from", () => {
    expect(
      guardJsonPatch(
        [
          { op: "add", path: "/constructor/keys", value: 1 },
          { op: "replace", path: "/a/constructor/isArray", value: 1 },
          { op: "add", path: "/hasOwnProperty/call", value: 1 },
          { op: "remove", path: "/x/__proto__" },
          { op: "copy", from: "/constructor", path: "/x" },
          { op: "move", from: "/a/prototype", path: "/__proto__" },
        ],
        "spec.default.appendModifications[0].cluster.jsonPatches",
      ),
    ).toEqual([
      { path: "spec.default.appendModifications[0].cluster.jsonPatches[0].path", message: 'path segment "constructor" is not allowed' },
      { path: "spec.default.appendModifications[0].cluster.jsonPatches[1].path", message: 'path segment "constructor" is not allowed' },
      { path: "spec.default.appendModifications[0].cluster.jsonPatches[3].path", message: 'path segment "__proto__" is not allowed' },
      { path: "spec.default.appendModifications[0].cluster.jsonPatches[4].from", message: 'path segment "constructor" is not allowed' },
      { path: "spec.default.appendModifications[0].cluster.jsonPatches[5].path", message: 'path segment "__proto__" is not allowed' },
      { path: "spec.default.appendModifications[0].cluster.jsonPatches[5].from", message: 'path segment "prototype" is not allowed' },
    ]);
  });

  it("refuses index-looking segments with leading zeros or more than 10 digits", () => {
    expect(
      guardJsonPatch(
        [
          { op: "add", path: "/x/007", value: 1 },
          { op: "add", path: "/x/-01", value: 1 },
          { op: "add", path: "/x/12345678901", value: 1 },
          { op: "add", path: "/x/0", value: 1 },
          { op: "add", path: "/x/-1", value: 1 },
        ],
        "jp",
      ),
    ).toEqual([
      { path: "jp[0].path", message: 'path segment "007" is not a valid array index: leading zeros are not allowed' },
      { path: "jp[1].path", message: 'path segment "-01" is not a valid array index: leading zeros are not allowed' },
      { path: "jp[2].path", message: 'path segment "12345678901" is not a valid array index: more than 10 digits' },
    ]);
  });

  it("refuses more than 100 operations without looking at them", () => {
    const ops = Array.from({ length: 101 }, () => ({ op: "add", path: "/constructor", value: 1 }));
    expect(guardJsonPatch(ops, "jp")).toEqual([{ path: "jp", message: "must contain at most 100 operations (got 101)" }]);
    expect(guardJsonPatch(ops.slice(0, 100).map(() => ({ op: "remove", path: "/a" })), "jp")).toEqual([]);
  });

  it("refuses pointers with more than 64 segments", () => {
    expect(guardJsonPatch([{ op: "add", path: "/a".repeat(65), value: 1 }], "jp")).toEqual([
      { path: "jp[0].path", message: "pointer has more than 64 segments" },
    ]);
    expect(guardJsonPatch([{ op: "add", path: "/a".repeat(64), value: 1 }], "jp")).toEqual([]);
  });

  it("ignores entries whose path/from are not strings (shape is checked elsewhere)", () => {
    expect(guardJsonPatch([null, 5, { op: "add", path: 7 }, { from: ["/constructor"] }], "jp")).toEqual([]);
  });
});

describe("replace-only blocks are copy-on-write", () => {
  const doc = { name: "c", connectTimeout: "5s", circuitBreakers: { thresholds: [{ maxConnections: 1024 }] }, lb: { a: { b: 1 }, c: { d: 2 } } };

  it("copies only the objects on the written path and shares the rest with the input", () => {
    const r = applyJsonPatch(doc, [{ op: "replace", path: "/lb/a/b", value: 7 }]);
    expect(r).toEqual({ ok: true, doc: { ...doc, lb: { a: { b: 7 }, c: { d: 2 } } } });
    if (!r.ok) return;
    expect(r.doc).not.toBe(doc);
    expect(r.doc["lb"]).not.toBe(doc.lb);
    expect((r.doc["lb"] as Record<string, unknown>)["c"]).toBe(doc.lb.c);
    expect(r.doc["circuitBreakers"]).toBe(doc.circuitBreakers);
    expect(doc.lb.a.b).toBe(1);
  });

  it("two writes under one object copy it once and keep the member order", () => {
    const r = applyJsonPatch(doc, [
      { op: "replace", path: "/lb/a", value: { x: 1 } },
      { op: "replace", path: "/lb/c/d", value: 3 },
      { op: "replace", path: "/name", value: "d" },
    ]);
    expect(r.ok && JSON.stringify(r.doc)).toBe('{"name":"d","connectTimeout":"5s","circuitBreakers":{"thresholds":[{"maxConnections":1024}]},"lb":{"a":{"x":1},"c":{"d":3}}}');
  });

  it("a missing member or a path through a list takes the general path and its Go errors", () => {
    expect(applyJsonPatch(doc, [{ op: "replace", path: "/lb/missing", value: 1 }])).toEqual({
      ok: false,
      message: "replace operation does not apply: doc is missing key: /lb/missing: missing value",
    });
    const r = applyJsonPatch(doc, [{ op: "replace", path: "/circuitBreakers/thresholds/0/maxConnections", value: 2048 }]);
    expect(r.ok && r.doc["circuitBreakers"]).toEqual({ thresholds: [{ maxConnections: 2048 }] });
  });

  it("a value that could pass the size limit takes the general path, which refuses it", () => {
    // 64 KiB is the least limit (JSON_PATCH_MIN_SIZE_LIMIT): 70,000 characters in a small document exceed it.
    const r = applyJsonPatch(doc, [{ op: "replace", path: "/name", value: "x".repeat(70_000) }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^patch result exceeds the size limit: the document would grow past 65536 characters/);
  });
});
