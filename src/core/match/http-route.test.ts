/**
 * Virtual-host and route selection inside an HTTP connection manager, expected values from Envoy
 * (envoyproxy/envoy@v1.38.2, the version Kuma v2.14.3 ships: source/common/router/config_impl.cc
 * RouteMatcher::findVirtualHost / findWildcardVirtualHost, and api/envoy/config/route/v3/route_components.proto).
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../json.js";
import { selectRoute, selectVirtualHost } from "./http-route.js";

const vh = (name: string, ...domains: string[]): JsonObject => ({ name, domains });
const pick = (vhosts: JsonObject[], authority: string) => selectVirtualHost(vhosts, authority)?.vhost["name"];

describe("selectVirtualHost (findVirtualHost: exact, then suffix wildcards, then prefix wildcards, then *)", () => {
  const vhosts = [vh("star", "*"), vh("prefix", "api.*"), vh("suffix", "*.example.com"), vh("longer-suffix", "*-bar.example.com"), vh("exact", "api.example.com")];

  it("an exact domain beats every wildcard, wherever it is listed", () => {
    expect(pick(vhosts, "api.example.com")).toBe("exact");
  });
  it("suffix wildcards beat prefix wildcards", () => {
    expect(pick(vhosts, "api.example.com.")).toBe("prefix");
    expect(pick([vh("prefix", "api.*"), vh("suffix", "*.example.com")], "api.example.com")).toBe("suffix");
  });
  it("the longest suffix wins (\"foo-bar.baz.com\" should match \"*-bar.baz.com\" before \"*.baz.com\")", () => {
    expect(pick(vhosts, "foo-bar.example.com")).toBe("longer-suffix");
    expect(pick(vhosts, "foo.example.com")).toBe("suffix");
  });
  it("the longest prefix wins", () => {
    expect(pick([vh("short", "api.*"), vh("long", "api.example.*")], "api.example.org")).toBe("long");
  });
  it("a wildcard matches at least one character (findWildcardVirtualHost skips lengths >= the host's)", () => {
    expect(pick([vh("suffix", "*.example.com")], ".example.com")).toBeUndefined();
    expect(pick([vh("suffix", "*.example.com")], "x.example.com")).toBe("suffix");
    expect(pick([vh("prefix", "api.*")], "api.")).toBeUndefined();
  });
  it("a suffix wildcard spans dots (it is a string suffix, not a DNS label)", () => {
    expect(pick([vh("suffix", "*.example.com")], "a.b.example.com")).toBe("suffix");
  });
  it("* is the default; without it an unmatched host selects nothing (404)", () => {
    expect(pick(vhosts, "other.org")).toBe("star");
    expect(pick([vh("exact", "api.example.com")], "other.org")).toBeUndefined();
  });
  it("host and domains compare case-insensitively (both are lower-cased)", () => {
    expect(pick([vh("exact", "API.Example.com")], "api.EXAMPLE.com")).toBe("exact");
  });
  it("a port in Host is part of the string: example.com:8080 needs its own domain entry", () => {
    expect(pick([vh("exact", "example.com")], "example.com:8080")).toBeUndefined();
    expect(pick([vh("exact", "example.com"), vh("with-port", "example.com:8080")], "example.com:8080")).toBe("with-port");
    expect(pick([vh("any-port", "example.com:*")], "example.com:8080")).toBe("any-port");
  });
  it("reports the index and the domain as written", () => {
    expect(selectVirtualHost([vh("a", "x.org"), vh("b", "*.Example.com")], "www.example.com")).toEqual({ index: 1, vhost: { name: "b", domains: ["*.Example.com"] }, matchedDomain: "*.Example.com" });
  });
  it("a virtual host without domains never matches", () => {
    expect(pick([{ name: "none" }], "example.com")).toBeUndefined();
  });
});

describe("selectRoute (route_components.proto RouteMatch; the first matching route wins)", () => {
  const routes = (...m: JsonObject[]): JsonObject => ({ routes: m.map((match, i) => ({ match, route: { cluster: `c${i}` } })) });
  const idx = (v: JsonObject, path: string) => {
    const r = selectRoute(v, path);
    return r && "index" in r ? r.index : r;
  };

  it("prefix: the path starts with it, case-sensitively; query string ignored", () => {
    const v = routes({ prefix: "/api" });
    expect(idx(v, "/api")).toBe(0);
    expect(idx(v, "/apix/y")).toBe(0);
    expect(idx(v, "/API")).toBeUndefined();
    expect(idx(routes({ prefix: "/" }), "/?q=1")).toBe(0);
  });
  it("path: exact match once the query string is removed", () => {
    const v = routes({ path: "/exact" });
    expect(idx(v, "/exact")).toBe(0);
    expect(idx(v, "/exact?x=1")).toBe(0);
    expect(idx(v, "/exact/")).toBeUndefined();
    expect(idx(v, "/exactly")).toBeUndefined();
  });
  it("safe_regex: the entire path (without the query string) must match, RE2 syntax", () => {
    const v = routes({ safeRegex: { regex: "/api/v[0-9]+" } });
    expect(idx(v, "/api/v12")).toBe(0);
    expect(idx(v, "/api/v12?x=1")).toBe(0);
    expect(idx(v, "/api/v12/users")).toBeUndefined(); // full match, not a search
    expect(idx(v, "/x/api/v1")).toBeUndefined();
  });
  it("path_separated_prefix: the path equals it or continues with /", () => {
    const v = routes({ pathSeparatedPrefix: "/api" });
    expect(idx(v, "/api")).toBe(0);
    expect(idx(v, "/api/users")).toBe(0);
    expect(idx(v, "/api?x")).toBe(0);
    expect(idx(v, "/apix")).toBeUndefined();
  });
  it("routes are tried in order: an earlier, broader route shadows a later, more specific one", () => {
    expect(idx(routes({ prefix: "/" }, { path: "/exact" }), "/exact")).toBe(0);
    expect(idx(routes({ path: "/other" }, { prefix: "/ex" }), "/exact")).toBe(1);
  });
  it("a route without a path specifier, or without routes at all, matches nothing", () => {
    expect(idx(routes({}), "/")).toBeUndefined();
    expect(idx({}, "/")).toBeUndefined();
  });
  it("an invalid RE2 pattern (e.g. a lookahead, which RE2 lacks) is an error naming the route", () => {
    const r = selectRoute(routes({ prefix: "/nope" }, { safeRegex: { regex: "/(?=a)" } }), "/a");
    expect(r).toMatchObject({ error: expect.stringMatching(/^route #1: invalid RE2 regex/) });
  });
  it("an invalid pattern after the matching route is never reached", () => {
    expect(idx(routes({ prefix: "/" }, { safeRegex: { regex: "(" } }), "/a")).toBe(0);
  });
  it("a pattern over meshsim's program-size limit is an error before it is compiled (issue #15: a{1000} × 146)", () => {
    const r = selectRoute(routes({ safeRegex: { regex: "a{1000}".repeat(146) } }), "/a");
    expect(r).toEqual({ error: "route #0: meshsim limit: regex of about 146002 RE2 instructions, over 10000" });
  });
  it("the regexes one walk reaches may add up to 20,000 instructions; counted also when they are cached", () => {
    const big = (c: string) => ({ safeRegex: { regex: `${c}{1000}`.repeat(9) } }); // 9,002 each
    const v = routes(big("a"), big("b"), big("c"), { prefix: "/" });
    for (let i = 0; i < 2; i++) expect(selectRoute(v, "/x")).toEqual({ error: "route #2: meshsim limit: the regexes of these routes add up to more than 20000 RE2 instructions" });
  });
});
