/**
 * virtualHost modifications (kuma `virtual_host_mod.go`): every HTTP connection manager with an inline
 * `routeConfig` (RDS ones are ignored) in listeners whose origin matches; `routeConfigurationName`
 * must equal the route config's name.
 */
import type { DecodeNote } from "../../../patch/proto-json.js";
import { isJsonObject, type JsonObject } from "../../../json.js";
import { FILTER, MESSAGE } from "../../../xds/names.js";
import type { XdsResource } from "../../../xds/resource-set.js";
import { matchAt, patchMessage, type Match, type ModInput, type ModOutcome, type Where } from "./common.js";

export function applyVirtualHostMod(input: ModInput): ModOutcome {
  const m = input.mod.match ?? {};
  const matched: Match[] = [];
  const notes: DecodeNote[] = [];
  const out: XdsResource[] = [];
  for (const r of input.resources) {
    const chains = r.value["filterChains"];
    if (r.type !== "listener" || (m["origin"] !== undefined && m["origin"] !== r.origin) || !Array.isArray(chains)) {
      out.push(r);
      continue;
    }
    const nextChains: JsonObject[] = [];
    for (const chain of chains as JsonObject[]) {
      const filters = Array.isArray(chain["filters"]) ? (chain["filters"] as JsonObject[]) : [];
      const nextFilters: JsonObject[] = [];
      for (const f of filters) {
        const tc = f["typedConfig"];
        const rc = isJsonObject(tc) ? tc["routeConfig"] : undefined;
        if (f["name"] !== FILTER.httpConnectionManager || !isJsonObject(tc) || !isJsonObject(rc)) {
          nextFilters.push(f);
          continue;
        }
        if (m["routeConfigurationName"] !== undefined && m["routeConfigurationName"] !== rc["name"]) {
          nextFilters.push(f);
          continue;
        }
        const vhosts = Array.isArray(rc["virtualHosts"]) ? (rc["virtualHosts"] as JsonObject[]) : [];
        let next: JsonObject[];
        const where: Where = { resource: r.name, label: `listener ${r.name} / route ${String(rc["name"] ?? "")}` };
        switch (input.mod.operation) {
          case "Add":
            next = [...vhosts, input.value ?? {}];
            matched.push(matchAt(where, ` (added ${String(input.value?.["name"] ?? "")})`));
            break;
          case "Remove":
            next = vhosts.filter((v) => m["name"] !== undefined && v["name"] !== m["name"]);
            vhosts.filter((v) => !next.includes(v)).forEach((v) => matched.push(matchAt(where, ` / virtualHost ${String(v["name"])}`)));
            break;
          case "Patch": {
            next = [];
            for (const v of vhosts) {
              if (m["name"] !== undefined && v["name"] !== m["name"]) {
                next.push(v);
                continue;
              }
              matched.push(matchAt(where, ` / virtualHost ${String(v["name"])}`));
              const p = patchMessage(v, input.mod, input.value, MESSAGE.virtualHost, input.decodeCache);
              if (!p.ok) return { resources: input.resources, matched, error: p.message, notes };
              notes.push(...p.notes);
              next.push(p.value);
            }
            break;
          }
          default:
            return { resources: input.resources, matched, error: `invalid operation: ${input.mod.operation}`, notes };
        }
        nextFilters.push({ ...f, typedConfig: { ...tc, routeConfig: { ...rc, virtualHosts: next } } });
      }
      nextChains.push({ ...chain, filters: nextFilters });
    }
    out.push({ ...r, value: { ...r.value, filterChains: nextChains } });
  }
  return { resources: out, matched, notes };
}
