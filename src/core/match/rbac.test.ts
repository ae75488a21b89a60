/**
 * Envoy's network RBAC on the subset Kuma generates. Expected values follow Envoy v1.38.2 (the version Kuma
 * v2.14.3 ships, kumahq/kuma@v2.14.3 mk/dev.mk):
 * - envoyproxy/envoy@v1.38.2 api/envoy/config/rbac/v3/rbac.proto: ALLOW allows iff a policy matches, DENY iff
 *   none does; policies are evaluated in lexicographic order of their names; a policy matches iff one of its
 *   permissions and one of its principals match;
 * - source/extensions/filters/common/rbac/engine_impl.cc handleAction/checkPolicyMatch (the first matching policy
 *   is the effective one);
 * - source/extensions/filters/network/rbac/rbac_filter.cc: no engine (no `rules`) allows the connection;
 * - source/extensions/filters/common/rbac/matchers.cc: And/Or/Not matchers, PortMatcher (the downstream local
 *   port), AuthenticatedMatcher (false without TLS; any subject without principal_name; else any URI SAN);
 * - source/common/common/matchers.h StringMatcherImpl: exact, prefix, suffix, contains.
 */
import { describe, expect, it } from "vitest";
import { evaluateRbac, permissionMatches, principalMatches, stringMatches, type RbacSubject } from "./rbac.js";

const mesh: RbacSubject = { authenticated: true, sans: ["spiffe://default/web", "kuma://version/1.0"], port: 8080 };
const anonymous: RbacSubject = { authenticated: false, sans: [], port: 8080 };
const allowAll = { permissions: [{ any: true }], principals: [{ any: true }] };
const onlyWeb = { permissions: [{ any: true }], principals: [{ authenticated: { principalName: { exact: "spiffe://default/web" } } }] };

describe("stringMatches (StringMatcher)", () => {
  it.each([
    [{ exact: "spiffe://default/web" }, true],
    [{ exact: "spiffe://default/we" }, false],
    [{ prefix: "spiffe://default/" }, true],
    [{ prefix: "spiffe://other/" }, false],
    [{ suffix: "/web" }, true],
    [{ suffix: "/api" }, false],
    [{ contains: "default" }, true],
    [{ contains: "prod" }, false],
  ])("%j on spiffe://default/web → %s", (m, want) => {
    expect(stringMatches(m, "spiffe://default/web")).toBe(want);
  });
});

describe("permissionMatches", () => {
  it("any matches every connection", () => {
    expect(permissionMatches({ any: true }, anonymous)).toBe(true);
  });
  it("destinationPort compares the port the connection arrived on", () => {
    expect(permissionMatches({ destinationPort: 8080 }, mesh)).toBe(true);
    expect(permissionMatches({ destinationPort: 9090 }, mesh)).toBe(false);
  });
  it("andRules needs every rule, orRules one, notRule negates", () => {
    expect(permissionMatches({ andRules: { rules: [{ any: true }, { destinationPort: 9090 }] } }, mesh)).toBe(false);
    expect(permissionMatches({ andRules: { rules: [{ any: true }, { destinationPort: 8080 }] } }, mesh)).toBe(true);
    expect(permissionMatches({ orRules: { rules: [{ destinationPort: 9090 }, { destinationPort: 8080 }] } }, mesh)).toBe(true);
    expect(permissionMatches({ orRules: { rules: [{ destinationPort: 9090 }] } }, mesh)).toBe(false);
    expect(permissionMatches({ notRule: { destinationPort: 9090 } }, mesh)).toBe(true);
    expect(permissionMatches({ notRule: { destinationPort: 8080 } }, mesh)).toBe(false);
  });
});

