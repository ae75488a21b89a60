/**
 * One rule at a time: every rule family Kuma accepts (Domain, wildcard Domain, IPv4/IPv6 IP and CIDR ×
 * tcp, tls, http, http2, grpc, mysql, with and without port) and the chains, filterChainMatch, virtual
 * hosts and clusters Kuma generates for it (kuma `pkg/plugins/policies/meshpassthrough/plugin/xds/*.go`
 * @ v2.14.3, with the shapes of the plugin goldens `plugin/v1alpha1/testdata/*.golden.yaml`). Expected values are
 * typed in the table.
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../../test/support/policy.js";
import type { Match } from "./api.js";
import { meshPassthrough } from "./index.js";
import { features } from "../../model/versions.js";
import type { JsonObject } from "../../json.js";
import { V4, V6, chainNames, chains, cluster, clusterNames, hcm, listener, run, tcpCluster, vhosts } from "./policy.fixtures.js";

interface Row {
  rule: Match;
  /** Chain names on the IPv4 / IPv6 listener ("(catch-all)": the listener is untouched). */
  v4: string[];
  v6: string[];
  /** filterChainMatch of the rule's chain. */
  fcm: JsonObject;
  clusters: string[];
  /** [name, domains, cluster or "503"] for HTTP chains. */
  vhosts?: [string, string[], string][];
}

