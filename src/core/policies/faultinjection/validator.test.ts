import { describe, expect, it } from "vitest";
import { validateFaultInjection } from "./validator.js";
import { bandwidthToKbps } from "./plugin.js";

// Expected messages typed from kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/fault_injection_validator_test.go.
describe("FaultInjection admission", () => {
  const sel = { sources: [{ match: { service: "frontend" } }], destinations: [{ match: { service: "backend", "kuma.io/protocol": "http" } }] };
  it("spec: empty", () => {
    expect(validateFaultInjection({}, { path: "" })).toEqual([
      { path: "sources", message: "must have at least one element" },
      { path: "destinations", message: "must have at least one element" },
      { path: "conf", message: "must have at least one of the faults configured" },
    ]);
  });
  it("conf.*: empty", () => {
    expect(validateFaultInjection({ ...sel, conf: { delay: {}, abort: {}, responseBandwidth: {} } }, { path: "" })).toEqual([{ path: "conf", message: "must have at least one of the faults configured" }]);
  });
  it("conf.* main value: empty", () => {
    expect(validateFaultInjection({ ...sel, conf: { delay: { percentage: 30 }, abort: { percentage: 30 }, responseBandwidth: { percentage: 30 } } }, { path: "" })).toEqual([
      { path: "conf.delay.value", message: "cannot be empty" },
      { path: "conf.abort.httpStatus", message: "cannot be empty" },
      { path: "conf.responseBandwidth.limit", message: "cannot be empty" },
    ]);
  });
  it("conf.abort: wrong format; responseBandwidth: wrong format", () => {
    expect(validateFaultInjection({ ...sel, conf: { abort: { httpStatus: 600, percentage: 100 } } }, { path: "" })).toEqual([{ path: "conf.abort.httpStatus", message: "http status code is incorrect" }]);
    expect(validateFaultInjection({ ...sel, conf: { responseBandwidth: { limit: "50mb", percentage: 101 } } }, { path: "" })).toEqual([
      { path: "conf.responseBandwidth.percentage", message: "has to be in [0.0 - 100.0] range" },
      { path: "conf.responseBandwidth.limit", message: "has to be in kbps/mbps/gbps units" },
    ]);
  });
  it("kuma.io/protocol: not specified, or not HTTP-based", () => {
    const conf = { responseBandwidth: { limit: "50mbps", percentage: 100 } };
    expect(validateFaultInjection({ sources: sel.sources, destinations: [{ match: { service: "backend", region: "eu" } }], conf }, { path: "" })).toEqual([{ path: "destinations[0].match", message: "protocol must be specified" }]);
    expect(validateFaultInjection({ sources: sel.sources, destinations: [{ match: { service: "backend", "kuma.io/protocol": "tcp" } }], conf }, { path: "" })).toEqual([
      { path: 'destinations[0].match["kuma.io/protocol"]', message: "must be one of the [http, http2, grpc]" },
    ]);
  });
});

describe("ConvertBandwidthToKbps (kumahq/kuma@v2.14.3 pkg/xds/envoy/listeners/v3/util.go)", () => {
  it("kbps, Mbps, Gbps; what the validator admits in lowercase fails at generation", () => {
    expect(bandwidthToKbps("50kbps")).toEqual({ kbps: 50 });
    expect(bandwidthToKbps("2Mbps")).toEqual({ kbps: 2000 });
    expect(bandwidthToKbps("1 Gbps")).toEqual({ kbps: 1_000_000 });
    expect("error" in bandwidthToKbps("50mbps")).toBe(true);
    expect(bandwidthToKbps("MMbps")).toEqual({ error: 'strconv.Atoi: parsing "": invalid syntax' });
  });
});
