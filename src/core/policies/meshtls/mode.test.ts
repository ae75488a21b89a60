/** effectiveTlsMode: the Mesh's mode, MeshTLS overrides per inbound, nothing when mTLS is off (kuma meshtls plugin.go getMeshTLSMode @ v2.14.3). */
import { describe, expect, it } from "vitest";
import { inboundInterfaces } from "../../model/interfaces.js";
import { effectiveTlsMode } from "./index.js";
import { inboundDataplane, mesh, meshTls } from "./policy.fixtures.js";

const dp = inboundDataplane("dp-1", "default", {
  networking: {
    address: "10.0.0.7",
    inbound: [
      { port: 8080, name: "http", tags: { "kuma.io/service": "web" } },
      { port: 9090, tags: { "kuma.io/service": "metrics" } },
    ],
  },
});
const [http, metrics] = inboundInterfaces(dp) as [ReturnType<typeof inboundInterfaces>[number], ReturnType<typeof inboundInterfaces>[number]];

describe("effectiveTlsMode", () => {
  it("no policy: the Mesh's backend mode", () => {
    expect(effectiveTlsMode(mesh("STRICT"), []).mode).toBe("STRICT");
    expect(effectiveTlsMode(mesh("PERMISSIVE"), []).mode).toBe("PERMISSIVE");
    expect(effectiveTlsMode(mesh("off"), []).mode).toBe("off");
  });
  it("a mode in from[] (targetRef Mesh) or rules[] overrides the Mesh", () => {
    const p = meshTls("permissive", { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { mode: "Permissive" } }] });
    const d = effectiveTlsMode(mesh("STRICT"), [p]);
    expect(d.mode).toBe("PERMISSIVE");
    expect(d.source).toBe("MeshTLS permissive");
    expect(effectiveTlsMode(mesh("PERMISSIVE"), [meshTls("strict", { rules: [{ default: { mode: "Strict" } }] })]).mode).toBe("STRICT");
  });
  it("later (more specific) policies win; a policy without mode keeps the earlier one", () => {
    const wide = meshTls("wide", { targetRef: { kind: "Mesh" }, rules: [{ default: { mode: "Permissive" } }] });
    const narrow = meshTls("narrow", { targetRef: { kind: "Dataplane", labels: { app: "x" } }, rules: [{ default: { mode: "Strict" } }] });
    const noMode = meshTls("versions", { targetRef: { kind: "Mesh" }, rules: [{ default: { tlsVersion: { min: "TLS12" } } }] });
    expect(effectiveTlsMode(mesh("STRICT"), [wide, narrow]).mode).toBe("STRICT");
    const d = effectiveTlsMode(mesh("STRICT"), [wide, noMode]);
    expect(d.mode).toBe("PERMISSIVE");
    expect(d.tlsVersion).toEqual({ min: "TLS12" });
  });
  it("per inbound: a Dataplane sectionName or MeshSubset tags cover only their inbounds", () => {
    const section = meshTls("http-only", { targetRef: { kind: "Dataplane", name: "dp-1", sectionName: "http" }, rules: [{ default: { mode: "Permissive" } }] });
    expect(effectiveTlsMode(mesh("STRICT"), [section], http).mode).toBe("PERMISSIVE");
    expect(effectiveTlsMode(mesh("STRICT"), [section], metrics).mode).toBe("STRICT");
    const byPort = meshTls("by-port", { targetRef: { kind: "Dataplane", sectionName: "9090" }, rules: [{ default: { mode: "Permissive" } }] });
    expect(effectiveTlsMode(mesh("STRICT"), [byPort], metrics).mode).toBe("PERMISSIVE");
    const subset = meshTls("subset", { targetRef: { kind: "MeshSubset", tags: { "kuma.io/service": "metrics" } }, from: [{ targetRef: { kind: "Mesh" }, default: { mode: "Permissive" } }] });
    expect(effectiveTlsMode(mesh("STRICT"), [subset], http).mode).toBe("STRICT");
    expect(effectiveTlsMode(mesh("STRICT"), [subset], metrics).mode).toBe("PERMISSIVE");
  });
  it("mTLS off: Kuma skips MeshTLS, the inbound stays plaintext and the policy is reported ignored", () => {
    const d = effectiveTlsMode(mesh("off"), [meshTls("strict", { rules: [{ default: { mode: "Strict" } }] })]);
    expect(d.mode).toBe("off");
    expect(d.ignored).toMatch(/MTLS is disabled/);
  });
});
