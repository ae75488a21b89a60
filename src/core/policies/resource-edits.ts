/**
 * A plugin's edits of a resource set and the writes they record (for the provenance of limits): each replaced resource
 * keeps the plugin's earlier writes on it re-anchored when array elements moved (a filter prepended, a route copied).
 * The set is copied once and indexed, so a plugin touching every cluster stays linear.
 */
import type { JsonObject } from "../json.js";
import { rebaseWrites, resourceKey, type Write } from "../xds/provenance.js";
import type { ResourceSet, XdsResource } from "../xds/resource-set.js";
import type { FieldWrite } from "./conf-merge.js";

/** The resource set being edited, the writes made and the resources touched. */
export class Edits {
  private readonly list: XdsResource[];
  private readonly index = new Map<string, number>();
  private changed = false;
  readonly writes: Write[] = [];
  readonly touched = new Set<string>();
  constructor(private readonly original: ResourceSet) {
    this.list = original.slice();
    this.list.forEach((r, i) => this.index.set(resourceKey(r), i));
  }
  /** The edited set (the original one when nothing changed). */
  get rs(): ResourceSet {
    return this.changed ? this.list : this.original;
  }
  /** The resource of that type and name, as edited so far. */
  get(type: XdsResource["type"], name: string): XdsResource | undefined {
    const i = this.index.get(`${type}/${name}`);
    return i === undefined ? undefined : this.list[i];
  }
  /** Replaces a resource's value, records its writes, and re-anchors this plugin's earlier writes on it. */
  put(r: XdsResource, value: JsonObject, fieldWrites: readonly FieldWrite[]): XdsResource {
    const next = { ...r, value };
    const key = resourceKey(r);
    if (this.touched.has(key)) {
      const mine = this.writes.filter((w) => w.resource === key);
      if (mine.length > 0) {
        const rebased = rebaseWrites(mine, [r], [next]);
        let i = 0;
        for (let j = 0; j < this.writes.length; j++) if (this.writes[j]!.resource === key) this.writes[j] = rebased[i++]!;
      }
    }
    for (const w of fieldWrites) this.writes.push({ resource: key, pointer: w.pointer, source: w.source, seq: this.writes.length });
    const i = this.index.get(key);
    if (i === undefined) {
      this.index.set(key, this.list.length);
      this.list.push(next);
    } else this.list[i] = next;
    this.changed = true;
    this.touched.add(key);
    return next;
  }
}
