/**
 * The legacy TrafficLog: Kuma's admission checks with Kuma's paths and messages (kumahq/kuma@v2.14.3
 * `pkg/core/resources/apis/mesh/traffic_log_validator.go`, ValidateSelectors / ValidateSelector /
 * validateTagKeyValues / OnlyServiceTagAllowed / Keys in `validators.go`, PathBuilder.Key in
 * `pkg/core/validators/types.go`), and the model the generators read. Expected violations are written by walking
 * those functions by hand; paths rooted at "" are Kuma's own (RootedAt("sources")).
 */
import { describe, expect, it } from "vitest";
import { type TrafficLogSpec, TrafficLogSpecSchema, trafficLogModel, validateTrafficLog } from "./traffic-log.js";

const SVC = "kuma.io/service";
const ok = { sources: [{ match: { [SVC]: "*" } }], destinations: [{ match: { [SVC]: "*" } }] };
const check = (spec: TrafficLogSpec) => validateTrafficLog(spec, "");

describe("validateTrafficLog", () => {
  it("accepts a source and a destination that select every service with '*'", () => {
    // selectorCharacterSet `^([a-zA-Z0-9.\-_:/]*|\*)$` admits "*"; both lists have one selector with kuma.io/service.
    expect(check(ok)).toEqual([]);
  });
  it("requires at least one source and at least one destination", () => {
    // ValidateSelectors: RequireAtLeastOneSelector on both (OnlyServiceTagAllowed sets it too); sources first.
    expect(check({})).toEqual([
      { path: "sources", message: "must have at least one element" },
      { path: "destinations", message: "must have at least one element" },
    ]);
  });
  it("a source without tags: at least one tag, then the mandatory service tag", () => {
    // validateTagKeyValues: RequireAtLeastOneTag first, RequireService last.
    expect(check({ ...ok, sources: [{ match: {} }] })).toEqual([
      { path: "sources[0].match", message: "must have at least one tag" },
      { path: "sources[0].match", message: 'mandatory tag "kuma.io/service" is missing' },
    ]);
  });
  it("a source may carry other tags, but not without kuma.io/service", () => {
    // sources use RequireService without OnlyServiceTagAllowed's key validator.
    expect(check({ ...ok, sources: [{ match: { [SVC]: "web", version: "v1" } }] })).toEqual([]);
    expect(check({ ...ok, sources: [{ match: { version: "v1" } }] })).toEqual([{ path: "sources[0].match", message: 'mandatory tag "kuma.io/service" is missing' }]);
  });
  it("a destination with kuma.io/service and another tag: exactly one tag, then the other tag is not allowed", () => {
    // OnlyServiceTagAllowed: the ExtraTagsValidator runs before the per-key loop; keys sorted ("kuma.io/service" < "version").
    expect(check({ ...ok, destinations: [{ match: { version: "v1", [SVC]: "web" } }] })).toEqual([
      { path: "destinations[0].match", message: 'must consist of exactly one tag "kuma.io/service"' },
      { path: 'destinations[0].match["version"]', message: 'tag "version" is not allowed' },
    ]);
  });
  it("a destination with one tag that is not kuma.io/service: all three of OnlyServiceTagAllowed's complaints", () => {
    // len == 1 but the service tag is not defined; key validator; RequireService.
    expect(check({ ...ok, destinations: [{ match: { app: "web" } }] })).toEqual([
      { path: "destinations[0].match", message: 'must consist of exactly one tag "kuma.io/service"' },
      { path: 'destinations[0].match["app"]', message: 'tag "app" is not allowed' },
      { path: "destinations[0].match", message: 'mandatory tag "kuma.io/service" is missing' },
    ]);
  });
  it("a destination selector without match is an empty tag map (no at-least-one-tag rule for destinations)", () => {
    // selector.GetMatch() is nil → empty map; OnlyServiceTagAllowed does not set RequireAtLeastOneTag.
    expect(check({ ...ok, destinations: [{}] })).toEqual([
      { path: "destinations[0].match", message: 'must consist of exactly one tag "kuma.io/service"' },
      { path: "destinations[0].match", message: 'mandatory tag "kuma.io/service" is missing' },
    ]);
  });
  it("tag values: non-empty, and only the selector character set (slashes and '*' allowed, spaces not)", () => {
    // validateTagKeyValues "tag value must be non-empty"; ValidateSelector's selectorCharacterSet message. "" matches the set.
    expect(check({ ...ok, sources: [{ match: { [SVC]: "" } }] })).toEqual([{ path: 'sources[0].match["kuma.io/service"]', message: "tag value must be non-empty" }]);
    expect(check({ ...ok, sources: [{ match: { [SVC]: "team/web" } }] })).toEqual([]);
    expect(check({ ...ok, sources: [{ match: { [SVC]: "web app" } }] })).toEqual([
      { path: 'sources[0].match["kuma.io/service"]', message: 'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"' },
    ]);
    expect(check({ ...ok, sources: [{ match: { [SVC]: "web*" } }] })).toHaveLength(1);
  });
  it("tag names: an empty name is reported at the selector, a bad character at the key", () => {
    // validateTagKeyValues: key == "" → AddViolationAt(path); tagNameCharacterSet `^[a-zA-Z0-9.\-_:/]*$` (matches "") → path.Key(key).
    expect(check({ ...ok, sources: [{ match: { [SVC]: "web", "": "x" } }] })).toEqual([{ path: "sources[0].match", message: "tag name must be non-empty" }]);
    expect(check({ ...ok, sources: [{ match: { [SVC]: "web", "team name": "x" } }] })).toEqual([
      { path: 'sources[0].match["team name"]', message: "tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores" },
    ]);
  });
  it("indexes each selector and roots every path at the given path", () => {
    // ValidateSelectors: path.Index(i).Field("match"); validators.RootedAt("sources").
    const spec: TrafficLogSpec = { sources: [{ match: { [SVC]: "a" } }, { match: { app: "b" } }], destinations: ok.destinations };
    expect(validateTrafficLog(spec, "resources[3]")).toEqual([{ path: "resources[3].sources[1].match", message: 'mandatory tag "kuma.io/service" is missing' }]);
  });
});

describe("TrafficLogSpecSchema and trafficLogModel", () => {
  it("reads sources, destinations and conf.backend; an unset backend is '' (the Mesh's default backend)", () => {
    // traffic_log_validator.go: Conf and Conf.Backend may be empty, then the Mesh's default backend is chosen.
    const spec = TrafficLogSpecSchema.parse({ sources: [{ match: { [SVC]: "web" } }], destinations: [{ match: { [SVC]: "pass_through" } }] });
    expect(trafficLogModel("tl", "default", spec)).toEqual({
      name: "tl",
      mesh: "default",
      sources: [{ [SVC]: "web" }],
      destinations: [{ [SVC]: "pass_through" }],
      backend: "",
      creationTime: undefined,
    });
    expect(trafficLogModel("tl", "default", { ...spec, conf: { backend: "file" } }, "2024-01-01T00:00:00Z")).toMatchObject({ backend: "file", creationTime: "2024-01-01T00:00:00Z" });
  });
  it("accepts fields Kuma has and meshsim does not read (loose), but refuses a non-string tag value", () => {
    // traffic_log.proto: Selector.match is map<string,string>.
    expect(TrafficLogSpecSchema.safeParse({ sources: [{ match: { [SVC]: "a" }, extra: 1 }] }).success).toBe(true);
    expect(TrafficLogSpecSchema.safeParse({ sources: [{ match: { [SVC]: 1 } }] }).success).toBe(false);
  });
});