// prettier-ignore
const ROWS: Row[] = [
  {rule: {type: "Domain", value: "api.example.com", protocol: "tls", port: 8443}, v4: ["meshpassthrough_tls_api.example.com_8443"], v6: ["meshpassthrough_tls_api.example.com_8443"], fcm: {destinationPort: 8443, serverNames: ["api.example.com"], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_api.example.com_8443"]},
  {rule: {type: "Domain", value: "api.example.com", protocol: "tls"}, v4: ["meshpassthrough_tls_api.example.com_*"], v6: ["meshpassthrough_tls_api.example.com_*"], fcm: {serverNames: ["api.example.com"], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_api.example.com_*"]},
  {rule: {type: "Domain", value: "api.example.com", protocol: "http", port: 8443}, v4: ["meshpassthrough_http_8443"], v6: ["meshpassthrough_http_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_api.example.com_8443"], vhosts: [["api.example.com", ["api.example.com", "api.example.com:8443"], "meshpassthrough_http_api.example.com_8443"], ["no_match", ["*"], "503"]]},
  {rule: {type: "Domain", value: "api.example.com", protocol: "http"}, v4: ["meshpassthrough_http_*"], v6: ["meshpassthrough_http_*"], fcm: {applicationProtocols: ["http/1.1", "h2c"], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_api.example.com_*"], vhosts: [["api.example.com", ["api.example.com", "api.example.com:*"], "meshpassthrough_http_api.example.com_*"], ["no_match", ["*"], "503"]]},
  {rule: {type: "Domain", value: "api.example.com", protocol: "http2", port: 8443}, v4: ["meshpassthrough_http2_8443"], v6: ["meshpassthrough_http2_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_api.example.com_8443"], vhosts: [["api.example.com", ["api.example.com", "api.example.com:8443"], "meshpassthrough_http2_api.example.com_8443"], ["no_match", ["*"], "503"]]},
  {rule: {type: "Domain", value: "api.example.com", protocol: "http2"}, v4: ["meshpassthrough_http2_*"], v6: ["meshpassthrough_http2_*"], fcm: {applicationProtocols: ["http/1.1", "h2c"], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_api.example.com_*"], vhosts: [["api.example.com", ["api.example.com", "api.example.com:*"], "meshpassthrough_http2_api.example.com_*"], ["no_match", ["*"], "503"]]},
  {rule: {type: "Domain", value: "api.example.com", protocol: "grpc", port: 8443}, v4: ["meshpassthrough_grpc_8443"], v6: ["meshpassthrough_grpc_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_api.example.com_8443"], vhosts: [["api.example.com", ["api.example.com", "api.example.com:8443"], "meshpassthrough_grpc_api.example.com_8443"], ["no_match", ["*"], "503"]]},
  {rule: {type: "Domain", value: "api.example.com", protocol: "grpc"}, v4: ["meshpassthrough_grpc_*"], v6: ["meshpassthrough_grpc_*"], fcm: {applicationProtocols: ["http/1.1", "h2c"], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_api.example.com_*"], vhosts: [["api.example.com", ["api.example.com", "api.example.com:*"], "meshpassthrough_grpc_api.example.com_*"], ["no_match", ["*"], "503"]]},
  {rule: {type: "Domain", value: "*.example.com", protocol: "tls", port: 8443}, v4: ["meshpassthrough_tls_*.example.com_8443"], v6: ["meshpassthrough_tls_*.example.com_8443"], fcm: {destinationPort: 8443, serverNames: ["*.example.com"], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_*.example.com_8443"]},
  {rule: {type: "Domain", value: "*.example.com", protocol: "tls"}, v4: ["meshpassthrough_tls_*.example.com_*"], v6: ["meshpassthrough_tls_*.example.com_*"], fcm: {serverNames: ["*.example.com"], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_*.example.com_*"]},
  {rule: {type: "Domain", value: "*.example.com", protocol: "http", port: 8443}, v4: ["meshpassthrough_http_8443"], v6: ["meshpassthrough_http_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_*.example.com_8443"], vhosts: [["*.example.com", ["*.example.com", "*.example.com:8443"], "meshpassthrough_http_*.example.com_8443"], ["no_match", ["*"], "503"]]},
  {rule: {type: "Domain", value: "*.example.com", protocol: "http2", port: 8443}, v4: ["meshpassthrough_http2_8443"], v6: ["meshpassthrough_http2_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_*.example.com_8443"], vhosts: [["*.example.com", ["*.example.com", "*.example.com:8443"], "meshpassthrough_http2_*.example.com_8443"], ["no_match", ["*"], "503"]]},
  {rule: {type: "Domain", value: "*.example.com", protocol: "grpc", port: 8443}, v4: ["meshpassthrough_grpc_8443"], v6: ["meshpassthrough_grpc_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_*.example.com_8443"], vhosts: [["*.example.com", ["*.example.com", "*.example.com:8443"], "meshpassthrough_grpc_*.example.com_8443"], ["no_match", ["*"], "503"]]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "tcp", port: 8443}, v4: ["meshpassthrough_tcp_10.1.2.3_8443"], v6: ["(catch-all)"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_10.1.2.3_8443"]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "tcp"}, v4: ["meshpassthrough_tcp_10.1.2.3_*"], v6: ["(catch-all)"], fcm: {prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_10.1.2.3_*"]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "tls", port: 8443}, v4: ["meshpassthrough_tls_10.1.2.3_8443"], v6: ["(catch-all)"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_10.1.2.3_8443"]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "tls"}, v4: ["meshpassthrough_tls_10.1.2.3_*"], v6: ["(catch-all)"], fcm: {prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_10.1.2.3_*"]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "http", port: 8443}, v4: ["meshpassthrough_http_10.1.2.3_8443"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_10.1.2.3_8443"], vhosts: [["10.1.2.3", ["*"], "meshpassthrough_http_10.1.2.3_8443"]]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "http"}, v4: ["meshpassthrough_http_10.1.2.3_*"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_10.1.2.3_*"], vhosts: [["10.1.2.3", ["*"], "meshpassthrough_http_10.1.2.3_*"]]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "http2", port: 8443}, v4: ["meshpassthrough_http2_10.1.2.3_8443"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_10.1.2.3_8443"], vhosts: [["10.1.2.3", ["*"], "meshpassthrough_http2_10.1.2.3_8443"]]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "http2"}, v4: ["meshpassthrough_http2_10.1.2.3_*"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_10.1.2.3_*"], vhosts: [["10.1.2.3", ["*"], "meshpassthrough_http2_10.1.2.3_*"]]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "grpc", port: 8443}, v4: ["meshpassthrough_grpc_10.1.2.3_8443"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_10.1.2.3_8443"], vhosts: [["10.1.2.3", ["*"], "meshpassthrough_grpc_10.1.2.3_8443"]]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "grpc"}, v4: ["meshpassthrough_grpc_10.1.2.3_*"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_10.1.2.3_*"], vhosts: [["10.1.2.3", ["*"], "meshpassthrough_grpc_10.1.2.3_*"]]},
  {rule: {type: "IP", value: "10.1.2.3", protocol: "mysql", port: 8443}, v4: ["meshpassthrough_tcp_10.1.2.3_8443"], v6: ["(catch-all)"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.2.3", prefixLen: 32}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_10.1.2.3_8443"]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "tcp", port: 8443}, v4: ["meshpassthrough_tcp_10.1.2.3/16_8443"], v6: ["(catch-all)"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_10.1.2.3/16_8443"]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "tcp"}, v4: ["meshpassthrough_tcp_10.1.2.3/16_*"], v6: ["(catch-all)"], fcm: {prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_10.1.2.3/16_*"]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "tls", port: 8443}, v4: ["meshpassthrough_tls_10.1.2.3/16_8443"], v6: ["(catch-all)"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_10.1.2.3/16_8443"]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "tls"}, v4: ["meshpassthrough_tls_10.1.2.3/16_*"], v6: ["(catch-all)"], fcm: {prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_10.1.2.3/16_*"]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "http", port: 8443}, v4: ["meshpassthrough_http_10.1.2.3/16_8443"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_10.1.2.3/16_8443"], vhosts: [["10.1.2.3/16", ["*"], "meshpassthrough_http_10.1.2.3/16_8443"]]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "http"}, v4: ["meshpassthrough_http_10.1.2.3/16_*"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_10.1.2.3/16_*"], vhosts: [["10.1.2.3/16", ["*"], "meshpassthrough_http_10.1.2.3/16_*"]]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "http2", port: 8443}, v4: ["meshpassthrough_http2_10.1.2.3/16_8443"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_10.1.2.3/16_8443"], vhosts: [["10.1.2.3/16", ["*"], "meshpassthrough_http2_10.1.2.3/16_8443"]]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "http2"}, v4: ["meshpassthrough_http2_10.1.2.3/16_*"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_10.1.2.3/16_*"], vhosts: [["10.1.2.3/16", ["*"], "meshpassthrough_http2_10.1.2.3/16_*"]]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "grpc", port: 8443}, v4: ["meshpassthrough_grpc_10.1.2.3/16_8443"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_10.1.2.3/16_8443"], vhosts: [["10.1.2.3/16", ["*"], "meshpassthrough_grpc_10.1.2.3/16_8443"]]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "grpc"}, v4: ["meshpassthrough_grpc_10.1.2.3/16_*"], v6: ["(catch-all)"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_10.1.2.3/16_*"], vhosts: [["10.1.2.3/16", ["*"], "meshpassthrough_grpc_10.1.2.3/16_*"]]},
  {rule: {type: "CIDR", value: "10.1.2.3/16", protocol: "mysql", port: 8443}, v4: ["meshpassthrough_tcp_10.1.2.3/16_8443"], v6: ["(catch-all)"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "10.1.0.0", prefixLen: 16}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_10.1.2.3/16_8443"]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "tcp", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_tcp_2001:db8::7_8443"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_2001:db8::7_8443"]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "tcp"}, v4: ["(catch-all)"], v6: ["meshpassthrough_tcp_2001:db8::7_*"], fcm: {prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_2001:db8::7_*"]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "tls", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_tls_2001:db8::7_8443"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_2001:db8::7_8443"]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "tls"}, v4: ["(catch-all)"], v6: ["meshpassthrough_tls_2001:db8::7_*"], fcm: {prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_2001:db8::7_*"]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "http", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_http_2001:db8::7_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_2001:db8::7_8443"], vhosts: [["2001:db8::7", ["*"], "meshpassthrough_http_2001:db8::7_8443"]]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "http"}, v4: ["(catch-all)"], v6: ["meshpassthrough_http_2001:db8::7_*"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_2001:db8::7_*"], vhosts: [["2001:db8::7", ["*"], "meshpassthrough_http_2001:db8::7_*"]]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "http2", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_http2_2001:db8::7_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_2001:db8::7_8443"], vhosts: [["2001:db8::7", ["*"], "meshpassthrough_http2_2001:db8::7_8443"]]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "http2"}, v4: ["(catch-all)"], v6: ["meshpassthrough_http2_2001:db8::7_*"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_2001:db8::7_*"], vhosts: [["2001:db8::7", ["*"], "meshpassthrough_http2_2001:db8::7_*"]]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "grpc", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_grpc_2001:db8::7_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_2001:db8::7_8443"], vhosts: [["2001:db8::7", ["*"], "meshpassthrough_grpc_2001:db8::7_8443"]]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "grpc"}, v4: ["(catch-all)"], v6: ["meshpassthrough_grpc_2001:db8::7_*"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_2001:db8::7_*"], vhosts: [["2001:db8::7", ["*"], "meshpassthrough_grpc_2001:db8::7_*"]]},
  {rule: {type: "IP", value: "2001:db8::7", protocol: "mysql", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_tcp_2001:db8::7_8443"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::7", prefixLen: 128}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_2001:db8::7_8443"]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "tcp", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_tcp_2001:db8::7/48_8443"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_2001:db8::7/48_8443"]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "tcp"}, v4: ["(catch-all)"], v6: ["meshpassthrough_tcp_2001:db8::7/48_*"], fcm: {prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_2001:db8::7/48_*"]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "tls", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_tls_2001:db8::7/48_8443"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_2001:db8::7/48_8443"]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "tls"}, v4: ["(catch-all)"], v6: ["meshpassthrough_tls_2001:db8::7/48_*"], fcm: {prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "tls"}, clusters: ["meshpassthrough_tls_2001:db8::7/48_*"]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "http", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_http_2001:db8::7/48_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_2001:db8::7/48_8443"], vhosts: [["2001:db8::7/48", ["*"], "meshpassthrough_http_2001:db8::7/48_8443"]]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "http"}, v4: ["(catch-all)"], v6: ["meshpassthrough_http_2001:db8::7/48_*"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http_2001:db8::7/48_*"], vhosts: [["2001:db8::7/48", ["*"], "meshpassthrough_http_2001:db8::7/48_*"]]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "http2", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_http2_2001:db8::7/48_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_2001:db8::7/48_8443"], vhosts: [["2001:db8::7/48", ["*"], "meshpassthrough_http2_2001:db8::7/48_8443"]]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "http2"}, v4: ["(catch-all)"], v6: ["meshpassthrough_http2_2001:db8::7/48_*"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_http2_2001:db8::7/48_*"], vhosts: [["2001:db8::7/48", ["*"], "meshpassthrough_http2_2001:db8::7/48_*"]]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "grpc", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_grpc_2001:db8::7/48_8443"], fcm: {applicationProtocols: ["http/1.1", "h2c"], destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_2001:db8::7/48_8443"], vhosts: [["2001:db8::7/48", ["*"], "meshpassthrough_grpc_2001:db8::7/48_8443"]]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "grpc"}, v4: ["(catch-all)"], v6: ["meshpassthrough_grpc_2001:db8::7/48_*"], fcm: {applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_grpc_2001:db8::7/48_*"], vhosts: [["2001:db8::7/48", ["*"], "meshpassthrough_grpc_2001:db8::7/48_*"]]},
  {rule: {type: "CIDR", value: "2001:db8::7/48", protocol: "mysql", port: 8443}, v4: ["(catch-all)"], v6: ["meshpassthrough_tcp_2001:db8::7/48_8443"], fcm: {destinationPort: 8443, prefixRanges: [{addressPrefix: "2001:db8::", prefixLen: 48}], transportProtocol: "raw_buffer"}, clusters: ["meshpassthrough_tcp_2001:db8::7/48_8443"]},
];

