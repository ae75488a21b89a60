/**
 * The MeshPassthrough schema as Kuma declares it (kumahq/kuma@v2.14.3
 * pkg/plugins/policies/meshpassthrough/api/v1alpha1/meshpassthrough.go and validator.go).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_MODE, L7_PROTOCOLS, MATCH_PROTOCOLS, MATCH_TYPES, MatchSchema, MeshPassthroughSpecSchema, PASSTHROUGH_MODES, protocolOf } from "./api.js";

describe("MeshPassthrough API", () => {
  it("enums in Kuma's order (kubebuilder Enum markers; validator.go allMatchProtocols, notAllowedProtocolsOnTheSamePort)", () => {
    expect(MATCH_TYPES).toEqual(["Domain", "IP", "CIDR"]);
    expect(MATCH_PROTOCOLS).toEqual(["tcp", "tls", "grpc", "http", "http2", "mysql"]);
    expect(PASSTHROUGH_MODES).toEqual(["All", "Matched", "None"]);
    expect(L7_PROTOCOLS).toEqual(["grpc", "http", "http2"]);
  });
  it("protocol defaults to tcp (+kubebuilder:default=tcp); the mode to Matched", () => {
    expect(protocolOf({})).toBe("tcp");
    expect(protocolOf({ protocol: "http" })).toBe("http");
    expect(DEFAULT_MODE).toBe("Matched");
  });
  it("YAML scalars read into Go string fields become strings, so the validator can name them", () => {
    expect(MatchSchema.parse({ type: "Domain", value: 1, protocol: 1 })).toEqual({ type: "Domain", value: "1", protocol: "1" });
    expect(MatchSchema.parse({ type: true, value: "x" })).toEqual({ type: "true", value: "x" });
  });
  it("port is a Go *uint32: 0 and values above 65535 reach the validator, negatives and fractions do not", () => {
    expect(MatchSchema.parse({ type: "IP", value: "1.2.3.4", port: 0 }).port).toBe(0);
    expect(MatchSchema.parse({ type: "IP", value: "1.2.3.4", port: 70000 }).port).toBe(70000);
    expect(MatchSchema.parse({ type: "IP", value: "1.2.3.4", port: 4294967295 }).port).toBe(4294967295);
    expect(MatchSchema.safeParse({ type: "IP", value: "1.2.3.4", port: 4294967296 }).success).toBe(false);
    expect(MatchSchema.safeParse({ type: "IP", value: "1.2.3.4", port: -1 }).success).toBe(false);
    expect(MatchSchema.safeParse({ type: "IP", value: "1.2.3.4", port: 1.5 }).success).toBe(false);
  });
  it("type and value are required; unknown fields are rejected", () => {
    expect(MatchSchema.safeParse({ value: "x" }).success).toBe(false);
    expect(MatchSchema.safeParse({ type: "Domain" }).success).toBe(false);
    expect(MatchSchema.safeParse({ type: "Domain", value: "x", extra: 1 }).success).toBe(false);
  });
  it("the spec needs neither targetRef nor default (Go's zero Conf)", () => {
    expect(MeshPassthroughSpecSchema.parse({})).toEqual({});
    expect(MeshPassthroughSpecSchema.safeParse({ default: { passthroughMode: "All", appendMatch: [] }, extra: 1 }).success).toBe(false);
  });
});
