/**
 * ProxyTemplate admission, from kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/proxytemplate_validator_test.go
 * (inputs and expected violations transcribed by hand; paths rooted at the resource as Kuma's `field`s are).
 * Kuma's test registers three profiles; kuma-cp registers gateway-proxy too (pkg/xds/generator/proxy_template.go
 * init @ v2.14.3), so the list meshsim prints has four.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ProxyTemplateSpecSchema } from "./api.js";
import { validateProxyTemplate } from "./validator.js";

const check = (yaml: string) => validateProxyTemplate(ProxyTemplateSpecSchema.parse(parse(yaml)), { path: "" }).map((v) => ({ field: v.path, message: v.message }));

describe("validateProxyTemplate", () => {
  it("accepts the docs' passthrough template (kuma-website app/_src/networking/non-mesh-traffic.md)", () => {
    expect(
      check(`
selectors: [{ match: { kuma.io/service: "*" } }]
conf:
  imports: [default-proxy]
  modifications:
    - cluster: { operation: patch, match: { name: "outbound:passthrough:ipv4" }, value: 'connect_timeout: "99s"' }
    - networkFilter:
        operation: patch
        match: { name: envoy.filters.network.tcp_proxy, listenerName: "outbound:passthrough:ipv4" }
        value: |
          name: envoy.filters.network.tcp_proxy
          typedConfig:
            '@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
            idleTimeout: "3h"`),
    ).toEqual([]);
  });
  it("accepts no selectors and empty imports (both allowed by Kuma)", () => {
    expect(check(`conf: { imports: [] }`)).toEqual([]);
  });
  it("empty import", () => {
    expect(check(`{ conf: { imports: [""] }, selectors: [{ match: { kuma.io/service: backend } }] }`)).toEqual([{ field: "conf.imports[0]", message: "cannot be empty" }]);
  });
  it("unknown profile", () => {
    expect(check(`{ conf: { imports: [unknown-profile] }, selectors: [{ match: { kuma.io/service: backend } }] }`)).toEqual([
      { field: "conf.imports[0]", message: "profile not found. Available profiles: default-proxy,egress-proxy,gateway-proxy,ingress-proxy" },
    ]);
  });
  it("resources empty fields", () => {
    expect(check(`{ selectors: [{ match: { kuma.io/service: backend } }], conf: { resources: [{ name: "", version: "", resource: "" }] } }`)).toEqual([
      { field: "conf.resources[0].name", message: "cannot be empty" },
      { field: "conf.resources[0].version", message: "cannot be empty" },
      { field: "conf.resources[0].resource", message: "cannot be empty" },
    ]);
  });
  it("selector without tags", () => {
    expect(check(`{ selectors: [{ match: {} }] }`)).toEqual([
      { field: "selectors[0].match", message: "must have at least one tag" },
      { field: "selectors[0].match", message: 'mandatory tag "kuma.io/service" is missing' },
    ]);
  });
  it("empty tag", () => {
    expect(check(`{ selectors: [{ match: { "": asdf } }] }`)).toEqual([
      { field: "selectors[0].match", message: "tag name must be non-empty" },
      { field: "selectors[0].match", message: 'mandatory tag "kuma.io/service" is missing' },
    ]);
  });
  it("empty tag value", () => {
    expect(check(`{ selectors: [{ match: { kuma.io/service: "" } }] }`)).toEqual([{ field: 'selectors[0].match["kuma.io/service"]', message: "tag value must be non-empty" }]);
  });
  it("validation error from envoy protobuf resource (a raw Cluster without a name)", () => {
    const resource = "'@type': type.googleapis.com/envoy.config.cluster.v3.Cluster\nloadAssignment:\n  clusterName: localhost:8443\n";
    expect(check(JSON.stringify({ selectors: [{ match: { "kuma.io/service": "backend" } }], conf: { resources: [{ name: "additional", version: "v1", resource }] } }))).toEqual([
      { field: "conf.resources[0].resource", message: "native Envoy resource is not valid: invalid Cluster.Name: value length must be at least 1 runes" },
    ]);
  });
  it("invalid envoy resource", () => {
    expect(check(`{ selectors: [{ match: { kuma.io/service: backend } }], conf: { resources: [{ name: additional, version: v1, resource: not-envoy-resource }] } }`)).toEqual([
      { field: "conf.resources[0].resource", message: "native Envoy resource is not valid: json: cannot unmarshal string into Go value of type map[string]json.RawMessage" },
    ]);
  });
  it("invalid cluster modifications", () => {
    expect(
      check(`
selectors: [{ match: { kuma.io/service: backend } }]
conf:
  modifications:
    - cluster: { operation: addFirst }
    - cluster: { operation: add, value: "{" }
    - cluster: { operation: patch, value: "{" }
    - cluster: { operation: add, match: { name: "inbound:127.0.0.1:80" }, value: "name: xyz" }`),
    ).toEqual([
      { field: "conf.modifications[0].cluster.operation", message: 'invalid operation. Available operations: "add", "patch", "remove"' },
      { field: "conf.modifications[1].cluster.value", message: "native Envoy resource is not valid: unexpected EOF" },
      { field: "conf.modifications[2].cluster.value", message: "native Envoy resource is not valid: unexpected EOF" },
      { field: "conf.modifications[3].cluster.match", message: "cannot be defined" },
    ]);
  });
  it("invalid network filter operation", () => {
    expect(
      check(`
selectors: [{ match: { kuma.io/service: backend } }]
conf:
  modifications:
    - networkFilter: { operation: addFirst, value: "{" }
    - networkFilter: { operation: addBefore, value: "{" }
    - networkFilter: { operation: addAfter, value: "{" }
    - networkFilter: { operation: patch, value: "{" }`),
    ).toEqual([
      { field: "conf.modifications[0].networkFilter.value", message: "native Envoy resource is not valid: unexpected EOF" },
      { field: "conf.modifications[1].networkFilter.match.name", message: "cannot be empty. You need to pick a filter before which this one will be added" },
      { field: "conf.modifications[1].networkFilter.value", message: "native Envoy resource is not valid: unexpected EOF" },
      { field: "conf.modifications[2].networkFilter.match.name", message: "cannot be empty. You need to pick a filter after which this one will be added" },
      { field: "conf.modifications[2].networkFilter.value", message: "native Envoy resource is not valid: unexpected EOF" },
      { field: "conf.modifications[3].networkFilter.match.name", message: "cannot be empty" },
      { field: "conf.modifications[3].networkFilter.value", message: "native Envoy resource is not valid: unexpected EOF" },
    ]);
  });
  it("invalid virtual host operation", () => {
    expect(
      check(`
selectors: [{ match: { kuma.io/service: backend } }]
conf:
  modifications:
    - virtualHost: { operation: add, match: { name: xyz }, value: "{" }
    - virtualHost: { operation: addFirst }
    - virtualHost: { operation: patch, value: "{" }`),
    ).toEqual([
      { field: "conf.modifications[0].virtualHost.match.name", message: "cannot be defined" },
      { field: "conf.modifications[0].virtualHost.value", message: "native Envoy resource is not valid: unexpected EOF" },
      { field: "conf.modifications[1].virtualHost.operation", message: 'invalid operation. Available operations: "add", "patch", "remove"' },
      { field: "conf.modifications[2].virtualHost.value", message: "native Envoy resource is not valid: unexpected EOF" },
    ]);
  });
  it("refuses MeshProxyPatch's capitalised operations with ProxyTemplate's list (api/mesh/v1alpha1/proxy_template_operations.go)", () => {
    expect(check(`{ conf: { modifications: [{ httpFilter: { operation: Patch, match: { name: x }, value: "name: x" } }] } }`)).toEqual([
      { field: "conf.modifications[0].httpFilter.operation", message: 'invalid operation. Available operations: "addFirst", "addLast", "addBefore", "addAfter", "patch", "remove"' },
    ]);
  });
});
