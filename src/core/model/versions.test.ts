import { describe, expect, it } from "vitest";
import { allVersions, atLeast, atRelease, CHANGES, compareReleases, features, hasChange, kindRemoval, kumaTag, LINE_COMMITS, releaseLabel, resolveVersion, SUPPORTED_MINORS } from "./versions.js";
import { versionRows } from "../simulate/versions.js";

describe("releases", () => {
  it("orders releases by major, minor, then patch (numerically)", () => {
    expect(compareReleases("2.13.10", "2.13.4")).toBeGreaterThan(0);
    expect(compareReleases("2.9.0", "2.10.0")).toBeLessThan(0);
    expect(compareReleases("2.14.3", "2.14.3")).toBe(0);
    expect(atLeast("2.10.0", "2.9.19")).toBe(true);
    expect(atLeast("2.9.19", "2.10.0")).toBe(false);
  });
  it("atRelease picks the newest row that is not after the release, and refuses a release before the first", () => {
    const rows = [
      { since: "2.5.0", value: "a" },
      { since: "2.13.4", value: "b" },
      { since: "2.14.0", value: "c" },
    ] as const;
    expect(atRelease(rows, "2.13.3")).toBe("a");
    expect(atRelease(rows, "2.13.4")).toBe("b");
    expect(atRelease(rows, "2.13.10")).toBe("b");
    expect(atRelease(rows, "2.14.3")).toBe("c");
    expect(() => atRelease(rows, "2.4.9")).toThrow();
  });
  it("a backported fix holds on each listed line from its patch, on later minors from .0, and nowhere else", () => {
    // The shape of kumahq/kuma commit 89c9d03f5d (#17546): v2.14.2, backported to v2.12.14 and v2.13.10.
    const since = ["2.12.14", "2.13.10", "2.14.2"] as const;
    expect(hasChange("2.12.13", since)).toBe(false);
    expect(hasChange("2.12.14", since)).toBe(true);
    expect(hasChange("2.13.9", since)).toBe(false);
    expect(hasChange("2.13.10", since)).toBe(true);
    expect(hasChange("2.14.1", since)).toBe(false);
    expect(hasChange("2.14.2", since)).toBe(true);
    expect(hasChange("2.15.0", since)).toBe(true);
    expect(hasChange("2.11.18", since)).toBe(false);
    expect(hasChange("2.13.4", "2.13.3")).toBe(true);
    expect(hasChange("2.13.2", "2.13.3")).toBe(false);
  });
  it("every change is newer than the one before it, and newer than 2.5.0", () => {
    let prev = "2.5.0" as const as `${number}.${number}.${number}`;
    for (const c of CHANGES) {
      if (typeof c.since !== "string") continue;
      expect(compareReleases(c.since, prev)).toBeGreaterThan(0);
      expect(c.source).not.toBe("");
      prev = c.since;
    }
  });
});

