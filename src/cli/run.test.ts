import { describe, expect, it } from "vitest";
import { simulateProblem, withOverrides } from "./run.js";

describe("withOverrides", () => {
  it("replaces kumaVersion and merges failOn in FAIL_ON order, once each; unknown values stay for the schema to report", () => {
    expect(withOverrides({ kumaVersion: "2.14", failOn: ["envoy-nack", "nope"] }, { kumaVersion: "2.13", failOn: ["no-match", "envoy-nack"] })).toEqual({
      kumaVersion: "2.13",
      failOn: ["no-match", "envoy-nack", "nope"],
    });
    expect(withOverrides({ failOn: "x" }, { failOn: ["no-match"] })).toEqual({ failOn: "x" });
    expect(withOverrides([1], { failOn: ["no-match"] })).toEqual([1]);
  });
});

describe("simulateProblem", () => {
  const origin = (file: string, doc: number, path: (string | number)[]) => ({ value: {}, origin: { file, text: "", doc, path } });
  const map = simulateProblem([origin("a.yaml", 0, []), origin("a.yaml", 1, []), origin("b.json", 0, [3]), origin("c.yaml", 0, [])]);
  it("names the resource's file and its document or array entry", () => {
    expect(map({ path: "resources[1].spec.x", message: "m" })).toEqual({ file: "a.yaml", path: "[1].spec.x", message: "m" });
    expect(map({ path: "resources[2].name", message: "m" })).toEqual({ file: "b.json", path: "[3].name", message: "m" });
    expect(map({ path: "resources[3].name", message: "m" })).toEqual({ file: "c.yaml", path: "name", message: "m" });
    expect(map({ path: "requests[0].from", message: "m" })).toEqual({ file: "(command line)", path: "request.from", message: "m" });
  });
});
