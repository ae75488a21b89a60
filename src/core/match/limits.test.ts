/**
 * Limits and their sources. Envoy defaults (envoyproxy/envoy@v1.38.2): Cluster.connect_timeout 5s
 * (cluster.proto), CircuitBreakers.Thresholds 1024/1024/1024/3 (circuit_breaker.proto), TcpProxy.idle_timeout
 * 1h (tcp_proxy.proto), RouteAction.timeout 15s (route_components.proto), HCM stream_idle_timeout 5 min
 * (http_connection_manager.proto), HttpProtocolOptions.idle_timeout 1h for downstream connections (protocol.proto).
 */
import { describe, expect, it } from "vitest";
import { indexWrites } from "../xds/provenance.js";
import type { JsonObject } from "../json.js";
import { ENVOY_DEFAULTS, clusterLimits, httpLimits, tcpProxyLimits } from "./limits.js";

const none = indexWrites([]);

describe("ENVOY_DEFAULTS", () => {
  it("match the proto documentation", () => {
    expect(ENVOY_DEFAULTS).toEqual({
      connectTimeout: "5s",
      tcpIdleTimeout: "3600s",
      maxConnections: 1024,
      maxPendingRequests: 1024,
      maxRequests: 1024,
      maxRetries: 3,
      routeTimeout: "15s",
      streamIdleTimeout: "300s",
      httpIdleTimeout: "3600s",
    });
  });
});

describe("clusterLimits", () => {
  it("an empty cluster gets Envoy's defaults, each marked envoy-default", () => {
    expect(clusterLimits({ name: "c" }, none)).toEqual({
      connectTimeout: { value: "5s", source: "envoy-default" },
      circuitBreakers: {
        maxConnections: { value: 1024, source: "envoy-default" },
        maxPendingRequests: { value: 1024, source: "envoy-default" },
        maxRequests: { value: 1024, source: "envoy-default" },
        maxRetries: { value: 3, source: "envoy-default" },
      },
    });
  });
  it("a value nobody recorded was written by Kuma's generator", () => {
    expect(clusterLimits({ name: "c", connectTimeout: "10s" }, none).connectTimeout).toEqual({ value: "10s", source: "kuma" });
  });
  it("a recorded write names the policy modification, even through an ancestor pointer", () => {
    const writes = indexWrites([{ resource: "cluster/c", pointer: "/circuitBreakers", source: "mpp#0", seq: 0 }]);
    const out = clusterLimits({ name: "c", circuitBreakers: { thresholds: [{ maxConnections: 7 }] } }, writes);
    expect(out.circuitBreakers?.maxConnections).toEqual({ value: 7, source: "mpp#0" });
    // Unset fields of the same threshold are still Envoy's defaults.
    expect(out.circuitBreakers?.maxRetries).toEqual({ value: 3, source: "envoy-default" });
    expect(out.connectTimeout?.source).toBe("envoy-default");
  });
  it("Envoy reads the first threshold of the DEFAULT priority (an omitted priority is DEFAULT, the enum's zero value)", () => {
    const cluster: JsonObject = { name: "c", circuitBreakers: { thresholds: [{ priority: "HIGH", maxConnections: 1 }, { maxConnections: 2 }, { priority: "DEFAULT", maxConnections: 3 }] } };
    expect(clusterLimits(cluster, none).circuitBreakers?.maxConnections).toEqual({ value: 2, source: "kuma" });
  });
  it("an explicit DEFAULT priority is the same as an omitted one", () => {
    const cluster: JsonObject = { name: "c", circuitBreakers: { thresholds: [{ priority: "HIGH", maxConnections: 1 }, { priority: "DEFAULT", maxConnections: 3 }] } };
    expect(clusterLimits(cluster, none).circuitBreakers?.maxConnections).toEqual({ value: 3, source: "kuma" });
  });
  it("the write that counts is the one at the chosen threshold's index", () => {
    const cluster: JsonObject = { name: "c", circuitBreakers: { thresholds: [{ priority: "HIGH", maxRequests: 1 }, { maxRequests: 2 }] } };
    const at0 = indexWrites([{ resource: "cluster/c", pointer: "/circuitBreakers/thresholds/0/maxRequests", source: "mpp#0", seq: 0 }]);
    const at1 = indexWrites([{ resource: "cluster/c", pointer: "/circuitBreakers/thresholds/1/maxRequests", source: "mpp#1", seq: 0 }]);
    expect(clusterLimits(cluster, at0).circuitBreakers?.maxRequests.source).toBe("kuma");
    expect(clusterLimits(cluster, at1).circuitBreakers?.maxRequests.source).toBe("mpp#1");
  });
  it("only HIGH thresholds: the DEFAULT priority keeps Envoy's defaults", () => {
    const cluster: JsonObject = { name: "c", circuitBreakers: { thresholds: [{ priority: "HIGH", maxConnections: 1 }] } };
    expect(clusterLimits(cluster, none).circuitBreakers?.maxConnections).toEqual({ value: 1024, source: "envoy-default" });
  });
  it("null is treated as unset", () => {
    expect(clusterLimits({ name: "c", connectTimeout: null }, none).connectTimeout?.source).toBe("envoy-default");
  });
});

describe("tcpProxyLimits", () => {
  it("idle timeout at <pointer>/typedConfig/idleTimeout of the listener", () => {
    const writes = indexWrites([{ resource: "listener/l", pointer: "/filterChains/0/filters/0/typedConfig/idleTimeout", source: "mpp#2", seq: 0 }]);
    expect(tcpProxyLimits("l", { idleTimeout: "0s" }, "/filterChains/0/filters/0", writes)).toEqual({ idleTimeout: { value: "0s", source: "mpp#2" } });
    expect(tcpProxyLimits("l", { idleTimeout: "0s" }, "/filterChains/1/filters/0", writes)).toEqual({ idleTimeout: { value: "0s", source: "kuma" } });
    expect(tcpProxyLimits("l", {}, "/filterChains/0/filters/0", writes)).toEqual({ idleTimeout: { value: "3600s", source: "envoy-default" } });
  });
});

describe("httpLimits", () => {
  it("route timeout from the route action, stream idle from the HCM, idle from commonHttpProtocolOptions", () => {
    const hcm = { streamIdleTimeout: "10s", commonHttpProtocolOptions: { idleTimeout: "20s" } };
    const writes = indexWrites([{ resource: "listener/l", pointer: "/filterChains/0/filters/0/typedConfig/commonHttpProtocolOptions", source: "mpp#0", seq: 0 }]);
    expect(httpLimits("l", hcm, "/filterChains/0/filters/0", { timeout: "30s" }, "/filterChains/0/filters/0/typedConfig/routeConfig/virtualHosts/0/routes/0/route", writes)).toEqual({
      routeTimeout: { value: "30s", source: "kuma" },
      streamIdleTimeout: { value: "10s", source: "kuma" },
      idleTimeout: { value: "20s", source: "mpp#0" },
    });
  });
  it("without values: 15s, 300s and 3600s from Envoy", () => {
    expect(httpLimits("l", {}, "/filterChains/0/filters/0", undefined, "/x", none)).toEqual({
      routeTimeout: { value: "15s", source: "envoy-default" },
      streamIdleTimeout: { value: "300s", source: "envoy-default" },
      idleTimeout: { value: "3600s", source: "envoy-default" },
    });
  });
});
