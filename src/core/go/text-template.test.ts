/**
 * Go text/template behaviour for HostnameGenerator templates (golang text/template doc, "Text and spaces" and
 * "Actions"; the `label` function and its error from kumahq/kuma@v2.14.3
 * pkg/core/resources/apis/hostnamegenerator/hostname/generator.go EvaluateTemplate), and
 * k8s.io/apimachinery validation.IsDNS1123Subdomain.
 */
import { describe, expect, it } from "vitest";
import { evaluateTemplate, isDns1123Subdomain } from "./text-template.js";

const data = { fields: { DisplayName: "stripe", Namespace: "kuma-system", Zone: "east", Mesh: "default", Name: "stripe" }, labels: { team: "payments" } };

describe("evaluateTemplate", () => {
  it("substitutes fields and labels, with or without spaces inside the braces", () => {
    expect(evaluateTemplate("{{ .DisplayName }}.extsvc.mesh.local", data)).toEqual({ ok: true, text: "stripe.extsvc.mesh.local" });
    expect(evaluateTemplate('{{.DisplayName}}.{{ label "team" }}.{{ .Zone }}', data)).toEqual({ ok: true, text: "stripe.payments.east" });
    expect(evaluateTemplate("plain.example", data)).toEqual({ ok: true, text: "plain.example" });
  });
  it("trims white space next to {{- and -}}", () => {
    expect(evaluateTemplate("a  {{- .Mesh -}}  .b", data)).toEqual({ ok: true, text: "adefault.b" });
  });
  it("a missing label and an unknown field are execution errors", () => {
    expect(evaluateTemplate('{{ label "absent" }}.x', data)).toEqual({ ok: false, error: "label absent not found" });
    expect(evaluateTemplate("{{ .Cluster }}", data)).toEqual({ ok: false, error: "can't evaluate field Cluster" });
  });
  it("anything else is unsupported, not guessed", () => {
    expect(evaluateTemplate('{{ printf "%s" .Mesh }}', data)).toHaveProperty("unsupported");
    expect(evaluateTemplate("{{ .Mesh ", data)).toHaveProperty("unsupported");
  });
});

describe("isDns1123Subdomain", () => {
  it("accepts lower-case RFC 1123 labels joined by dots, up to 253 characters", () => {
    expect(isDns1123Subdomain("stripe.extsvc.mesh.local")).toBe(true);
    expect(isDns1123Subdomain("a-1.b")).toBe(true);
    expect(isDns1123Subdomain(`${"a".repeat(63)}.${"b".repeat(189)}`)).toBe(true); // 253
    expect(isDns1123Subdomain(`${"a".repeat(63)}.${"b".repeat(190)}`)).toBe(false); // 254
  });
  it("refuses upper case, underscores, leading or trailing dashes and dots, empty labels", () => {
    for (const bad of ["Stripe.mesh", "my_svc.mesh", "-a.mesh", "a-.mesh", ".a.mesh", "a..mesh", "a.mesh.", ""]) expect(isDns1123Subdomain(bad), bad).toBe(false);
  });
});
