/**
 * Pieces every modification kind shares (kumahq/kuma@v2.14.3 pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/
 * network_filter_mod.go listenerNameMatches, api/mesh/v1alpha1/dataplane_helpers.go TagSelector.Matches,
 * pkg/xds/envoy/metadata/v3 ExtractTags over filterMetadata["io.kuma.tags"]).
 */
import { describe, expect, it } from "vitest";
import { features } from "../../../model/versions.js";
import type { JsonObject } from "../../../json.js";
import { listenerNameMatches, listenerTagsMatch, parseModValue, patchMessage } from "./common.js";

const tagged = (tags: Record<string, string>): JsonObject => ({ name: "l", metadata: { filterMetadata: { "io.kuma.tags": tags } } });

describe("listenerTagsMatch (TagSelector.Matches)", () => {
  it("an empty or absent selector matches every listener, tagged or not", () => {
    expect(listenerTagsMatch(undefined, { name: "l" })).toBe(true);
    expect(listenerTagsMatch({}, { name: "l" })).toBe(true);
  });
  it("every selector tag must equal the listener's", () => {
    const l = tagged({ "kuma.io/service": "backend", version: "v1" });
    expect(listenerTagsMatch({ "kuma.io/service": "backend" }, l)).toBe(true);
    expect(listenerTagsMatch({ "kuma.io/service": "backend", version: "v1" }, l)).toBe(true);
    expect(listenerTagsMatch({ "kuma.io/service": "backend", version: "v2" }, l)).toBe(false);
    expect(listenerTagsMatch({ zone: "east" }, l)).toBe(false);
  });
  it("* matches any value of a tag the listener has", () => {
    expect(listenerTagsMatch({ version: "*" }, tagged({ version: "v7" }))).toBe(true);
  });
  it("a listener without io.kuma.tags metadata matches no non-empty selector", () => {
    expect(listenerTagsMatch({ version: "v1" }, { name: "l" })).toBe(false);
    expect(listenerTagsMatch({ version: "v1" }, { name: "l", metadata: { filterMetadata: { other: { version: "v1" } } } })).toBe(false);
  });
});

describe("listenerNameMatches", () => {
  it("no name matches everything; a name matches itself", () => {
    expect(listenerNameMatches(undefined, "anything", features("2.14"))).toBe(true);
    expect(listenerNameMatches("outbound:10.0.0.1:80", "outbound:10.0.0.1:80", features("2.14"))).toBe(true);
    expect(listenerNameMatches("outbound:10.0.0.1:80", "outbound:10.0.0.1:81", features("2.14"))).toBe(false);
  });
  it("from 2.12, a passthrough name matches its twin under the other naming scheme, both ways", () => {
    const f = features("2.12");
    expect(listenerNameMatches("outbound:passthrough:ipv4", "self_transparentproxy_passthrough_outbound_ipv4", f)).toBe(true);
    expect(listenerNameMatches("self_transparentproxy_passthrough_inbound_ipv6", "inbound:passthrough:ipv6", f)).toBe(true);
    // Only the same direction and family.
    expect(listenerNameMatches("outbound:passthrough:ipv4", "self_transparentproxy_passthrough_outbound_ipv6", f)).toBe(false);
  });
  it("before 2.12 there is no equivalence", () => {
    expect(listenerNameMatches("outbound:passthrough:ipv4", "self_transparentproxy_passthrough_outbound_ipv4", features("2.11"))).toBe(false);
  });
});

describe("parseModValue (util_proto.FromYAML into the kind's message)", () => {
  it("no value parses to nothing", () => {
    expect(parseModValue("cluster", { operation: "Remove" })).toEqual({ ok: true, value: undefined, notes: [] });
  });
  it("snake_case YAML becomes canonical protojson of the kind's message", () => {
    const r = parseModValue("cluster", { operation: "Add", value: "name: c\nconnect_timeout: 7s\n" });
    expect(r).toMatchObject({ ok: true, value: { name: "c", connectTimeout: "7s" } });
  });
  it("a field the message lacks is dropped, not an error (pkg/util/proto/proto.go FromJSON: AllowUnknownFields)", () => {
    const r = parseModValue("networkFilter", { operation: "AddFirst", value: "name: f\nnot_a_field: 1\n" });
    expect(r).toMatchObject({ ok: true, value: { name: "f" } });
    expect(r.ok && Object.keys(r.value!)).toEqual(["name"]);
  });
  it("a value of the wrong JSON type is an error", () => {
    expect(parseModValue("cluster", { operation: "Add", value: "name: [1]\n" }).ok).toBe(false);
  });
});

describe("patchMessage", () => {
  const cluster: JsonObject = { name: "c", connectTimeout: "1s", type: "STATIC" };
  it("without jsonPatches: a proto merge of the value (scalars replace, absent fields stay)", () => {
    expect(patchMessage(cluster, { operation: "Patch" }, { connectTimeout: "2s" }, "envoy.config.cluster.v3.Cluster")).toEqual({
      ok: true,
      value: { name: "c", connectTimeout: "2s", type: "STATIC" },
      notes: [],
    });
  });
  it("with jsonPatches: RFC 6902 on the protojson, then a re-parse", () => {
    const r = patchMessage(cluster, { operation: "Patch", jsonPatches: [{ op: "replace", path: "/connectTimeout", value: "3s" }] }, undefined, "envoy.config.cluster.v3.Cluster");
    expect(r).toMatchObject({ ok: true, value: { name: "c", connectTimeout: "3s", type: "STATIC" } });
  });
  it("removing a missing path is not an error (pkg/plugins/policies/core/jsonpatch/merge.go: AllowMissingPathOnRemove)", () => {
    const r = patchMessage(cluster, { operation: "Patch", jsonPatches: [{ op: "remove", path: "/nope" }] }, undefined, "envoy.config.cluster.v3.Cluster");
    expect(r).toMatchObject({ ok: true, value: cluster });
  });
  it("a failing JSON patch (replace of a missing member) carries Kuma's error prefix", () => {
    const r = patchMessage(cluster, { operation: "Patch", jsonPatches: [{ op: "replace", path: "/nope", value: 1 }] }, undefined, "envoy.config.cluster.v3.Cluster");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message.startsWith("failed to patch: apply json patches: ")).toBe(true);
  });
  it("a JSON patch that leaves a value of the wrong type fails the re-parse", () => {
    const r = patchMessage(cluster, { operation: "Patch", jsonPatches: [{ op: "replace", path: "/name", value: [1] }] }, undefined, "envoy.config.cluster.v3.Cluster");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message.startsWith("failed to patch: parse json patched resource to proto: ")).toBe(true);
  });
});
