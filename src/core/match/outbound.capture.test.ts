/**
 * What iptables redirects to the sidecar (kuma `app/kumactl/cmd/install/testdata/
 * install-transparent-proxy.defaults.golden.txt` @ v2.14.3): TCP only; loopback, excluded ports and IPs RETURN.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../http/app.js";

const app = createApp();
const dataplane = {
  type: "Dataplane",
  mesh: "default",
  name: "web-01",
  networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" } },
  meshsim: { excludeOutboundPorts: [5432], excludeOutboundIPs: ["169.254.169.254", "192.168.100.0/24"] },
};
async function verdict(to: string, resources: unknown[] = [dataplane]) {
  const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify({ resources, request: { to }, include: ["trace"] }), headers: { "content-type": "application/json" } });
  const body = (await res.json()) as { verdict: string; reason: { code: string; message: string }; trace: string[] };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

describe("capture", () => {
  it("UDP never reaches Envoy's listeners", async () => expect((await verdict("udp://203.0.113.5:514")).verdict).toBe("direct"));
  it("an excluded outbound port goes direct", async () => expect((await verdict("tcp://203.0.113.5:5432")).reason.message).toBe("outbound port 5432 is excluded from redirection"));
  it("an excluded IP and an IP in an excluded CIDR go direct", async () => {
    expect((await verdict("http://169.254.169.254/latest/meta-data")).reason.code).toBe("not-captured");
    expect((await verdict("tcp://192.168.100.7:443")).reason.message).toBe("192.168.100.7 is excluded from redirection (192.168.100.0/24)");
    expect((await verdict("tcp://192.168.101.7:443")).verdict).toBe("passthrough");
  });
  it("loopback goes direct; IPv6 goes direct when the proxy runs IPv4 only", async () => {
    expect((await verdict("tcp://127.0.0.1:9901")).verdict).toBe("direct");
    const v6 = await verdict("tcp://[2001:db8::1]:443");
    expect(v6.verdict).toBe("direct");
    expect(v6.trace.join("\n")).toContain("ip6tables rules are not installed");
  });
});