describe("principalMatches", () => {
  it("authenticated needs a TLS-authenticated peer; without principalName any subject", () => {
    expect(principalMatches({ authenticated: {} }, mesh)).toBe(true);
    expect(principalMatches({ authenticated: {} }, anonymous)).toBe(false);
  });
  it("principalName is tried on every URI SAN, not only the first", () => {
    expect(principalMatches({ authenticated: { principalName: { exact: "kuma://version/1.0" } } }, mesh)).toBe(true);
    expect(principalMatches({ authenticated: { principalName: { exact: "kuma://version/2.0" } } }, mesh)).toBe(false);
    expect(principalMatches({ authenticated: { principalName: { prefix: "spiffe://default/" } } }, mesh)).toBe(true);
  });
  it("andIds needs every id, orIds one, notId negates", () => {
    const web = { authenticated: { principalName: { exact: "spiffe://default/web" } } };
    const v2 = { authenticated: { principalName: { exact: "kuma://version/2.0" } } };
    expect(principalMatches({ andIds: { ids: [web, v2] } }, mesh)).toBe(false);
    expect(principalMatches({ orIds: { ids: [v2, web] } }, mesh)).toBe(true);
    expect(principalMatches({ notId: v2 }, mesh)).toBe(true);
    expect(principalMatches({ notId: web }, mesh)).toBe(false);
  });
  it("any matches an unauthenticated peer too", () => {
    expect(principalMatches({ any: true }, anonymous)).toBe(true);
  });
});

describe("evaluateRbac", () => {
  it("a filter without rules enforces nothing", () => {
    expect(evaluateRbac(undefined, anonymous).allowed).toBe(true);
  });
  it("ALLOW (the default action) with no policy denies every connection", () => {
    expect(evaluateRbac({}, mesh).allowed).toBe(false);
    expect(evaluateRbac({ action: "ALLOW", policies: {} }, mesh).allowed).toBe(false);
  });
  it("ALLOW: a matching policy allows, none denies", () => {
    expect(evaluateRbac({ policies: { p: onlyWeb } }, mesh).allowed).toBe(true);
    expect(evaluateRbac({ policies: { p: onlyWeb } }, { ...mesh, sans: ["spiffe://default/api"] }).allowed).toBe(false);
    expect(evaluateRbac({ policies: { p: onlyWeb } }, anonymous).allowed).toBe(false);
  });
  it("a policy needs a matching permission and a matching principal", () => {
    const portOnly = { permissions: [{ destinationPort: 9090 }], principals: [{ any: true }] };
    expect(evaluateRbac({ policies: { p: portOnly } }, mesh).allowed).toBe(false);
    const either = { permissions: [{ destinationPort: 9090 }, { destinationPort: 8080 }], principals: [{ authenticated: { principalName: { exact: "x" } } }, { any: true }] };
    expect(evaluateRbac({ policies: { p: either } }, mesh).allowed).toBe(true);
  });
  it("policies are tried in lexicographic order: the first match names the decision", () => {
    expect(evaluateRbac({ policies: { "b-all": allowAll, "a-web": onlyWeb } }, mesh).why).toContain("a-web");
    expect(evaluateRbac({ policies: { "b-all": allowAll, "a-web": onlyWeb } }, anonymous).why).toContain("b-all");
  });
  it("DENY: a matching policy denies, none (or no policy at all) allows", () => {
    const deny8080 = { permissions: [{ destinationPort: 8080 }], principals: [{ any: true }] };
    expect(evaluateRbac({ action: "DENY", policies: { d: deny8080 } }, mesh).allowed).toBe(false);
    expect(evaluateRbac({ action: "DENY", policies: { d: deny8080 } }, { ...mesh, port: 9090 }).allowed).toBe(true);
    expect(evaluateRbac({ action: "DENY", policies: {} }, mesh).allowed).toBe(true);
  });
  it("names the policy and the principal that allowed the client (for the verdict's provenance)", () => {
    const web = { authenticated: { principalName: { exact: "spiffe://default/web" } } };
    const admin = { authenticated: { principalName: { exact: "spiffe://default/admin" } } };
    const rules = { policies: { tp: { permissions: [{ any: true }], principals: [web, admin] } } };
    const s = { authenticated: true, sans: ["spiffe://default/admin"], port: 8080 };
    expect(evaluateRbac(rules, s).matched).toEqual({ policy: "tp", principal: 1 });
    expect(evaluateRbac(rules, { ...s, sans: ["spiffe://default/other"] }).matched).toBeUndefined();
  });
});
