/** Checks on one cluster (envoyproxy/envoy@v1.38.2 api/envoy/config/cluster/v3/cluster.proto). */
import type { JsonObject } from "../../json.js";
import { PGV, pgvError } from "./pgv.js";
import type { RuleFailure } from "./types.js";

/** protojson Duration text (`5s`, `0.250s`, `-1s`) → its sign: -1, 0 or 1; undefined when it is not a duration. */
function durationSign(v: unknown): -1 | 0 | 1 | undefined {
  if (typeof v !== "string") return undefined;
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(v);
  if (!m) return undefined;
  const zero = /^0+$/.test(m[2]!) && /^0*$/.test(m[3] ?? "");
  return zero ? 0 : m[1] === "-" ? -1 : 1;
}

/** PGV `connect_timeout` `duration.gt: {}`: an explicit timeout must be above zero. */
export function connectTimeout(cluster: JsonObject): RuleFailure | undefined {
  const sign = durationSign(cluster["connectTimeout"]);
  if (sign === undefined || sign > 0) return undefined;
  return { rule: "cluster-connect-timeout", message: pgvError([{ message: "Cluster", field: "ConnectTimeout" }], PGV.durationGt0) };
}

/** The first rule one cluster fails, or undefined. */
export function clusterFailure(cluster: JsonObject): RuleFailure | undefined {
  return connectTimeout(cluster);
}
