/**
 * Kuma's admission validation of MeshProxyPatch (kuma `pkg/plugins/policies/meshproxypatch/api/v1alpha1/validator.go`
 * and `pkg/plugins/policies/core/jsonpatch/validators/validator.go`), messages as in their tests.
 * Kuma's cases: `validator_test.go` in both packages @ v2.14.3. meshsim adds one guard Kuma lacks: JSON patch
 * paths through `__proto__`, `constructor` or `prototype` are refused (docs/hardening.md).
 */
import { joinPath, type Violation } from "../../errors.js";
import { parseEnvoyYaml } from "../../patch/proto-json.js";
import type { YamlMemo } from "../../parse/yaml.js";
import { guardJsonPatch } from "../../patch/json-patch.js";
import { MESSAGE } from "../../xds/names.js";
import { validateTargetRef } from "../target-ref.js";
import type { ValidationContext } from "../../model/policy.js";
import { OPS_BY_KIND, type JsonPatch, type MeshProxyPatchSpec, type ModPayload } from "./api.js";
import { MOD_KINDS, type ModKind } from "../../model/modification.js";

/** The Envoy message a modification's `value` is parsed into. */
export const VALUE_MESSAGE: Readonly<Record<ModKind, string>> = {
  cluster: MESSAGE.cluster,
  listener: MESSAGE.listener,
  networkFilter: MESSAGE.filter,
  httpFilter: MESSAGE.httpFilter,
  virtualHost: MESSAGE.virtualHost,
};

const quoteList = (ops: readonly string[]) => ops.map((o) => `"${o}"`).join(", ");
const ADD_OPS = new Set(["Add", "AddFirst", "AddLast", "AddBefore", "AddAfter"]);

/** jsonpatch validators/validator.go */
export function validateJsonPatches(patches: readonly JsonPatch[], path: string): Violation[] {
  if (patches.length === 0) return [{ path, message: "must not be empty" }];
  const out: Violation[] = [];
  patches.forEach((p, j) => {
    const at = (f: string) => joinPath(path, j, f);
    const valueOps = p.op === "add" || p.op === "replace";
    const fromOps = p.op === "move" || p.op === "copy";
    if (p.path === undefined) out.push({ path: at("path"), message: "must be defined" });
    if (!["add", "remove", "replace", "move", "copy"].includes(p.op)) {
      // The value/from rules are per operation; an unknown operation gets only this message.
      out.push({ path: at("op"), message: '"op" must be one of ["add", "remove", "replace", "move", "copy"]' });
      return;
    }
    if (p.value !== undefined && !valueOps) out.push({ path: at("value"), message: '"value" is allowed only when "op" is one of ["add", "replace"]' });
    if (p.value === undefined && valueOps) out.push({ path: at("value"), message: '"value" must not be empty when "op" is one of ["add", "replace"]' });
    if (p.from !== undefined && !fromOps) out.push({ path: at("from"), message: '"from" is allowed only when "op" is one of ["move", "copy"]' });
    if (p.from === undefined && fromOps) out.push({ path: at("from"), message: '"from" must not be empty when "op" is one of ["move", "copy"]' });
    if (p.op === "remove" && (p.path === "" || p.path === "/")) out.push({ path: at("path"), message: "root path cannot be removed" });
  });
  return [...out, ...guardJsonPatch(patches, path)];
}

function validateValue(kind: ModKind, value: string, path: string, yaml: YamlMemo | undefined): Violation[] {
  const parsed = parseEnvoyYaml(value, VALUE_MESSAGE[kind], path, yaml);
  return parsed.ok ? [] : [{ path, message: `native Envoy resource is not valid: ${parsed.message}` }];
}

function validateMod(kind: ModKind, mod: ModPayload, path: string, yaml: YamlMemo | undefined): Violation[] {
  const at = (...f: string[]) => joinPath(path, ...f);
  const ops = OPS_BY_KIND[kind];
  if (!ops.includes(mod.operation)) return [{ path: at("operation"), message: `invalid operation. Available operations: ${quoteList(kind === "networkFilter" || kind === "httpFilter" ? ops : ["Add", "Patch", "Remove"])}` }];
  const out: Violation[] = [];
  const op = mod.operation;
  const isFilter = kind === "networkFilter" || kind === "httpFilter";
  if (op === "Add" && (kind === "cluster" || kind === "listener") && mod.match !== undefined) out.push({ path: at("match"), message: "must not be defined" });
  if (op === "Add" && kind === "virtualHost" && mod.match?.["name"] !== undefined) out.push({ path: at("match", "name"), message: "must not be defined" });
  if (op === "Remove" && mod.value !== undefined) out.push({ path: at("value"), message: "must not be defined" });
  if (ADD_OPS.has(op)) {
    if (mod.value === undefined) out.push({ path: at("value"), message: "must be defined" });
    // Kuma also runs the message's PGV Validate() on Add values; meshsim checks only that the value parses.
    else out.push(...validateValue(kind, mod.value, at("value"), yaml));
  }
  if (isFilter && op === "AddBefore" && mod.match?.["name"] === undefined)
    out.push({ path: at("match", "name"), message: "must be defined. You need to pick a filter before which this one will be added" });
  if (isFilter && op === "AddAfter" && mod.match?.["name"] === undefined)
    out.push({ path: at("match", "name"), message: "must be defined. You need to pick a filter after which this one will be added" });
  if (op === "Patch") {
    if (isFilter && mod.match?.["name"] === undefined) out.push({ path: at("match", "name"), message: "must be defined" });
    if (mod.value === undefined && mod.jsonPatches === undefined) out.push({ path, message: `${kind} must have exactly one defined: value, jsonPatches` });
    else if (mod.value !== undefined && mod.jsonPatches !== undefined) out.push({ path, message: `${kind} must have only one type defined: value, jsonPatches` });
    else if (mod.value !== undefined) out.push(...validateValue(kind, mod.value, at("value"), yaml));
    else out.push(...validateJsonPatches(mod.jsonPatches!, at("jsonPatches")));
  }
  return out;
}

/** Validates a MeshProxyPatch spec; paths are rooted at `ctx.path` (the resource's `spec`). */
export function validateMeshProxyPatch(spec: MeshProxyPatchSpec, ctx: ValidationContext, allowedKinds: readonly string[]): Violation[] {
  const out = validateTargetRef(spec.targetRef, allowedKinds, joinPath(ctx.path, "targetRef"));
  const mods = spec.default.appendModifications ?? [];
  const base = joinPath(ctx.path, "default", "appendModifications");
  if (mods.length === 0) return [...out, { path: base, message: "must not be empty" }];
  mods.forEach((m, i) => {
    const defined = MOD_KINDS.filter((k) => m[k] !== undefined);
    if (defined.length !== 1) {
      out.push({ path: joinPath(base, i), message: `exactly one modification can be defined at a time. Currently, ${defined.length} modifications are defined` });
      return;
    }
    const kind = defined[0]!;
    out.push(...validateMod(kind, m[kind] as ModPayload, joinPath(base, i, kind), ctx.yaml));
  });
  return out;
}