const label = (r: Row) => `${r.rule.type} ${r.rule.value} ${r.rule.protocol}${r.rule.port ? ` :${r.rule.port}` : " (all ports)"}`;

describe("MeshPassthrough Matched mode: one rule", () => {
  it.each(ROWS.map((r) => [label(r), r] as const))("%s", (_, row) => {
    expect(validatePolicy(meshPassthrough, { default: { appendMatch: [row.rule] } }, { features: features("2.14"), role: "system", path: "spec" })).toEqual([]);
    const r = run({ appendMatch: [row.rule] });
    expect(r.error).toBeUndefined();
    expect(r.warnings).toEqual([]);
    expect(chainNames(r.resources, V4)).toEqual(row.v4);
    expect(chainNames(r.resources, V6)).toEqual(row.v6);
    const on = row.v4[0] !== "(catch-all)" ? V4 : V6;
    const c = chains(r.resources, on)[0]!;
    expect(c["filterChainMatch"]).toEqual(row.fcm);
    // The default clusters are gone; only the rule's clusters exist, with origin meshpassthrough.
    expect(clusterNames(r.resources)).toEqual(row.clusters);
    for (const name of row.clusters) {
      const cl = cluster(r.resources, name);
      expect(cl.origin).toBe("meshpassthrough");
      expect(cl.value["type"]).toBe("ORIGINAL_DST");
      expect(cl.value["connectTimeout"]).toBe("5s");
      const h2 = row.rule.protocol === "http2" || row.rule.protocol === "grpc";
      expect(cl.value["typedExtensionProtocolOptions"] !== undefined).toBe(h2);
    }
    if (row.vhosts) {
      expect(vhosts(c)).toEqual(row.vhosts);
      expect(hcm(c)["internalAddressConfig"]).toEqual({ cidrRanges: [{ addressPrefix: "127.0.0.1", prefixLen: 32 }] });
    } else {
      expect(tcpCluster(c)).toBe(row.clusters[0]);
    }
    // A rewritten listener gets the three listener filters; an untouched one gets none.
    for (const [name, names] of [[V4, row.v4], [V6, row.v6]] as const) {
      const lf = listener(r.resources, name)["listenerFilters"];
      expect(lf === undefined).toBe(names[0] === "(catch-all)");
    }
  });
});

