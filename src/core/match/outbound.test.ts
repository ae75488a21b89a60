/**
 * Envoy's matching rules as data: each `cases/*.yaml` holds listeners and clusters, a request and
 * the expected path, written by hand from Envoy's behaviour as cited in each file
 * (Envoy `source/common/listener_manager/` connection_handler_impl.cc and filter_chain_manager_impl.cc).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { TransparentProxyPlan } from "../model/transparent-proxy.js";
import { walkOutbound } from "./outbound.js";
import { parseDestination, type RequestTo } from "./request.js";
import type { XdsResource } from "../xds/resource-set.js";

interface Case {
  resources: XdsResource[];
  requests: { to: RequestTo; ip?: string; expect: Record<string, unknown>; traceContaining?: string[] }[];
}

const PLAN: TransparentProxyPlan = {
  disabledReason: undefined,
  scheme: "legacy",
  families: [
    { family: "ipv4", inboundPort: 15006 },
    { family: "ipv6", inboundPort: 15006 },
  ],
  outboundPort: 15001,
  excludeOutboundPorts: [],
  excludeOutboundIPs: [],
};

const dir = join(import.meta.dirname, "cases");
describe("walkOutbound cases", () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    const c = parse(readFileSync(join(dir, file), "utf8")) as Case;
    c.requests.forEach((r, i) => {
      it(`${file.replace(/\.yaml$/, "")} #${i} ${typeof r.to === "string" ? r.to : JSON.stringify(r.to)}`, () => {
        const d = parseDestination(r.to, r.ip, "request.to");
        if ("errors" in d) throw new Error(JSON.stringify(d.errors));
        const w = walkOutbound(c.resources, d.destination, PLAN, new Map());
        expect(w).toMatchObject(r.expect);
        for (const t of r.traceContaining ?? []) expect(w.trace.join("\n")).toContain(t);
      });
    });
  }
});
