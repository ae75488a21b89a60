/** Legacy TrafficLog resources as the generators read them (kuma `api/mesh/v1alpha1/traffic_log.proto` @ v2.14.3). */

import type { ConnectionPolicy } from "./legacy-select.js";

export type { TagSelector } from "./legacy-select.js";

export interface TrafficLogModel extends ConnectionPolicy {
  /** `conf.backend`; "" means the Mesh's `logging.defaultBackend`. */
  readonly backend: string;
}

/** Maps service → the TrafficLog selected for it (kuma `core_xds.TrafficLogMap`, `proxy.Policies.TrafficLogs`). */
export type TrafficLogMap = Readonly<Record<string, TrafficLogModel>>;
