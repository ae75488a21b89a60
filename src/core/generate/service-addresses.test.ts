/**
 * VIPs and hostnames kuma-cp writes into a status the resource lacks. Expected values are typed from kumahq/kuma:
 * the IPAM CIDRs in pkg/config/app/kuma-cp/kuma-cp.defaults.yaml and the allocator
 * (pkg/core/resources/apis/core/vip/allocator.go; allocator_test.go: first VIPs 241.0.0.0 / 242.0.0.0, reserved
 * ones skipped) @ v2.14.3; no IPAM @ 2.7.29; the hostname generator's order, collisions and DNS check
 * (pkg/core/resources/apis/hostnamegenerator/hostname/generator.go @ v2.14.3, @ v2.13.10 without the check); the
 * 2.8.0 selectors as structs (hostnamegenerator.go @ 2.8.0) and pointers @ 2.8.1; the defaults
 * (pkg/defaults/hostname_generator.go @ 2.9.0 … v2.14.3).
 */
import { describe, expect, it } from "vitest";
import type { DestinationModel } from "../model/destination.js";
import type { HostnameGeneratorModel } from "../model/hostname-generator.js";
import { features } from "../model/versions.js";
import { assignServiceAddresses } from "./service-addresses.js";

const mes = (name: string, more: Partial<DestinationModel> = {}): DestinationModel => ({
  kind: "MeshExternalService",
  name,
  mesh: "default",
  namespace: undefined,
  labels: {},
  addresses: [],
  ports: [443],
  hostnames: [],
  service: undefined,
  missing: { vip: true, hostnames: true },
  ...more,
});
const ms = (name: string, more: Partial<DestinationModel> = {}): DestinationModel => ({ ...mes(name, more), kind: "MeshService", ports: [80], ...more });
const gen = (name: string, selector: HostnameGeneratorModel["selector"], template: string, more: Partial<HostnameGeneratorModel> = {}): HostnameGeneratorModel => ({
  name,
  labels: {},
  selector,
  template,
  source: "snapshot",
  ...more,
});
const byName = (r: { destinations: readonly DestinationModel[] }, name: string) => r.destinations.find((d) => d.name === name)!;

describe("VIPs", () => {
  it("allocates from each kind's CIDR, in name order, skipping VIPs other resources hold", () => {
    const r = assignServiceAddresses([mes("b"), mes("a"), mes("held", { addresses: ["242.0.0.0"], missing: { vip: false, hostnames: false } }), ms("web")], [], features("2.14"), "universal");
    expect(byName(r, "a").addresses).toEqual(["242.0.0.1"]);
    expect(byName(r, "b").addresses).toEqual(["242.0.0.2"]);
    expect(byName(r, "held").addresses).toEqual(["242.0.0.0"]);
    expect(byName(r, "web").addresses).toEqual(["241.0.0.0"]);
  });
  it("Kuma 2.7 has no IPAM: a MeshService without status keeps no VIP", () => {
    const r = assignServiceAddresses([ms("web")], [], features("2.7"), "universal");
    expect(byName(r, "web").addresses).toEqual([]);
    expect(r.notes[0]!.text).toContain("nothing in kuma-cp 2.7 allocates MeshService VIPs");
  });
  it("leaves a resource whose status has everything untouched, and reports nothing", () => {
    const full = mes("s", { addresses: ["242.0.0.9"], hostnames: ["s.example"], missing: { vip: false, hostnames: false } });
    const r = assignServiceAddresses([full], [], features("2.14"), "universal");
    expect(r.destinations[0]).toBe(full);
    expect(r.notes).toEqual([]);
  });
});

