/**
 * Raw resources, from kumahq/kuma@v2.14.3 pkg/xds/generator/proxy_template_raw_source_test.go (messages and the
 * decoded resources, transcribed by hand) and pkg/util/envoy/raw.go ResourceFromYaml.
 */
import { describe, expect, it } from "vitest";
import { parseRawResource } from "./raw.js";

describe("parseRawResource", () => {
  it("a YAML without '@type' is refused with protojson's message", () => {
    expect(parseRawResource("name: localhost:8080\ntype: STATIC\n", "r")).toMatchObject({ ok: false, invalid: true, message: "Any JSON doesn't have '@type'" });
  });
  it("a Cluster without a name fails its PGV rule", () => {
    expect(parseRawResource("'@type': type.googleapis.com/envoy.config.cluster.v3.Cluster\nconnectTimeout: 5s\n", "r")).toMatchObject({
      ok: false,
      invalid: true,
      message: "invalid Cluster.Name: value length must be at least 1 runes",
    });
  });
  it("a Listener as YAML (should support Listener resource as YAML)", () => {
    const yaml = [
      "'@type': type.googleapis.com/envoy.config.listener.v3.Listener",
      "name: catch_all",
      "address: { socketAddress: { address: 0.0.0.0, portValue: 12345 } }",
      "useOriginalDst: true",
      "filterChains:",
      "- filters:",
      "  - name: envoy.filters.network.tcp_proxy",
      "    typedConfig:",
      "      '@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
      "      cluster: pass_through",
      "      statPrefix: pass_through",
    ].join("\n");
    expect(parseRawResource(yaml, "r")).toEqual({
      ok: true,
      type: "listener",
      notes: [],
      value: {
        name: "catch_all",
        address: { socketAddress: { address: "0.0.0.0", portValue: 12345 } },
        useOriginalDst: true,
        filterChains: [{ filters: [{ name: "envoy.filters.network.tcp_proxy", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", cluster: "pass_through", statPrefix: "pass_through" } }] }],
      },
    });
  });
  it("a Cluster as JSON (should support Cluster resource as JSON)", () => {
    const json = JSON.stringify({ "@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster", name: "localhost:8080", type: "STATIC", connectTimeout: "5s" });
    expect(parseRawResource(json, "r")).toMatchObject({ ok: true, type: "cluster", value: { name: "localhost:8080", type: "STATIC", connectTimeout: "5s" } });
  });
  it("another xDS type is accepted by Kuma and left out by meshsim (not refused)", () => {
    expect(parseRawResource("'@type': type.googleapis.com/envoy.config.route.v3.RouteConfiguration\nname: r\n", "r")).toMatchObject({ ok: false, invalid: false });
  });
});