describe("MeshPassthrough chain and cluster details", () => {
  it("tcp_proxy statPrefix and cluster altStatName are the sanitised names", () => {
    const r = run({ appendMatch: [{ type: "Domain", value: "*.example.com", port: 443, protocol: "tls" }] });
    const c = chains(r.resources, V4)[0]!;
    expect((c["filters"] as JsonObject[])[0]!["typedConfig"]).toEqual({
      "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
      cluster: "meshpassthrough_tls_*.example.com_443",
      statPrefix: "meshpassthrough_tls___example_com_443",
    });
    expect(cluster(r.resources, "meshpassthrough_tls_*.example.com_443").value).toEqual({
      name: "meshpassthrough_tls_*.example.com_443",
      type: "ORIGINAL_DST",
      lbPolicy: "CLUSTER_PROVIDED",
      connectTimeout: "5s",
      altStatName: "meshpassthrough_tls___example_com_443",
    });
  });

  it("an aggregated HTTP chain: HCM with router, internal addresses, vhosts and the no_match 503 body", () => {
    const r = run({ appendMatch: [{ type: "Domain", value: "example.com", port: 80, protocol: "http" }] }, { internalAddresses: ["10.0.0.0/8", "127.0.0.1/32"] });
    expect(hcm(chains(r.resources, V4)[0]!)).toEqual({
      "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
      statPrefix: "meshpassthrough_http_80",
      httpFilters: [{ name: "envoy.filters.http.router", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } }],
      internalAddressConfig: { cidrRanges: [{ addressPrefix: "10.0.0.0", prefixLen: 8 }, { addressPrefix: "127.0.0.1", prefixLen: 32 }] },
      routeConfig: {
        name: "meshpassthrough_http_80",
        virtualHosts: [
          { name: "example.com", domains: ["example.com", "example.com:80"], routes: [{ match: { prefix: "/" }, route: { cluster: "meshpassthrough_http_example.com_80" } }] },
          {
            name: "no_match",
            domains: ["*"],
            routes: [
              {
                match: { prefix: "/" },
                directResponse: {
                  status: 503,
                  body: { inlineString: "This response comes from Kuma Sidecar. No routes matched this domain - check configuration of your MeshPassthrough policy.\n" },
                },
              },
            ],
          },
        ],
      },
    });
  });

  it("the port-less aggregated chain has statPrefix meshpassthrough_http__", () => {
    const r = run({ appendMatch: [{ type: "Domain", value: "example.com", protocol: "http" }] });
    expect(hcm(chains(r.resources, V4)[0]!)["statPrefix"]).toBe("meshpassthrough_http__");
  });

  it("http2 and grpc clusters speak HTTP/2 upstream", () => {
    const r = run({ appendMatch: [{ type: "IP", value: "10.0.0.9", port: 50051, protocol: "grpc" }] });
    expect(cluster(r.resources, "meshpassthrough_grpc_10.0.0.9_50051").value["typedExtensionProtocolOptions"]).toEqual({
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
        "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
        explicitHttpConfig: { http2ProtocolOptions: {} },
      },
    });
  });

  it("listener filters: original_dst, tls_inspector, http_inspector; mysql ports disable both inspectors", () => {
    const plain = run({ appendMatch: [{ type: "IP", value: "10.0.0.9", port: 5432, protocol: "tcp" }] });
    expect(listener(plain.resources, V4)["listenerFilters"]).toEqual([
      { name: "envoy.filters.listener.original_dst", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.listener.original_dst.v3.OriginalDst" } },
      { name: "envoy.filters.listener.tls_inspector", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector" } },
      { name: "envoy.filters.listener.http_inspector", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.listener.http_inspector.v3.HttpInspector" } },
    ]);
    const one = run({ appendMatch: [{ type: "IP", value: "10.0.0.9", port: 3306, protocol: "mysql" }] });
    const lf = listener(one.resources, V4)["listenerFilters"] as JsonObject[];
    expect(lf[1]!["filterDisabled"]).toEqual({ destinationPortRange: { start: 3306, end: 3307 } });
    expect(lf[2]!["filterDisabled"]).toEqual({ destinationPortRange: { start: 3306, end: 3307 } });
    expect(lf[0]!["filterDisabled"]).toBeUndefined();
  });

  it("the rewritten listener keeps its name, address, direction and useOriginalDst", () => {
    const r = run({ appendMatch: [{ type: "IP", value: "10.0.0.9", port: 5432, protocol: "tcp" }] });
    const l = listener(r.resources, V4);
    expect(l["name"]).toBe(V4);
    expect(l["address"]).toEqual({ socketAddress: { address: "0.0.0.0", portValue: 15001 } });
    expect(l["trafficDirection"]).toBe("OUTBOUND");
    expect(r.resources.find((x) => x.type === "listener" && x.name === V4)!.origin).toBe("transparent");
  });
});

describe("MeshPassthrough: rule families Kuma's validator refuses", () => {
  it.each([
    [{ type: "Domain", value: "api.example.com", port: 443, protocol: "tcp" }, "protocol"],
    [{ type: "Domain", value: "api.example.com", port: 3306, protocol: "mysql" }, "protocol"],
    [{ type: "Domain", value: "*.example.com", port: 443, protocol: "tcp" }, "protocol"],
    [{ type: "Domain", value: "*.example.com", protocol: "http" }, "port"],
    [{ type: "Domain", value: "*.example.com", protocol: "http2" }, "port"],
    [{ type: "Domain", value: "*.example.com", protocol: "grpc" }, "port"],
    [{ type: "IP", value: "10.1.2.3", protocol: "mysql" }, "port"],
    [{ type: "CIDR", value: "10.1.2.3/16", protocol: "mysql" }, "port"],
  ] as const)("%j is refused at .%s", (rule, field) => {
    const v = validatePolicy(meshPassthrough, { default: { appendMatch: [rule] } }, { features: features("2.14"), role: "system", path: "spec" });
    expect(v.map((x) => x.path)).toContain(`spec.default.appendMatch[0].${field}`);
  });
});