describe("hostnames", () => {
  it("default generators: local-mesh-external-service everywhere, local-universal-mesh-service only on Universal", () => {
    const u = assignServiceAddresses([mes("stripe"), ms("web")], [], features("2.9"), "universal");
    expect(byName(u, "stripe").hostnames).toEqual(["stripe.extsvc.mesh.local"]);
    expect(byName(u, "web").hostnames).toEqual(["web.svc.mesh.local"]);
    const k = assignServiceAddresses([mes("stripe", { namespace: "kuma-system" }), ms("web", { namespace: "shop" })], [], features("2.9"), "kubernetes");
    expect(byName(k, "stripe").hostnames).toEqual(["stripe.extsvc.mesh.local"]);
    expect(byName(k, "web").hostnames).toEqual([]);
  });
  it("no default generators before 2.9", () => {
    const r = assignServiceAddresses([mes("stripe")], [], features("2.8"), "universal");
    expect(byName(r, "stripe").hostnames).toEqual([]);
    expect(byName(r, "stripe").addresses).toEqual(["242.0.0.0"]);
  });
  it("a resource synced from Global is selected by synced-mesh-external-service, not the local one", () => {
    const r = assignServiceAddresses([mes("stripe-x7f", { labels: { "kuma.io/origin": "global", "kuma.io/display-name": "stripe" } })], [], features("2.14"), "universal");
    expect(byName(r, "stripe-x7f").hostnames).toEqual(["stripe.extsvc.mesh.local"]);
    expect(r.notes[0]!.text).toContain("HostnameGenerator synced-mesh-external-service");
  });
  it("the zone, mesh and namespace fields; .Zone is the computed kuma.io/zone (kuma-cp's default zone name)", () => {
    const g = gen("z", { MeshService: {} }, "{{ .DisplayName }}.{{ .Namespace }}.{{ .Mesh }}.{{ .Zone }}.example");
    const r = assignServiceAddresses([ms("web", { namespace: "shop", mesh: "m1" })], [g], features("2.14"), "kubernetes");
    expect(byName(r, "web").hostnames).toEqual(["web.shop.m1.default.example"]);
  });
  it("collision: the resource created later gets no hostname from that generator", () => {
    const r = assignServiceAddresses(
      [mes("stripe-eu", { labels: { "kuma.io/display-name": "stripe" }, creationTime: "2024-02-01T00:00:00Z" }), mes("stripe", { creationTime: "2024-01-01T00:00:00Z" })],
      [],
      features("2.14"),
      "universal",
    );
    expect(byName(r, "stripe").hostnames).toEqual(["stripe.extsvc.mesh.local"]);
    expect(byName(r, "stripe-eu").hostnames).toEqual([]);
    expect(r.notes.find((n) => n.text.includes("stripe-eu"))!.text).toContain("which MeshExternalService stripe already has");
  });
  it("from 2.14.0 a hostname that is not an RFC 1123 subdomain is not written; 2.13 writes it", () => {
    const d = mes("stripe", { labels: { "kuma.io/display-name": "Stripe" } });
    expect(byName(assignServiceAddresses([d], [], features("2.14"), "universal"), "stripe").hostnames).toEqual([]);
    expect(byName(assignServiceAddresses([d], [], features("2.13"), "universal"), "stripe").hostnames).toEqual(["stripe.extsvc.mesh.local"]);
  });
  it("a template error (missing label) gives no hostname and says why", () => {
    const r = assignServiceAddresses([mes("stripe")], [gen("t", { MeshExternalService: {} }, '{{ label "team" }}.example')], features("2.14"), "universal");
    expect(byName(r, "stripe").hostnames).toEqual(["stripe.extsvc.mesh.local"]);
    expect(r.notes[0]!.text).toContain("label team not found");
  });
  it("addresses are ordered by generator name; a snapshot generator with a default's name replaces it", () => {
    const mine = gen("local-mesh-external-service", { MeshExternalService: { "kuma.io/origin": "zone" } }, "{{ .DisplayName }}.ext.example", { labels: { "kuma.io/origin": "zone" } });
    const r = assignServiceAddresses([mes("stripe")], [mine, gen("aaa", { MeshExternalService: {} }, "first.example")], features("2.14"), "universal");
    expect(byName(r, "stripe").hostnames).toEqual(["first.example", "stripe.ext.example"]);
  });
  it("2.8.0: a generator without a meshExternalService selector still selects every MeshExternalService; 2.8.1 fixed it", () => {
    // hostnameGeneratorModel fills the struct selectors of 2.8.0; here the model is written as it comes out for each.
    const on280 = gen("ms-only", { MeshService: { app: "x" }, MeshExternalService: {} }, "{{ .DisplayName }}.any.example");
    const on281 = gen("ms-only", { MeshService: { app: "x" } }, "{{ .DisplayName }}.any.example");
    expect(byName(assignServiceAddresses([mes("stripe")], [on280], features("2.8.0"), "universal"), "stripe").hostnames).toEqual(["stripe.any.example"]);
    expect(byName(assignServiceAddresses([mes("stripe")], [on281], features("2.8.1"), "universal"), "stripe").hostnames).toEqual([]);
  });
});
