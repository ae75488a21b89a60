import { describe, expect, it } from "vitest";
import { convertPercentage, matchingRegex, percentOf, regexFullMatch, regexOr, serializeKumaTags, sourcesRegex } from "./legacy-http.js";

describe("x-kuma-tags (kumahq/kuma@v2.14.3 pkg/xds/envoy/tags/match.go, serialize.go)", () => {
  it("MatchingRegex: tags in key order, a value as a suffix before , or &, * as any value, dots in values escaped", () => {
    expect(matchingRegex({ "kuma.io/service": "frontend" })).toBe(".*&kuma.io/service=[^&]*frontend[,&].*");
    expect(matchingRegex({ tag2: "value2", tag1: "value1" })).toBe(".*&tag1=[^&]*value1[,&].*&tag2=[^&]*value2[,&].*");
    expect(matchingRegex({ tag1: "*", tag2: "*" })).toBe(".*&tag1=.*&tag2=.*");
    expect(matchingRegex({ version: "1.0" })).toBe(".*&version=[^&]*1\\.0[,&].*");
  });
  it("RegexOR: nothing, one, or a group", () => {
    expect(regexOr([])).toBe("");
    expect(regexOr(["a"])).toBe("a");
    expect(regexOr(["a", "b"])).toBe("(a|b)");
    expect(sourcesRegex([{ a: "1" }, { b: "2" }])).toBe("(.*&a=[^&]*1[,&].*|.*&b=[^&]*2[,&].*)");
  });
  it("Serialize: &key=values& per tag, keys and values sorted", () => {
    expect(serializeKumaTags({ "kuma.io/service": ["web"], version: ["2", "1"] })).toBe("&kuma.io/service=web&&version=1,2&");
  });
  it("the regex matches a whole header value as Envoy's safe_regex does, including Kuma's suffix match on values", () => {
    const re = sourcesRegex([{ "kuma.io/service": "frontend" }]);
    expect(regexFullMatch(re, serializeKumaTags({ "kuma.io/service": ["frontend"] }))).toBe(true);
    expect(regexFullMatch(re, serializeKumaTags({ "kuma.io/service": ["my-frontend"] }))).toBe(true);
    expect(regexFullMatch(re, serializeKumaTags({ "kuma.io/service": ["frontend-2"] }))).toBe(false);
    expect(regexFullMatch(re, "")).toBe(false);
  });
});

describe("ConvertPercentage (kumahq/kuma@v2.14.3 pkg/xds/envoy/listeners/v3/util.go)", () => {
  it("integers per hundred, two decimals per ten thousand, else per million rounded", () => {
    expect(convertPercentage(50)).toEqual({ numerator: 50 });
    expect(convertPercentage(50.5)).toEqual({ numerator: 5050, denominator: "TEN_THOUSAND" });
    expect(convertPercentage(0.0001)).toEqual({ numerator: 1, denominator: "MILLION" });
    expect(convertPercentage(0)).toEqual({});
    expect(percentOf({ numerator: 5050, denominator: "TEN_THOUSAND" })).toBeCloseTo(50.5);
    expect(percentOf({})).toBe(0);
  });
});
