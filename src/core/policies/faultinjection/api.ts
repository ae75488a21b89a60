/**
 * The legacy FaultInjection resource (kuma `api/mesh/v1alpha1/fault_injection.proto` @ v2.14.3, unchanged since
 * v2.7.20 but for KDS options): `sources`, `destinations` and `conf` with `delay`, `abort` and `responseBandwidth`.
 * Universal form keeps them at the top level, Kubernetes form under `spec`.
 */
import * as z from "zod";
import { SelectorSchema } from "../legacy.js";

const percentage = z.number().optional();

/** `conf` (durations as Kuma reads them: Go duration text such as `5s` or `10ms`). */
export const FaultConfSchema = z.looseObject({
  delay: z.looseObject({ percentage, value: z.string().optional() }).optional(),
  abort: z.looseObject({ percentage, httpStatus: z.number().int().min(0).max(4294967295).optional() }).optional(),
  responseBandwidth: z.looseObject({ percentage, limit: z.string().optional() }).optional(),
});

export const FaultInjectionSpecSchema = z.looseObject({
  sources: z.array(SelectorSchema).optional(),
  destinations: z.array(SelectorSchema).optional(),
  conf: FaultConfSchema.optional(),
});

export type FaultInjectionSpec = z.infer<typeof FaultInjectionSpecSchema>;
export type FaultConf = z.infer<typeof FaultConfSchema>;

/** FaultInjectionResource.HasFaultDelay / HasFaultAbort / HasFaultResponseBandwidth: set and not the empty message. */
export function hasFault(v: object | undefined): boolean {
  return v !== undefined && Object.values(v).some((x) => x !== undefined);
}
