/**
 * merge.Confs as MeshTimeout and MeshCircuitBreaker use it: RFC 7396 merge patches of the JSON-marshalled confs, in
 * order (kumahq/kuma@v2.14.3 pkg/plugins/policies/core/rules/merge/merge.go mergeJSONPatches), with the entry that set
 * each leaf field.
 */
import { describe, expect, it } from "vitest";
import { mergeConfs, protoDuration, sourceOf } from "./conf-merge.js";

describe("mergeConfs", () => {
  it("later entries win field by field; objects merge; each leaf keeps its entry", () => {
    const m = mergeConfs([
      { source: "a#to[0]", conf: { connectionTimeout: "5s", http: { requestTimeout: "15s", streamIdleTimeout: "30m" } } },
      { source: "b#to[0]", conf: { http: { requestTimeout: "3s" } } },
    ]);
    expect(m.conf).toEqual({ connectionTimeout: "5s", http: { requestTimeout: "3s", streamIdleTimeout: "30m" } });
    expect(sourceOf(m, "/connectionTimeout")).toBe("a#to[0]");
    expect(sourceOf(m, "/http/requestTimeout")).toBe("b#to[0]");
    expect(sourceOf(m, "/http/streamIdleTimeout")).toBe("a#to[0]");
  });
  it("an empty object changes nothing; a scalar replaces a whole object and its sources", () => {
    const m = mergeConfs([
      { source: "a", conf: { http: { requestTimeout: "1s" } } },
      { source: "b", conf: { http: {} } },
    ]);
    expect(m.conf).toEqual({ http: { requestTimeout: "1s" } });
    const n = mergeConfs([
      { source: "a", conf: { x: { y: 1 } } },
      { source: "b", conf: { x: 2 } },
    ]);
    expect(n.conf).toEqual({ x: 2 });
    expect([...n.sources.entries()]).toEqual([["/x", "b"]]);
  });
  it("inputs are not mutated", () => {
    const a = { http: { requestTimeout: "1s" } };
    mergeConfs([{ source: "a", conf: a }, { source: "b", conf: { http: { requestTimeout: "2s" } } }]);
    expect(a).toEqual({ http: { requestTimeout: "1s" } });
  });
});

describe("protoDuration", () => {
  it("writes a Go duration as golang/protobuf jsonpb writes a Duration", () => {
    expect(protoDuration("1h")).toBe("3600s");
    expect(protoDuration("2h0m0s")).toBe("7200s");
    expect(protoDuration("500ms")).toBe("0.500s");
    expect(protoDuration("0s")).toBe("0s");
  });
});
