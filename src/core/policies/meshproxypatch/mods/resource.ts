/**
 * cluster and listener modifications (kuma `cluster_mod.go`, `listener_mod.go`): Add replaces a resource
 * of the same name, Remove deletes every match (everything when there is no match), Patch merges or
 * JSON-patches every match.
 */
import type { DecodeNote } from "../../../patch/proto-json.js";
import { MESSAGE } from "../../../xds/names.js";
import { addResource, type XdsResource, type XdsType } from "../../../xds/resource-set.js";
import { listenerNameMatches, listenerTagsMatch, patchMessage, type Match, type ModInput, type ModOutcome } from "./common.js";

function matches(type: XdsType, r: XdsResource, input: ModInput): boolean {
  const m = input.mod.match ?? {};
  if (r.type !== type) return false;
  if (m["origin"] !== undefined && m["origin"] !== r.origin) return false;
  if (type === "cluster") return m["name"] === undefined || m["name"] === r.name; // exact: no naming-scheme equivalence for clusters
  if (!listenerNameMatches(m["name"] as string | undefined, r.name, input.features)) return false;
  return listenerTagsMatch(m["tags"] as Record<string, string> | undefined, r.value);
}

export function applyResourceMod(type: XdsType, input: ModInput, addedOrigin: string): ModOutcome {
  const { mod, value } = input;
  const label = (r: XdsResource): Match => ({ resource: r.name, label: `${type} ${r.name}` });
  switch (mod.operation) {
    case "Add": {
      const name = typeof value?.["name"] === "string" ? value["name"] : "";
      return { resources: addResource(input.resources, { type, name, origin: addedOrigin, value: value ?? {} }), matched: [{ resource: name, label: `${type} ${name}` }], notes: [] };
    }
    case "Remove": {
      const hit = input.resources.filter((r) => matches(type, r, input));
      return { resources: input.resources.filter((r) => !hit.includes(r)), matched: hit.map(label), notes: [] };
    }
    case "Patch": {
      const matched: Match[] = [];
      const notes: DecodeNote[] = [];
      const out: XdsResource[] = [];
      for (const r of input.resources) {
        if (!matches(type, r, input)) {
          out.push(r);
          continue;
        }
        const patched = patchMessage(r.value, mod, value, type === "cluster" ? MESSAGE.cluster : MESSAGE.listener, input.decodeCache);
        if (!patched.ok) return { resources: input.resources, matched: [...matched, label(r)], error: patched.message, notes };
        matched.push(label(r));
        notes.push(...patched.notes);
        out.push({ ...r, value: patched.value });
      }
      return { resources: out, matched, notes };
    }
    default:
      return { resources: input.resources, matched: [], error: `invalid operation: ${mod.operation}`, notes: [] };
  }
}
