import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isReference, readReferences, resolveReference } from "./references.js";

const dir = mkdtempSync(join(tmpdir(), "meshsim-refs-unit-"));
writeFileSync(join(dir, "mesh.yaml"), "type: Mesh\nname: default\n---\n- { type: Mesh, name: a }\n- { type: Mesh, name: b }\n");
const at = (text: string) => ({ file: join(dir, "batch.yaml"), text, doc: 0, path: [] });

describe("readReferences", () => {
  it("reads a string without a line break as a path; YAML text, objects and other fields stay as written", () => {
    expect([isReference("a.yaml"), isReference("dir"), isReference("type: Mesh\nname: x\n"), isReference(""), isReference({})]).toEqual([true, true, false, false, false]);
    const remove = [{ kind: "MeshProxyPatch", mesh: "default", name: "old" }];
    const inline = { type: "Mesh", name: "c" };
    const body = { resources: ["mesh.yaml", inline], patches: "type: Mesh\nname: d\n", remove, requests: [{ to: "http://example.com" }] };
    const read = readReferences(body, at("resources: [mesh.yaml]\n"));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const value = read.value.value as Record<string, unknown>;
    // The second document is a YAML list: its items, in order, then the inline object.
    expect(value["resources"]).toEqual([{ type: "Mesh", name: "default" }, { type: "Mesh", name: "a" }, { type: "Mesh", name: "b" }, inline]);
    expect(value["patches"]).toBe(body.patches);
    expect(value["remove"]).toBe(remove);
    expect(value["requests"]).toBe(body.requests);
    expect(body.resources).toEqual(["mesh.yaml", inline]);
  });

  it("leaves a body without paths as it is", () => {
    const body = { resources: [{ type: "Mesh", name: "default" }], requests: [] };
    const read = readReferences(body, at("{}"));
    expect(read.ok && read.value.value).toEqual(body);
  });

  it("resolves from the batch file's directory, or the working directory for stdin; an absolute path stays", () => {
    expect(resolveReference("../x.yaml", "a/b/batch.yaml")).toBe(join("a", "x.yaml"));
    expect(resolveReference("x.yaml", "-")).toBe("x.yaml");
    expect(resolveReference("/etc/x.yaml", "a/batch.yaml")).toBe("/etc/x.yaml");
    // A file named `-` beside a body on stdin is a file, not stdin again.
    expect(resolveReference("-", "-")).toBe("./-");
  });
});
