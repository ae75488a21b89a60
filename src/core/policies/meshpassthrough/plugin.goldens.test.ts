/**
 * The inputs of Kuma's MeshPassthrough plugin goldens (kuma `pkg/plugins/policies/meshpassthrough/plugin/v1alpha1/
 * plugin_test.go` @ v2.14.3, transcribed by hand) against hand-written key facts:
 * chain names in order per listener, virtual hosts, cluster names. The golden files are not read here.
 * Fixture as in Kuma's test: both passthrough listeners with a catch-all tcp_proxy chain, no useOriginalDst,
 * no internal addresses (so 127.0.0.1/32).
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../json.js";
import { V4, V6, chain, chainNames, chains, cluster, clusterNames, fixture, hcm, listener, listenerFilterNames, run, tcpCluster, vhosts } from "./policy.fixtures.js";

const FILTERS = ["envoy.filters.listener.original_dst", "envoy.filters.listener.tls_inspector", "envoy.filters.listener.http_inspector"];
const NO_MATCH: [string, string[], string] = ["no_match", ["*"], "503"];

describe("MeshPassthrough goldens (v2.14.3 inputs, hand-written facts)", () => {
  it("simple: a tcp IP rule on IPv4 only, the http domain chain on both", () => {
    const r = run({
      appendMatch: [
        { type: "Domain", value: "api.example.com", port: 80, protocol: "http" },
        { type: "IP", value: "192.168.0.0", port: 80, protocol: "tcp" },
      ],
    });
    expect(chainNames(r.resources, V4)).toEqual(["meshpassthrough_tcp_192.168.0.0_80", "meshpassthrough_http_80"]);
    expect(chainNames(r.resources, V6)).toEqual(["meshpassthrough_http_80"]);
    expect(chain(r.resources, V4, "meshpassthrough_tcp_192.168.0.0_80")["filterChainMatch"]).toEqual({
      destinationPort: 80,
      prefixRanges: [{ addressPrefix: "192.168.0.0", prefixLen: 32 }],
      transportProtocol: "raw_buffer",
    });
    expect(chain(r.resources, V4, "meshpassthrough_http_80")["filterChainMatch"]).toEqual({
      applicationProtocols: ["http/1.1", "h2c"],
      destinationPort: 80,
      transportProtocol: "raw_buffer",
    });
    for (const l of [V4, V6]) {
      expect(vhosts(chain(r.resources, l, "meshpassthrough_http_80"))).toEqual([
        ["api.example.com", ["api.example.com", "api.example.com:80"], "meshpassthrough_http_api.example.com_80"],
        NO_MATCH,
      ]);
      expect(listenerFilterNames(r.resources, l)).toEqual(FILTERS);
    }
    expect(clusterNames(r.resources)).toEqual(["meshpassthrough_http_api.example.com_80", "meshpassthrough_tcp_192.168.0.0_80"]);
    expect(cluster(r.resources, "meshpassthrough_tcp_192.168.0.0_80").value).toEqual({
      name: "meshpassthrough_tcp_192.168.0.0_80",
      type: "ORIGINAL_DST",
      lbPolicy: "CLUSTER_PROVIDED",
      connectTimeout: "5s",
      altStatName: "meshpassthrough_tcp_192_168_0_0_80",
    });
  });

  it("only-ipv4-rules: the IPv6 listener keeps its catch-all chain to the removed cluster", () => {
    const r = run({ appendMatch: [{ type: "IP", value: "192.168.0.0", port: 80, protocol: "tcp" }] });
    expect(chainNames(r.resources, V4)).toEqual(["meshpassthrough_tcp_192.168.0.0_80"]);
    expect(listenerFilterNames(r.resources, V4)).toEqual(FILTERS);
    const before = fixture().find((x) => x.type === "listener" && x.name === V6)!.value;
    expect(listener(r.resources, V6)).toEqual(before);
    expect(tcpCluster(chains(r.resources, V6)[0]!)).toBe(V6);
    expect(clusterNames(r.resources)).toEqual(["meshpassthrough_tcp_192.168.0.0_80"]);
  });

  it("cidr-http: the port-less IP is copied to port 80; /32 before /24 before /16; IPv6 untouched", () => {
    const r = run({
      appendMatch: [
        { type: "CIDR", value: "10.10.0.0/16", port: 80, protocol: "http" },
        { type: "CIDR", value: "192.168.0.0/24", port: 80, protocol: "http" },
        { type: "IP", value: "192.168.0.0", protocol: "http" },
      ],
    });
    expect(chainNames(r.resources, V4)).toEqual([
      "meshpassthrough_http_192.168.0.0_80",
      "meshpassthrough_http_192.168.0.0_*",
      "meshpassthrough_http_192.168.0.0/24_80",
      "meshpassthrough_http_10.10.0.0/16_80",
    ]);
    expect(chainNames(r.resources, V6)).toEqual(["(catch-all)"]);
    expect(chain(r.resources, V4, "meshpassthrough_http_192.168.0.0_*")["filterChainMatch"]).toEqual({
      applicationProtocols: ["http/1.1", "h2c"],
      prefixRanges: [{ addressPrefix: "192.168.0.0", prefixLen: 32 }],
      transportProtocol: "raw_buffer",
    });
    expect(vhosts(chain(r.resources, V4, "meshpassthrough_http_10.10.0.0/16_80"))).toEqual([["10.10.0.0/16", ["*"], "meshpassthrough_http_10.10.0.0/16_80"]]);
    expect(clusterNames(r.resources)).toEqual([
      "meshpassthrough_http_10.10.0.0/16_80",
      "meshpassthrough_http_192.168.0.0/24_80",
      "meshpassthrough_http_192.168.0.0_*",
      "meshpassthrough_http_192.168.0.0_80",
    ]);
  });

  it("http-domains-aggregated: port-less domains join the port-80 chain; wildcards last; `:*` only for plain domains", () => {
    const r = run({
      appendMatch: [
        { type: "Domain", value: "example1.com", port: 80, protocol: "http" },
        { type: "Domain", value: "anotherexample.com", protocol: "http" },
        { type: "Domain", value: "example2.com", port: 80, protocol: "http" },
        { type: "Domain", value: "*.example.com", protocol: "http" }, // fails admission (rule 10); the generator still takes it
      ],
    });
    for (const l of [V4, V6]) {
      expect(chainNames(r.resources, l)).toEqual(["meshpassthrough_http_80", "meshpassthrough_http_*"]);
      expect(vhosts(chain(r.resources, l, "meshpassthrough_http_80"))).toEqual([
        ["anotherexample.com", ["anotherexample.com", "anotherexample.com:80"], "meshpassthrough_http_anotherexample.com_80"],
        ["example1.com", ["example1.com", "example1.com:80"], "meshpassthrough_http_example1.com_80"],
        ["example2.com", ["example2.com", "example2.com:80"], "meshpassthrough_http_example2.com_80"],
        ["*.example.com", ["*.example.com", "*.example.com:80"], "meshpassthrough_http_*.example.com_80"],
        NO_MATCH,
      ]);
      expect(vhosts(chain(r.resources, l, "meshpassthrough_http_*"))).toEqual([
        ["anotherexample.com", ["anotherexample.com", "anotherexample.com:*"], "meshpassthrough_http_anotherexample.com_*"],
        ["*.example.com", ["*.example.com"], "meshpassthrough_http_*.example.com_*"],
        NO_MATCH,
      ]);
    }
    expect(hcm(chain(r.resources, V4, "meshpassthrough_http_*"))["statPrefix"]).toBe("meshpassthrough_http__");
    expect(clusterNames(r.resources)).toEqual([
      "meshpassthrough_http_*.example.com_*",
      "meshpassthrough_http_*.example.com_80",
      "meshpassthrough_http_anotherexample.com_*",
      "meshpassthrough_http_anotherexample.com_80",
      "meshpassthrough_http_example1.com_80",
      "meshpassthrough_http_example2.com_80",
    ]);
  });

  it("mysql-protocol: tcp-shaped chains named tcp, the CIDR's network address, both inspectors disabled on 3306 and 3307", () => {
    const r = run({
      appendMatch: [
        { type: "IP", value: "172.12.2.2", port: 3306, protocol: "mysql" },
        { type: "CIDR", value: "172.12.2.2/24", port: 3307, protocol: "mysql" },
      ],
    });
    expect(chainNames(r.resources, V4)).toEqual(["meshpassthrough_tcp_172.12.2.2_3306", "meshpassthrough_tcp_172.12.2.2/24_3307"]);
    expect(chain(r.resources, V4, "meshpassthrough_tcp_172.12.2.2/24_3307")["filterChainMatch"]).toEqual({
      destinationPort: 3307,
      prefixRanges: [{ addressPrefix: "172.12.2.0", prefixLen: 24 }],
      transportProtocol: "raw_buffer",
    });
    const statPrefix = ((chain(r.resources, V4, "meshpassthrough_tcp_172.12.2.2/24_3307")["filters"] as JsonObject[])[0]!["typedConfig"] as JsonObject)["statPrefix"];
    expect(statPrefix).toBe("meshpassthrough_tcp_172_12_2_2_24_3307");
    const lf = listener(r.resources, V4)["listenerFilters"] as JsonObject[];
    const disabled = { orMatch: { rules: [{ destinationPortRange: { start: 3306, end: 3307 } }, { destinationPortRange: { start: 3307, end: 3308 } }] } };
    expect(lf.map((f) => [f["name"], f["filterDisabled"]])).toEqual([
      ["envoy.filters.listener.original_dst", undefined],
      ["envoy.filters.listener.tls_inspector", disabled],
      ["envoy.filters.listener.http_inspector", disabled],
    ]);
    expect(chainNames(r.resources, V6)).toEqual(["(catch-all)"]);
    expect(clusterNames(r.resources)).toEqual(["meshpassthrough_tcp_172.12.2.2/24_3307", "meshpassthrough_tcp_172.12.2.2_3306"]);
  });

  it("same-protocol: an http IP without port and an http domain on 80", () => {
    const r = run({
      appendMatch: [
        { type: "Domain", value: "www.gmail.com", port: 80, protocol: "http" },
        { type: "IP", value: "10.42.0.8", protocol: "http" },
      ],
    });
    expect(chainNames(r.resources, V4)).toEqual(["meshpassthrough_http_10.42.0.8_80", "meshpassthrough_http_10.42.0.8_*", "meshpassthrough_http_80"]);
    expect(chainNames(r.resources, V6)).toEqual(["meshpassthrough_http_80"]);
    expect(vhosts(chain(r.resources, V6, "meshpassthrough_http_80"))).toEqual([
      ["www.gmail.com", ["www.gmail.com", "www.gmail.com:80"], "meshpassthrough_http_www.gmail.com_80"],
      NO_MATCH,
    ]);
    expect(clusterNames(r.resources)).toEqual(["meshpassthrough_http_10.42.0.8_*", "meshpassthrough_http_10.42.0.8_80", "meshpassthrough_http_www.gmail.com_80"]);
  });

  it("disabled_on_policy: Mesh passthrough on + None removes the default clusters, listeners unchanged", () => {
    const r = run({ passthroughMode: "None" });
    expect(r.resources.filter((x) => x.type === "listener")).toEqual(fixture().filter((x) => x.type === "listener"));
    expect(clusterNames(r.resources)).toEqual([]);
  });

  it("enabled_on_policy: Mesh passthrough off + All adds both default clusters although only the IPv4 listener exists", () => {
    const r = run({ passthroughMode: "All", appendMatch: [{ type: "Domain", value: "api.example.com", port: 443, protocol: "tls" }] }, { meshPassthrough: false, ipv6: false });
    expect(chainNames(r.resources, V4)).toEqual(["(catch-all)"]);
    expect(r.resources.filter((x) => x.type === "cluster").map((x) => [x.name, x.origin, x.value])).toEqual([
      [V4, "transparent", { name: V4, type: "ORIGINAL_DST", lbPolicy: "CLUSTER_PROVIDED", connectTimeout: "5s", altStatName: "outbound_passthrough_ipv4" }],
      [V6, "transparent", { name: V6, type: "ORIGINAL_DST", lbPolicy: "CLUSTER_PROVIDED", connectTimeout: "5s", altStatName: "outbound_passthrough_ipv6" }],
    ]);
  });

  it("enabled_on_policy_and_mesh: Mesh passthrough on + All (+ appendMatch) changes nothing", () => {
    const r = run({ passthroughMode: "All", appendMatch: [{ type: "Domain", value: "api.example.com", port: 443, protocol: "tls" }] });
    expect(r.resources).toEqual(fixture());
  });

  it("basic: everything at once, chain order on both listeners and the 21 clusters", () => {
    const B6 = "b6e5:a45e:70ae:e77f:d24e:5023:375d:20a6";
    const T6 = "9942:9abf:d0e0:f2da:2290:333b:e590:f497";
    const r = run({
      passthroughMode: "Matched",
      appendMatch: [
        { type: "Domain", value: "api.example.com", port: 443, protocol: "tls" },
        { type: "Domain", value: "example.com", port: 443, protocol: "tls" },
        { type: "Domain", value: "*.example.com", port: 443, protocol: "tls" },
        { type: "Domain", value: "example.com", port: 8080, protocol: "http" },
        { type: "Domain", value: "other.com", port: 8080, protocol: "http" },
        { type: "CIDR", value: "192.168.0.0/16", port: 8126, protocol: "http" },
        { type: "CIDR", value: "240.0.0.0/4", port: 8126, protocol: "http" },
        { type: "Domain", value: "www.google.com", port: 80, protocol: "http" },
        { type: "IP", value: "10.42.0.8", protocol: "http" },
        { type: "IP", value: B6, protocol: "tls" },
        { type: "IP", value: T6, port: 9091, protocol: "tcp" },
      ],
    });
    expect(r.warnings).toEqual([]);
    expect(chainNames(r.resources, V4)).toEqual([
      "meshpassthrough_tls_api.example.com_443",
      "meshpassthrough_tls_example.com_443",
      "meshpassthrough_tls_*.example.com_443",
      "meshpassthrough_http_10.42.0.8_9091",
      "meshpassthrough_http_10.42.0.8_8126",
      "meshpassthrough_http_10.42.0.8_8080",
      "meshpassthrough_http_10.42.0.8_443",
      "meshpassthrough_http_10.42.0.8_80",
      "meshpassthrough_http_10.42.0.8_*",
      "meshpassthrough_http_192.168.0.0/16_8126",
      "meshpassthrough_http_240.0.0.0/4_8126",
      "meshpassthrough_http_8080",
      "meshpassthrough_http_80",
    ]);
    expect(chainNames(r.resources, V6)).toEqual([
      `meshpassthrough_tls_${B6}_9091`,
      `meshpassthrough_tls_${B6}_8126`,
      `meshpassthrough_tls_${B6}_8080`,
      `meshpassthrough_tls_${B6}_443`,
      `meshpassthrough_tls_${B6}_80`,
      `meshpassthrough_tls_${B6}_*`,
      "meshpassthrough_tls_api.example.com_443",
      "meshpassthrough_tls_example.com_443",
      "meshpassthrough_tls_*.example.com_443",
      `meshpassthrough_tcp_${T6}_9091`,
      "meshpassthrough_http_8080",
      "meshpassthrough_http_80",
    ]);
    expect(chain(r.resources, V6, `meshpassthrough_tls_${B6}_80`)["filterChainMatch"]).toEqual({
      destinationPort: 80,
      prefixRanges: [{ addressPrefix: B6, prefixLen: 128 }],
      transportProtocol: "tls",
    });
    expect(chain(r.resources, V4, "meshpassthrough_tls_*.example.com_443")["filterChainMatch"]).toEqual({
      destinationPort: 443,
      serverNames: ["*.example.com"],
      transportProtocol: "tls",
    });
    expect(vhosts(chain(r.resources, V4, "meshpassthrough_http_8080"))).toEqual([
      ["example.com", ["example.com", "example.com:8080"], "meshpassthrough_http_example.com_8080"],
      ["other.com", ["other.com", "other.com:8080"], "meshpassthrough_http_other.com_8080"],
      NO_MATCH,
    ]);
    for (const l of [V4, V6]) expect(listenerFilterNames(r.resources, l)).toEqual(FILTERS);
    expect(clusterNames(r.resources)).toEqual([
      "meshpassthrough_http_10.42.0.8_*",
      "meshpassthrough_http_10.42.0.8_443",
      "meshpassthrough_http_10.42.0.8_80",
      "meshpassthrough_http_10.42.0.8_8080",
      "meshpassthrough_http_10.42.0.8_8126",
      "meshpassthrough_http_10.42.0.8_9091",
      "meshpassthrough_http_192.168.0.0/16_8126",
      "meshpassthrough_http_240.0.0.0/4_8126",
      "meshpassthrough_http_example.com_8080",
      "meshpassthrough_http_other.com_8080",
      "meshpassthrough_http_www.google.com_80",
      `meshpassthrough_tcp_${T6}_9091`,
      "meshpassthrough_tls_*.example.com_443",
      "meshpassthrough_tls_api.example.com_443",
      `meshpassthrough_tls_${B6}_*`,
      `meshpassthrough_tls_${B6}_443`,
      `meshpassthrough_tls_${B6}_80`,
      `meshpassthrough_tls_${B6}_8080`,
      `meshpassthrough_tls_${B6}_8126`,
      `meshpassthrough_tls_${B6}_9091`,
      "meshpassthrough_tls_example.com_443",
    ]);
    expect(r.resources.filter((x) => x.type === "cluster").every((x) => x.origin === "meshpassthrough")).toBe(true);
  });
});
