/**
 * Kuma's admission validation of ProxyTemplate (kuma `pkg/core/resources/apis/mesh/proxytemplate_validator.go`,
 * unchanged from 2.5.0 to v2.14.3), messages as in its test (`proxytemplate_validator_test.go` @ v2.14.3).
 * Kuma also runs the Envoy message's PGV `Validate()` on `add` values and raw resources; meshsim checks only that
 * they parse (the same approximation as MeshProxyPatch's validator).
 */
import { joinPath, type Violation } from "../../errors.js";
import { parseEnvoyYaml } from "../../patch/proto-json.js";
import { selectorViolations } from "../../snapshot/traffic-log.js";
import type { ValidationContext } from "../../model/policy.js";
import type { ModKind } from "../../model/modification.js";
import { VALUE_MESSAGE } from "../meshproxypatch/validator.js";
import { AVAILABLE_PROFILES, OPS_BY_KIND, modKinds, type ProxyTemplateSpec, type PtModPayload, type RawResource } from "./api.js";
import { parseRawResource } from "./raw.js";

const quoteList = (ops: readonly string[]) => ops.map((o) => `"${o}"`).join(", ");
const ADD_OPS = new Set(["add", "addFirst", "addLast", "addBefore", "addAfter"]);

function validateValue(kind: ModKind, value: string | undefined, path: string): Violation[] {
  const parsed = parseEnvoyYaml(value ?? "", VALUE_MESSAGE[kind], path);
  return parsed.ok ? [] : [{ path, message: `native Envoy resource is not valid: ${parsed.message}` }];
}

// proxytemplate_validator.go validate{Cluster,Listener,NetworkFilter,HTTPFilter,VirtualHost}Modification
function validateMod(kind: ModKind, mod: PtModPayload, path: string): Violation[] {
  const at = (...f: string[]) => joinPath(path, ...f);
  const op = mod.operation ?? "";
  const ops = OPS_BY_KIND[kind];
  if (!ops.includes(op)) return [{ path: at("operation"), message: `invalid operation. Available operations: ${quoteList(ops)}` }];
  const isFilter = kind === "networkFilter" || kind === "httpFilter";
  const name = mod.match?.["name"];
  const nameEmpty = typeof name !== "string" || name === "";
  const out: Violation[] = [];
  if (op === "add" && (kind === "cluster" || kind === "listener") && mod.match !== undefined) out.push({ path: at("match"), message: "cannot be defined" });
  if (op === "add" && kind === "virtualHost" && !nameEmpty) out.push({ path: at("match", "name"), message: "cannot be defined" });
  if (isFilter && op === "addBefore" && nameEmpty) out.push({ path: at("match", "name"), message: "cannot be empty. You need to pick a filter before which this one will be added" });
  if (isFilter && op === "addAfter" && nameEmpty) out.push({ path: at("match", "name"), message: "cannot be empty. You need to pick a filter after which this one will be added" });
  if (isFilter && op === "patch" && nameEmpty) out.push({ path: at("match", "name"), message: "cannot be empty" });
  if (ADD_OPS.has(op) || op === "patch") out.push(...validateValue(kind, mod.value, at("value")));
  return out;
}

// proxytemplate_validator.go validateImports
function validateImports(imports: readonly string[], path: string): Violation[] {
  const out: Violation[] = [];
  imports.forEach((imp, i) => {
    if (imp === "") out.push({ path: joinPath(path, i), message: "cannot be empty" });
    else if (!(AVAILABLE_PROFILES as readonly string[]).includes(imp))
      out.push({ path: joinPath(path, i), message: `profile not found. Available profiles: ${[...AVAILABLE_PROFILES].sort().join(",")}` });
  });
  return out;
}

// proxytemplate_validator.go validateResources
function validateResources(resources: readonly RawResource[], path: string): Violation[] {
  const out: Violation[] = [];
  resources.forEach((r, i) => {
    const at = (f: string) => joinPath(path, i, f);
    if (!r.name) out.push({ path: at("name"), message: "cannot be empty" });
    if (!r.version) out.push({ path: at("version"), message: "cannot be empty" });
    if (!r.resource) out.push({ path: at("resource"), message: "cannot be empty" });
    else {
      const parsed = parseRawResource(r.resource, at("resource"));
      if (!parsed.ok && parsed.invalid) out.push({ path: at("resource"), message: `native Envoy resource is not valid: ${parsed.message}` });
    }
  });
  return out;
}

/** Validates a ProxyTemplate spec; paths are rooted at `ctx.path` (the resource's top level in Universal form, `spec` on Kubernetes). */
export function validateProxyTemplate(spec: ProxyTemplateSpec, ctx: Pick<ValidationContext, "path">): Violation[] {
  const out: Violation[] = [];
  // validateSelectors: RequireService and RequireAtLeastOneTag; no selector at all is allowed (it matches every dataplane).
  (spec.selectors ?? []).forEach((s, i) => out.push(...selectorViolations(joinPath(ctx.path, "selectors", i, "match"), s.match ?? {}, false)));
  const conf = joinPath(ctx.path, "conf");
  out.push(...validateImports(spec.conf?.imports ?? [], joinPath(conf, "imports")));
  out.push(...validateResources(spec.conf?.resources ?? [], joinPath(conf, "resources")));
  (spec.conf?.modifications ?? []).forEach((m, i) => {
    const kinds = modKinds(m);
    const at = joinPath(conf, "modifications", i);
    // A proto oneof holds one member; protojson refuses a second one when it reads the resource.
    if (kinds.length > 1) out.push({ path: at, message: `only one of ${kinds.join(", ")} can be set (a oneof): write each modification as its own list entry` });
    else if (kinds.length === 1) out.push(...validateMod(kinds[0]!, m[kinds[0]!] as PtModPayload, joinPath(at, kinds[0]!)));
  });
  return out;
}
