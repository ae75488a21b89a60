import { describe, expect, it } from "vitest";
import { allVersions, features, resolveVersion, SUPPORTED_MINORS } from "../../src/core/versions.js";

describe("version table (kuma-passthrough-core.md §6)", () => {
  it("lists 2.5 … 2.14 in order", () => {
    expect(SUPPORTED_MINORS).toEqual(["2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14"]);
    expect(allVersions().map((v) => v.minor)).toEqual([...SUPPORTED_MINORS]);
  });
  it("connect timeout is 10s up to 2.5 and 5s from 2.6 (commit 19b90f2a9c)", () => {
    expect(features("2.5").passthroughConnectTimeout).toBe("10s");
    expect(features("2.6").passthroughConnectTimeout).toBe("5s");
    expect(features("2.14").passthroughConnectTimeout).toBe("5s");
  });
  it("trackRemaining on every cluster only from 2.14 (commit a09ff66614, only in v2.14.x tags)", () => {
    expect(features("2.13").trackRemainingOnEveryCluster).toBe(false);
    expect(features("2.14").trackRemainingOnEveryCluster).toBe(true);
  });
  it("MeshPassthrough from 2.8, unified naming from 2.12, no-destination cluster from 2.13, listener statPrefix from 2.14", () => {
    expect([features("2.7").meshPassthrough, features("2.8").meshPassthrough]).toEqual([false, true]);
    expect([features("2.11").unifiedNaming, features("2.12").unifiedNaming]).toEqual([false, true]);
    expect([features("2.12").noDestinationInboundCluster, features("2.13").noDestinationInboundCluster]).toEqual([false, true]);
    expect([features("2.13").unifiedListenerStatPrefix, features("2.14").unifiedListenerStatPrefix]).toEqual([false, true]);
  });
  it("IPv6 rule: inbound v6 port up to 2.6, ipFamilyMode with v6 port 2.7-2.8, ipFamilyMode only from 2.9 (commit c82b119030)", () => {
    expect(features("2.6").ipv6Rule).toBe("inbound-v6-port");
    expect(features("2.7").ipv6Rule).toBe("family-mode-with-v6-port");
    expect(features("2.8").ipv6Rule).toBe("family-mode-with-v6-port");
    expect(features("2.9").ipv6Rule).toBe("family-mode");
  });
  it("origin of clusters MeshProxyPatch adds changes in 2.12 (commit e1c288af50)", () => {
    expect(features("2.11").addedClusterOrigin).toBe("mesh-proxy-patch");
    expect(features("2.12").addedClusterOrigin).toBe("proxy-template-modifications");
  });
  it("resolves 2.13.4, 2.13 and v2.13.4 to 2.13; rejects others listing the supported ones", () => {
    expect(resolveVersion("2.13.4", "kumaVersion")).toEqual({ minor: "2.13" });
    expect(resolveVersion("2.13", "kumaVersion")).toEqual({ minor: "2.13" });
    expect(resolveVersion("v2.13.4", "kumaVersion")).toEqual({ minor: "2.13" });
    expect(resolveVersion(undefined, "kumaVersion")).toEqual({ minor: "2.14" });
    const bad = resolveVersion("2.4", "kumaVersion");
    expect(bad).toMatchObject({ error: { path: "kumaVersion" } });
    expect("error" in bad && bad.error.message).toContain("2.5, 2.6, 2.7, 2.8, 2.9, 2.10, 2.11, 2.12, 2.13, 2.14");
    expect(resolveVersion("3.0", "kumaVersion")).toHaveProperty("error");
    expect(resolveVersion("latest", "kumaVersion")).toHaveProperty("error");
  });
});
