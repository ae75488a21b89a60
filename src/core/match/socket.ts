/** Listener addresses as Envoy names them, shared by the outbound and inbound walks. */
import { isJsonObject, type JsonObject } from "../json.js";

/** `address.socketAddress` of a listener, if it has one. */
export function socketOf(l: JsonObject): { address: string; port: number } | undefined {
  const a = l["address"];
  const sa = isJsonObject(a) ? a["socketAddress"] : undefined;
  if (!isJsonObject(sa) || typeof sa["address"] !== "string") return undefined;
  return { address: sa["address"], port: typeof sa["portValue"] === "number" ? sa["portValue"] : 0 };
}

/** `ip:port`, with IPv6 addresses in brackets. */
export const hostPort = (address: string, port: number): string => (address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`);
