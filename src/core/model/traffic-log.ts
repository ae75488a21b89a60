/** Legacy TrafficLog resources as the generators read them (kuma `api/mesh/v1alpha1/traffic_log.proto` @ v2.14.3). */

export type TagSelector = Readonly<Record<string, string>>;

export interface TrafficLogModel {
  readonly name: string;
  readonly mesh: string;
  readonly sources: readonly TagSelector[];
  readonly destinations: readonly TagSelector[];
  /** `conf.backend`; "" means the Mesh's `logging.defaultBackend`. */
  readonly backend: string;
  /** When the input gives it; Kuma breaks rank ties by it. */
  readonly creationTime: string | undefined;
}

/** Maps service → the TrafficLog selected for it (kuma `core_xds.TrafficLogMap`, `proxy.Policies.TrafficLogs`). */
export type TrafficLogMap = Readonly<Record<string, TrafficLogModel>>;