describe("version table", () => {
  it("lists 2.5 … 2.14 and 3.0 in order", () => {
    expect(SUPPORTED_MINORS).toEqual(["2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "3.0"]);
    expect(allVersions().map((v) => v.minor)).toEqual([...SUPPORTED_MINORS]);
  });
  it("a bare minor means its newest patch (kumahq/kuma release tags)", () => {
    expect(allVersions().map((v) => v.release)).toEqual(["2.5.11", "2.6.15", "2.7.29", "2.8.8", "2.9.19", "2.10.11", "2.11.18", "2.12.14", "2.13.10", "2.14.3", "3.0.0"]);
    expect(features("2.13").release).toBe("2.13.10");
    expect(features("2.13.4").release).toBe("2.13.4");
    expect(features("2.13.4").minor).toBe("2.13");
  });
  it("3.0 follows commit 348b6528bc of kumahq/kuma (its UPGRADE.md has the 3.0.0 section) and is named by it", () => {
    expect(releaseLabel("3.0.0")).toBe("3.0.0-dev+348b6528bc");
    expect(releaseLabel("2.14.3")).toBe("2.14.3");
    expect(LINE_COMMITS["3.0"]).toMatchObject({ commit: "348b6528bc234b3c4bd7f22ad7c5bf950d6149fc", date: "2026-08-21" });
  });
  it("3.0.0 changes (UPGRADE.md, Upgrade to 3.0.0 @ 348b6528bc), and 2.14.3 has none of them", () => {
    const at30 = features("3.0");
    const at214 = features("2.14");
    for (const [key, v30] of [
      ["unifiedNamingAlways", true],
      ["meshPassthroughField", false],
      ["meshMtlsField", false],
      ["inboundProtocolTag", false],
      ["inboundTagsField", false],
      ["outboundTagsField", false],
      ["mesClusterNeedsIdentity", true],
      ["policyFromField", false],
      ["strictInboundPortsByIdentity", true],
    ] as const) {
      expect(at30[key]).toBe(v30);
      expect(at214[key]).toBe(!v30);
    }
    expect(kindRemoval("ExternalService", "3.0.0")?.replacement).toBe("MeshExternalService");
    expect(kindRemoval("ExternalService", "2.14.3")).toBeUndefined();
    expect(kindRemoval("TrafficRoute", "3.0.0")).toBeDefined();
  });
  it("policy plugins run inside ProxyTemplate's default-proxy profile from 2.6.0, after the whole template generator before (commit 12ab22c767, #8438)", () => {
    expect(features("2.5.11").policyPluginsInDefaultProfile).toBe(false);
    expect(features("2.6.0").policyPluginsInDefaultProfile).toBe(true);
    expect(features("2.14").policyPluginsInDefaultProfile).toBe(true);
  });
  it("connect timeout is 10s up to 2.5 and 5s from 2.6.0 (commit 19b90f2a9c)", () => {
    expect(features("2.5").passthroughConnectTimeout).toBe("10s");
    expect(features("2.5.11").passthroughConnectTimeout).toBe("10s");
    expect(features("2.6.0").passthroughConnectTimeout).toBe("5s");
    expect(features("2.14").passthroughConnectTimeout).toBe("5s");
  });
  it("MeshTimeout's inbound defaults without a policy from 2.10.0, not 2.6 (hook-before-pt golden: 10s @ v2.9.13, 5s @ 2.10.0)", () => {
    expect(features("2.6").inboundTimeoutDefaults).toBe(false);
    expect(features("2.9.19").inboundTimeoutDefaults).toBe(false);
    expect(features("2.10.0").inboundTimeoutDefaults).toBe(true);
  });
  it("trackRemaining on every cluster only from 2.14 (commit a09ff66614, only in v2.14.x tags)", () => {
    expect(features("2.13").trackRemainingOnEveryCluster).toBe(false);
    expect(features("2.14.0").trackRemainingOnEveryCluster).toBe(true);
  });
  it("unified naming from 2.12, no-destination cluster from 2.13, listener statPrefix from 2.14", () => {
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
  it("2.13 patch releases: the strict-inbound-ports fixes from v2.13.3 / v2.13.4, reuse port v2.13.6 / v2.13.7, listener-name equivalence v2.13.10", () => {
    expect([features("2.13.2").strictInboundPortsKeepCatchAll, features("2.13.3").strictInboundPortsKeepCatchAll]).toEqual([false, true]);
    expect([features("2.13.3").strictInboundPortsFixes, features("2.13.4").strictInboundPortsFixes]).toEqual([false, true]);
    expect([features("2.13.5").inboundPassthroughReusePortAlways, features("2.13.6").inboundPassthroughReusePortAlways]).toEqual([false, true]);
    expect([features("2.13.6").reusePortFeature, features("2.13.7").reusePortFeature, features("2.14.0").reusePortFeature]).toEqual([false, true, true]);
    expect([features("2.12.13").listenerNameEquivalence, features("2.12.14").listenerNameEquivalence]).toEqual([false, true]);
    expect([features("2.13.9").listenerNameEquivalence, features("2.13.10").listenerNameEquivalence]).toEqual([false, true]);
    expect([features("2.14.1").listenerNameEquivalence, features("2.14.2").listenerNameEquivalence]).toEqual([false, true]);
  });
  it("MeshPassthrough: by-protocol-port chains up to 2.9.1, by-match from 2.9.2 (backport 3cb08305d8) and 2.10.0; original_dst from 2.10.0", () => {
    expect([features("2.8.8").meshPassthroughLayout, features("2.9.1").meshPassthroughLayout, features("2.9.2").meshPassthroughLayout]).toEqual(["by-protocol-port", "by-protocol-port", "by-match"]);
    expect([features("2.8.8").meshPassthroughPrefixRoute, features("2.9.0").meshPassthroughPrefixRoute]).toEqual([false, true]);
    expect([features("2.9.19").meshPassthroughOriginalDst, features("2.10.0").meshPassthroughOriginalDst]).toEqual([false, true]);
    expect([features("2.9.10").meshPassthroughSortsTies, features("2.9.11").meshPassthroughSortsTies, features("2.10.8").meshPassthroughSortsTies, features("2.10.9").meshPassthroughSortsTies]).toEqual([false, true, false, true]);
  });
  it("HCM internalAddressConfig: 2.7.17, 2.9.9, 2.10.0 (not 2.8); IPv6 entries dropped from 2.7.18, 2.9.10, 2.10.7, 2.11.6, 2.12.1", () => {
    expect(["2.7.16", "2.7.17", "2.8.8", "2.9.8", "2.9.9", "2.10.0"].map((r) => features(r as "2.7.16").hcmInternalAddressConfig)).toEqual([false, true, false, false, true, true]);
    expect(["2.9.9", "2.9.10", "2.10.6", "2.10.7", "2.12.0", "2.12.1", "2.13.0"].map((r) => features(r as "2.9.9").internalAddressesIpv6Aware)).toEqual([false, true, false, true, false, true, true]);
  });
  it("origin of clusters MeshProxyPatch adds changes in 2.12 (commit e1c288af50)", () => {
    expect(features("2.11").addedClusterOrigin).toBe("mesh-proxy-patch");
    expect(features("2.12").addedClusterOrigin).toBe("proxy-template-modifications");
  });
  it("resolves 2.13.4, 2.13 and v2.13.4 to 2.13 and a release; rejects others listing the supported ones", () => {
    expect(resolveVersion("2.13.4", "kumaVersion")).toEqual({ minor: "2.13", release: "2.13.4" });
    expect(resolveVersion("2.13", "kumaVersion")).toEqual({ minor: "2.13", release: "2.13.10" });
    expect(resolveVersion("v2.13.4", "kumaVersion")).toEqual({ minor: "2.13", release: "2.13.4" });
    expect(resolveVersion(undefined, "kumaVersion")).toEqual({ minor: "2.14", release: "2.14.3" });
    // kumahq/kuma tags: the 2.13 line ends at v2.13.10 in the table, so 2.13.11 is simulated as 2.13.10 and flagged.
    expect(resolveVersion("2.13.11", "kumaVersion")).toEqual({ minor: "2.13", release: "2.13.10", newerThanKnown: "2.13.11" });
    expect(resolveVersion("2.13.010", "kumaVersion")).toEqual({ minor: "2.13", release: "2.13.10" });
    const bad = resolveVersion("2.4", "kumaVersion");
    expect(bad).toMatchObject({ error: { path: "kumaVersion" } });
    expect("error" in bad && bad.error.message).toContain("2.5, 2.6, 2.7, 2.8, 2.9, 2.10, 2.11, 2.12, 2.13, 2.14, 3.0");
    expect("error" in bad && bad.error.message).toContain("3.0.0-dev+348b6528bc");
    // No 3.0 tag in kumahq/kuma when the table was written: "3.0" is the 3.0 line's commit, still never the default.
    expect(resolveVersion("3.0", "kumaVersion")).toEqual({ minor: "3.0", release: "3.0.0" });
    expect(resolveVersion("3.1", "kumaVersion")).toHaveProperty("error");
    expect(resolveVersion("latest", "kumaVersion")).toHaveProperty("error");
  });
});

describe("every row of GET /v1/versions, written out", () => {
  // One line per minor, in the order of the row's fields below: the transparent-proxy generator's history (Kuma
  // commits cited in src/core/model/versions.ts), MeshPassthrough from 2.8.0, and the targetRef kinds the
  // MeshProxyPatch / MeshPassthrough validators admit (validator.go validateTop at each release).
  const rows: Record<string, [string, string, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, string, boolean, number, number]> = {
    //      timeout  ipv6 rule                   MPT    crdNone tpMeta unified noDest stPfx  track  reuse  addedOrigin                     equiv  mppKinds mptKinds
    "2.5": ["10s", "inbound-v6-port", false, true, false, false, false, false, false, false, "mesh-proxy-patch", false, 4, 2],
    "2.6": ["5s", "inbound-v6-port", false, true, false, false, false, false, false, false, "mesh-proxy-patch", false, 4, 2],
    "2.7": ["5s", "family-mode-with-v6-port", false, true, false, false, false, false, false, false, "mesh-proxy-patch", false, 4, 2],
    "2.8": ["5s", "family-mode-with-v6-port", true, true, false, false, false, false, false, false, "mesh-proxy-patch", false, 4, 2],
    "2.9": ["5s", "family-mode", true, true, false, false, false, false, false, false, "mesh-proxy-patch", false, 4, 2],
    "2.10": ["5s", "family-mode", true, false, false, false, false, false, false, false, "mesh-proxy-patch", false, 5, 3],
    "2.11": ["5s", "family-mode", true, false, true, false, false, false, false, false, "mesh-proxy-patch", false, 5, 3],
    "2.12": ["5s", "family-mode", true, false, true, true, false, false, false, false, "proxy-template-modifications", true, 5, 3],
    "2.13": ["5s", "family-mode", true, false, true, true, true, false, false, true, "proxy-template-modifications", true, 5, 3],
    "2.14": ["5s", "family-mode", true, false, true, true, true, true, true, true, "proxy-template-modifications", true, 5, 3],
    // @348b6528bc: validateTop of MeshProxyPatch and MeshPassthrough admits Mesh and Dataplane only.
    "3.0": ["5s", "family-mode", true, false, true, true, true, true, true, true, "proxy-template-modifications", true, 2, 2],
  };
  for (const v of versionRows()) {
    const minor = v["minor"] as string;
    it(minor, () => {
      expect([
        v["passthroughConnectTimeout"],
        v["ipv6Rule"],
        v["meshPassthrough"],
        v["meshPassthroughCrdDefaultNone"],
        v["tpInMetadata"],
        v["unifiedNaming"],
        v["noDestinationInboundCluster"],
        v["unifiedListenerStatPrefix"],
        v["trackRemainingOnEveryCluster"],
        v["reusePortFeature"],
        v["addedClusterOrigin"],
        v["listenerNameEquivalence"],
        (v["meshProxyPatchTargetKinds"] as string[]).length,
        (v["meshPassthroughTargetKinds"] as string[]).length,
      ]).toEqual(rows[minor]);
      expect(v["bindOutbounds"]).toBe(v["tpInMetadata"]); // both arrived in 2.11.0
      // MeshTimeout's inbound defaults without a policy from 2.10.0 (commit d3a493dd28), together with the CRD change.
      expect(v["inboundTimeoutDefaults"]).toBe(!v["meshPassthroughCrdDefaultNone"]);
      expect(v["strictInboundPorts"]).toBe(v["noDestinationInboundCluster"]); // both 2.13.0 (commit f98b6c456b)
    });
  }
});

describe("the new service model by release", () => {
  // kumahq/kuma: pkg/core/resources/apis/{meshservice,meshexternalservice,hostnamegenerator,meshmultizoneservice} at
  // 2.7.0 / 2.8.0 / 2.9.0, pkg/ipam @ 2.8.0, hostnamegenerator.go pointer selectors @ 2.8.1 (12d2ea7af4),
  // pkg/defaults/hostname_generator.go @ 2.9.0, IsDNS1123Subdomain in hostname/generator.go @ v2.14.0 (not @ v2.13.10).
  const rows: Record<string, [string, boolean, boolean, boolean, boolean, boolean]> = {
    //        kinds                                                          ipam   perKind defaults env   dns1123
    "2.6.15": ["", false, false, false, false, false],
    "2.7.29": ["MeshService", false, false, false, false, false],
    "2.8.0": ["MeshService MeshExternalService HostnameGenerator", true, false, false, false, false],
    "2.8.1": ["MeshService MeshExternalService HostnameGenerator", true, true, false, false, false],
    "2.9.0": ["MeshService MeshExternalService MeshMultiZoneService HostnameGenerator", true, true, true, true, false],
    "2.13.10": ["MeshService MeshExternalService MeshMultiZoneService HostnameGenerator", true, true, true, true, false],
    "2.14.0": ["MeshService MeshExternalService MeshMultiZoneService HostnameGenerator", true, true, true, true, true],
  };
  for (const [release, want] of Object.entries(rows)) {
    it(release, () => {
      const f = features(release as `${number}.${number}.${number}`);
      expect([f.meshDestinationKinds.join(" "), f.ipamVips, f.hostnameSelectorPerKind, f.defaultHostnameGenerators, f.envLabelAndZoneFallback, f.hostnameDns1123Check]).toEqual(want);
    });
  }
});

describe("kumaTag: how kumahq/kuma spells a release's tag", () => {
  it("v-prefixed from the patch the repository switched at, plain before", () => {
    // git tag -l in a kumahq/kuma mirror: 2.7.19 / v2.7.20, 2.8.8, 2.9.19, 2.10.8 / v2.10.9, 2.11.7 / v2.11.8, 2.12.3 / v2.12.4, v2.13.0, v2.14.3
    expect(["2.5.11", "2.7.19", "2.7.20", "2.8.8", "2.9.19", "2.10.8", "2.10.9", "2.11.7", "2.11.8", "2.12.3", "2.12.4", "2.13.0", "2.14.3"].map((r) => kumaTag(r as `${number}.${number}.${number}`))).toEqual([
      "2.5.11", "2.7.19", "v2.7.20", "2.8.8", "2.9.19", "2.10.8", "v2.10.9", "2.11.7", "v2.11.8", "2.12.3", "v2.12.4", "v2.13.0", "v2.14.3",
    ]);
  });
});
