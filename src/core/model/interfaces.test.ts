/**
 * inboundInterfaces: Kuma's Dataplane_Networking.ToInboundInterface and GetSectionName (kumahq/kuma@v2.14.3
 * `api/mesh/v1alpha1/dataplane_helpers.go`), ParseProtocol (`pkg/core/metadata/protocol.go`) and the listener and
 * cluster names the inbound generator gives them (`pkg/xds/envoy/names/resource_names.go` GetInboundListenerName,
 * GetLocalClusterName). Expected values are worked out by hand from those functions.
 */
import { describe, expect, it } from "vitest";
import { type DataplaneModel, type InboundModel, defaultDataplane } from "./dataplane.js";
import { inboundInterfaces } from "./interfaces.js";

function dp(address: string, inbounds: InboundModel[]): DataplaneModel {
  return { ...defaultDataplane("default"), address, inbounds };
}

describe("inboundInterfaces", () => {
  it("an inbound without address, serviceAddress or servicePort: dataplane IP and port on both sides", () => {
    // ToInboundInterface: DataplaneIP = n.Address when inbound.Address is empty; WorkloadIP = DataplaneIP; WorkloadPort = Port.
    const [i] = inboundInterfaces(dp("10.1.0.5", [{ port: 8080, address: "", tags: { "kuma.io/service": "web" } }]));
    expect(i).toMatchObject({ index: 0, dataplaneIp: "10.1.0.5", dataplanePort: 8080, workloadIp: "10.1.0.5", workloadPort: 8080, service: "web" });
    expect(i!.listenerName).toBe("inbound:10.1.0.5:8080");
    expect(i!.clusterName).toBe("localhost:8080");
  });
  it("inbound.address wins over the networking address; serviceAddress and servicePort set the workload side", () => {
    // ToInboundInterface: inbound.Address, inbound.ServiceAddress and a non-zero inbound.ServicePort are used as given.
    const [i] = inboundInterfaces(dp("10.1.0.5", [{ port: 80, address: "192.168.0.2", servicePort: 8443, serviceAddress: "127.0.0.1", tags: { "kuma.io/service": "b" } }]));
    expect(i).toMatchObject({ dataplaneIp: "192.168.0.2", dataplanePort: 80, workloadIp: "127.0.0.1", workloadPort: 8443 });
    // GetLocalClusterName takes the workload port, GetInboundListenerName the dataplane IP and port.
    expect(i!.clusterName).toBe("localhost:8443");
    expect(i!.listenerName).toBe("inbound:192.168.0.2:80");
  });
  it("servicePort 0 means the inbound port", () => {
    // ToInboundInterface: `if inbound.ServicePort != 0 ... else iface.WorkloadPort = inbound.Port`.
    const [i] = inboundInterfaces(dp("10.1.0.5", [{ port: 9000, address: "10.1.0.5", servicePort: 0, tags: { "kuma.io/service": "b" } }]));
    expect(i!.workloadPort).toBe(9000);
    expect(i!.clusterName).toBe("localhost:9000");
  });
  it("an IPv6 dataplane IP is bracketed in the listener name", () => {
    // GetInboundListenerName joins with net.JoinHostPort, which brackets IPv6 hosts.
    const [i] = inboundInterfaces(dp("fd00::5", [{ port: 80, address: "fd00::5", tags: { "kuma.io/service": "v6" } }]));
    expect(i!.listenerName).toBe("inbound:[fd00::5]:80");
    expect(i!.workloadIp).toBe("fd00::5");
  });
  it("sectionName is the inbound's name, else its port as a string", () => {
    // GetSectionName: `if d.Name != "" { return d.Name }; return strconv.Itoa(int(d.Port))`.
    const ifaces = inboundInterfaces(
      dp("10.1.0.5", [
        { port: 80, address: "10.1.0.5", name: "http-main", tags: { "kuma.io/service": "a" } },
        { port: 81, address: "10.1.0.5", tags: { "kuma.io/service": "a" } },
      ]),
    );
    expect(ifaces.map((i) => i.sectionName)).toEqual(["http-main", "81"]);
  });
  it("keeps every inbound in order with its index, service-less ones included (service empty)", () => {
    // ToInboundInterface is called per inbound; the generator, not this helper, skips IsServiceLess() ones.
    const ifaces = inboundInterfaces(
      dp("10.1.0.5", [
        { port: 80, address: "10.1.0.5", tags: { "kuma.io/service": "a" } },
        { port: 81, address: "10.1.0.5", tags: {} },
        { port: 82, address: "10.1.0.5", tags: { "kuma.io/service": "c" } },
      ]),
    );
    expect(ifaces.map((i) => [i.index, i.dataplanePort, i.service])).toEqual([
      [0, 80, "a"],
      [1, 81, ""],
      [2, 82, "c"],
    ]);
  });
  it("protocol: the known kuma.io/protocol values, and tcp for a missing or unknown one", () => {
    // ParseProtocol keeps http, http2, grpc, kafka, tcp; anything else is ProtocolUnknown, which the inbound generator treats as TCP.
    const protos = ["http", "http2", "grpc", "kafka", "tcp", "tls", "mysql", "websocket", undefined];
    const ifaces = inboundInterfaces(
      dp(
        "10.1.0.5",
        protos.map((p, n) => ({ port: 80 + n, address: "10.1.0.5", tags: { "kuma.io/service": "s", ...(p ? { "kuma.io/protocol": p } : {}) } })),
      ),
    );
    expect(ifaces.map((i) => i.protocol)).toEqual(["http", "http2", "grpc", "kafka", "tcp", "tcp", "tcp", "tcp", "tcp"]);
  });
  it("protocol: the tag is read case-insensitively (ParseProtocol lower-cases it, 2.5.0 … 2.14.3)", () => {
    const protos = ["HTTP", "Http2", "gRPC", "KAFKA"];
    const ifaces = inboundInterfaces(dp("10.1.0.5", protos.map((p, n) => ({ port: 80 + n, address: "10.1.0.5", tags: { "kuma.io/service": "s", "kuma.io/protocol": p } }))));
    expect(ifaces.map((i) => i.protocol)).toEqual(["http", "http2", "grpc", "kafka"]);
  });
  it("passes the inbound's tags through unchanged", () => {
    // InboundInterface carries the inbound's tags (dataplane_helpers.go GetTags).
    const tags = { "kuma.io/service": "s", version: "v2", "kuma.io/protocol": "http" };
    expect(inboundInterfaces(dp("10.1.0.5", [{ port: 80, address: "10.1.0.5", tags }]))[0]!.tags).toEqual(tags);
  });
  it("a dataplane without inbounds has no interfaces", () => {
    // GetInboundInterfaces over an empty networking.inbound.
    expect(inboundInterfaces(dp("10.1.0.5", []))).toEqual([]);
  });
});
