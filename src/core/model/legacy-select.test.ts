/**
 * Legacy policy selection. Dataplane-policy cases transcribed from kuma `pkg/core/policy/dataplane_matcher_test.go`
 * @ v2.14.3 ("SelectDataplanePolicy()" table); connection-policy expectations worked out by hand from
 * `pkg/core/policy/connection_matcher.go` @ v2.14.3.
 */
import { describe, expect, it } from "vitest";
import { defaultDataplane, type DataplaneModel } from "./dataplane.js";
import {
  dataplaneSelected,
  selectConnectionPolicies,
  selectDataplanePolicy,
  selectInboundConnectionAllPolicies,
  selectInboundConnectionPolicy,
  type ConnectionPolicy,
  type DataplanePolicy,
  type TagSelector,
} from "./legacy-select.js";

const MESH = "demo";

function dp(inbounds: Record<string, string>[], gatewayTags?: Record<string, string>): DataplaneModel {
  return { ...defaultDataplane(MESH), inbounds: inbounds.map((tags, i) => ({ port: 8000 + i, address: "192.168.0.1", tags })), ...(gatewayTags ? { gatewayTags } : {}) };
}

function template(name: string, selectors: TagSelector[], creationTime?: string): DataplanePolicy {
  return { name, mesh: MESH, creationTime, selectors };
}

function conn(name: string, sources: TagSelector[], destinations: TagSelector[], creationTime?: string): ConnectionPolicy {
  return { name, mesh: MESH, creationTime, sources, destinations };
}

function bestTemplate(d: DataplaneModel, policies: DataplanePolicy[]): string | undefined {
  return selectDataplanePolicy((sel) => dataplaneSelected(d, sel), MESH, policies)?.policy.name;
}

describe("selectDataplanePolicy (SelectDataplanePolicy)", () => {
  it("there are no policies: none", () => {
    expect(bestTemplate(dp([{ app: "example" }]), [])).toBeUndefined();
  });

  it("policies have no selectors: the latest is selected", () => {
    const d = dp([{ app: "example" }]);
    expect(bestTemplate(d, [template("last", [], "1970-01-01T00:00:01Z"), template("first", [], "1970-01-01T00:00:00Z")])).toBe("last");
  });

  it("policies have empty selectors: the latest is selected", () => {
    const d = dp([{ app: "example" }]);
    expect(bestTemplate(d, [template("last", [{}], "1970-01-01T00:00:01Z"), template("first", [{}], "1970-01-01T00:00:00Z")])).toBe("last");
  });

  it("the one with the most matching key-value pairs wins, whichever of its selectors matched", () => {
    const d = dp([
      { "kuma.io/service": "example", app: "example" },
      { "kuma.io/service": "example", app: "example", version: "1.0", env: "prod" },
    ]);
    const policies = [
      template("last", [{ app: "example", version: "1.0" }]),
      template("first", [{ app: "example" }, { app: "example", version: "1.0", env: "prod" }]),
    ];
    expect(bestTemplate(d, policies)).toBe("first");
  });

  it("two policies with the same rank: the latest is picked", () => {
    const d = dp([{ app: "example", version: "1.0", env: "prod" }]);
    expect(bestTemplate(d, [template("b", [{ app: "example" }], "1970-01-01T00:00:01Z"), template("a", [{ app: "example" }], "1970-01-01T00:00:00Z")])).toBe("b");
  });

  it("a gateway dataplane matches by its gateway tags", () => {
    const d = dp([], { app: "example", version: "1.0" });
    expect(bestTemplate(d, [template("gw", [{ app: "example" }])])).toBe("gw");
  });

  it("none of the policies have matching selectors: none", () => {
    const d = dp([{ app: "example" }]);
    expect(bestTemplate(d, [template("x", [{ app: "other" }])])).toBeUndefined();
  });

  it("a more specific selector beats an earlier match-everything policy", () => {
    const d = dp([{ app: "example" }]);
    expect(bestTemplate(d, [template("a-all", []), template("b-app", [{ app: "example" }])])).toBe("b-app");
  });
});

describe("selectInboundConnectionPolicy (SelectInboundConnectionPolicy)", () => {
  const inbound = { "kuma.io/service": "backend", version: "v1" };

  it("ranks by the destination selector only: two tags beat one, whatever the sources", () => {
    const policies = [conn("a", [{ "kuma.io/service": "web" }], [{ "kuma.io/service": "backend" }]), conn("b", [{ "kuma.io/service": "*" }], [{ "kuma.io/service": "backend", version: "*" }])];
    expect(selectInboundConnectionPolicy(inbound, MESH, policies)?.policy.name).toBe("b");
  });

  it("at equal rank the later one wins and the other is reported as tied", () => {
    const policies = [conn("a", [{ "kuma.io/service": "*" }], [{ "kuma.io/service": "*" }], "2024-01-02T00:00:00Z"), conn("b", [{ "kuma.io/service": "*" }], [{ "kuma.io/service": "*" }], "2024-01-01T00:00:00Z")];
    const got = selectInboundConnectionPolicy(inbound, MESH, policies);
    expect(got?.policy.name).toBe("a");
    expect(got?.tiedWith).toEqual(["b"]);
  });

  it("ignores other meshes and non-matching destinations", () => {
    const policies = [{ ...conn("a", [{}], [{ "kuma.io/service": "*" }]), mesh: "other" }, conn("b", [{}], [{ "kuma.io/service": "frontend" }])];
    expect(selectInboundConnectionPolicy(inbound, MESH, policies)).toBeUndefined();
  });
});

describe("selectInboundConnectionAllPolicies (SelectInboundConnectionAllPolicies)", () => {
  it("keeps every match, most specific first source first, later-created first on a tie", () => {
    const inbound = { "kuma.io/service": "backend" };
    const policies = [
      conn("a", [{ "kuma.io/service": "*" }], [{ "kuma.io/service": "backend" }], "2024-01-01T00:00:00Z"),
      conn("b", [{ "kuma.io/service": "web", version: "v1" }], [{ "kuma.io/service": "*" }]),
      conn("c", [{ "kuma.io/service": "*" }], [{ "kuma.io/service": "backend" }], "2024-01-02T00:00:00Z"),
      conn("d", [{ "kuma.io/service": "web" }], [{ "kuma.io/service": "other" }]),
    ];
    expect(selectInboundConnectionAllPolicies(inbound, MESH, policies).map((p) => p.name)).toEqual(["b", "c", "a"]);
  });
});

describe("selectConnectionPolicies (SelectConnectionPolicies)", () => {
  it("combines the best source rank with the destination rank per service", () => {
    const d = dp([{ "kuma.io/service": "web", version: "v1" }]);
    const policies = [
      conn("a", [{ "kuma.io/service": "web", version: "v1" }], [{ "kuma.io/service": "*" }]),
      conn("b", [{ "kuma.io/service": "*" }], [{ "kuma.io/service": "backend" }]),
    ];
    const got = selectConnectionPolicies(d, ["backend", "db"], policies);
    // a: source {2 exact} + destination {1 wildcard} = 3 tags; b: {1 wildcard} + {1 exact} = 2 tags.
    expect(got["backend"]?.policy.name).toBe("a");
    expect(got["db"]?.policy.name).toBe("a");
  });

  it("a policy whose sources do not select the dataplane is never a candidate", () => {
    const d = dp([{ "kuma.io/service": "web" }]);
    expect(selectConnectionPolicies(d, ["backend"], [conn("a", [{ "kuma.io/service": "api" }], [{ "kuma.io/service": "*" }])])).toEqual({});
  });
});
