/**
 * Fields Kuma 3.0 accepts and ignores (kumahq/kuma@348b6528bc UPGRADE.md, "Upgrade to 3.0.0"): each is left out of the
 * spec with a field-ignored warning naming its request path; 2.14 keeps every one. Expected paths written by hand.
 */
import { describe, expect, it } from "vitest";
import type { Envelope } from "../model/envelope.js";
import { features } from "../model/versions.js";
import { dropRemovedFields } from "./release-fields.js";

const envelope = (kind: string, spec: unknown, form: Envelope["form"] = "universal"): Envelope => ({
  kind,
  name: "x",
  mesh: "default",
  form,
  namespace: undefined,
  labels: {},
  specPath: "resources[0]",
  spec,
  status: undefined,
  path: "resources[0]",
});

const mesh = { mtls: { enabledBackend: "ca-1" }, meshServices: { mode: "Exclusive" }, routing: { zoneEgress: true }, networking: { outbound: { passthrough: false } } };
const dataplane = {
  networking: {
    address: "10.0.0.1",
    advertisedAddress: "192.0.2.1",
    inbound: [{ port: 8080, tags: { "kuma.io/service": "web", "kuma.io/protocol": "http" } }],
    outbound: [{ port: 10001, tags: { "kuma.io/service": "backend" } }],
  },
};
const timeout = { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { idleTimeout: "1h" } }] };

const paths = (r: ReturnType<typeof dropRemovedFields>) => r.warnings.map((w) => [w.code, /: (\S+) is accepted and ignored by Kuma 3\.0 /.exec(w.message)?.[1]]);

describe("fields Kuma 3.0 accepts and ignores", () => {
  it("Mesh: mtls, meshServices, routing.zoneEgress and networking.outbound.passthrough", () => {
    const r = dropRemovedFields(envelope("Mesh", mesh), features("3.0"));
    expect(paths(r).sort()).toEqual(
      [
        ["field-ignored", "resources[0].mtls"],
        ["field-ignored", "resources[0].meshServices"],
        ["field-ignored", "resources[0].routing.zoneEgress"],
        ["field-ignored", "resources[0].networking.outbound.passthrough"],
      ].sort(),
    );
    expect(r.spec).not.toHaveProperty("mtls");
    expect(r.spec).not.toHaveProperty("meshServices");
  });

  it("Universal Dataplane: inbound tags, tag outbounds (no backendRef) and advertisedAddress", () => {
    const r = dropRemovedFields(envelope("Dataplane", dataplane), features("3.0"));
    const found = paths(r).map((p) => p[1]);
    expect(found).toContain("resources[0].networking.inbound[0].tags");
    expect(found).toContain("resources[0].networking.advertisedAddress");
    expect(found.some((p) => p?.startsWith("resources[0].networking.outbound"))).toBe(true);
    expect((r.spec as typeof dataplane).networking.address).toBe("10.0.0.1");
  });

  it("a policy's `from` (MeshTimeout)", () => {
    const r = dropRemovedFields(envelope("MeshTimeout", timeout), features("3.0"));
    expect(paths(r)).toEqual([["field-ignored", "resources[0].from"]]);
    expect(r.spec).toEqual({ targetRef: { kind: "Mesh" } });
  });

  it("2.14 keeps every field: the same spec object, no warning", () => {
    for (const [kind, spec] of [["Mesh", mesh], ["Dataplane", dataplane], ["MeshTimeout", timeout]] as const) {
      const r = dropRemovedFields(envelope(kind, spec), features("2.14"));
      expect(r.spec).toBe(spec);
      expect(r.warnings).toEqual([]);
    }
  });

  it("does not mutate its input", () => {
    const before = JSON.stringify(mesh);
    dropRemovedFields(envelope("Mesh", mesh), features("3.0"));
    expect(JSON.stringify(mesh)).toBe(before);
  });
});
