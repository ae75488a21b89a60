/** The `from` rules builder against Kuma's rules goldens, written by hand from the cited files. */
import { describe, expect, it } from "vitest";
import { buildFromRules, containsElement, ruleFor, subsetCombinations, type FromItem } from "./rules.js";

const item = (index: number, targetRef: FromItem["targetRef"], action: FromItem["action"]): FromItem => ({ policy: "mtp-1", index, targetRef, action });
const view = (rules: ReturnType<typeof buildFromRules>) => rules.map((r) => ({ action: r.action, subset: r.subset.map((t) => `${t.key}${t.not ? "!=" : "="}${t.value}`), from: r.decidedBy.index }));

describe("MeshTrafficPermission from rules", () => {
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/core/rules/testdata/rules/from/mtp-mix-ms-and-mss.{input,golden}.yaml
  it("MeshService backend Allow + MeshServiceSubset web/v1 Deny: two rules, the more specific first", () => {
    const items = [item(0, { kind: "MeshService", name: "backend" }, "Allow"), item(1, { kind: "MeshServiceSubset", name: "web", tags: { version: "v1" } }, "Deny")];
    for (const cliques of [false, true])
      expect(view(buildFromRules(items, cliques))).toEqual([
        { action: "Deny", subset: ["kuma.io/service=web", "version=v1"], from: 1 },
        { action: "Allow", subset: ["kuma.io/service=backend"], from: 0 },
      ]);
  });
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/core/rules/rules.go BuildRules: Mesh intersects every subset.
  it("Mesh Allow + MeshService web Deny: web denied, everything else allowed", () => {
    const rules = buildFromRules([item(0, { kind: "Mesh" }, "Allow"), item(1, { kind: "MeshService", name: "web" }, "Deny")], true);
    expect(view(rules)).toEqual([
      { action: "Deny", subset: ["kuma.io/service=web"], from: 1 },
      { action: "Allow", subset: ["kuma.io/service!=web"], from: 0 },
    ]);
    expect(ruleFor(rules, { "kuma.io/service": "web" })?.action).toBe("Deny");
    expect(ruleFor(rules, { "kuma.io/service": "frontend" })?.action).toBe("Allow");
  });
  it("only Mesh items: one rule for every client, the last action wins", () => {
    expect(view(buildFromRules([item(0, { kind: "Mesh" }, "Deny"), item(1, { kind: "Mesh" }, "Allow")], false))).toEqual([{ action: "Allow", subset: [], from: 1 }]);
  });
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/core/rules/subsetutils/subset.go SubsetIter (one value or all negated per key).
  it("enumerates (values + 1) per key, the all-first-value combination last", () => {
    const got = [...subsetCombinations([{ key: "a", value: "1", not: false }, { key: "b", value: "x", not: false }])].map((s) => s.map((t) => `${t.key}${t.not ? "!=" : "="}${t.value}`).join(","));
    expect(got).toEqual(["a!=1,b=x", "a=1,b!=x", "a!=1,b!=x", "a=1,b=x"]);
  });
  // subset.go ContainsElement
  it("a negated subset contains clients without the key, a positive one does not", () => {
    expect(containsElement([{ key: "version", value: "v1", not: true }], { "kuma.io/service": "web" })).toBe(true);
    expect(containsElement([{ key: "version", value: "v1", not: false }], { "kuma.io/service": "web" })).toBe(false);
  });
});
