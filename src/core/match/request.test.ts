/**
 * The simulated connection: what a client sends for a URL (WHATWG URL parsing, default ports of
 * RFC 9110 §4.2 and the gRPC/MySQL conventions), and what Envoy's listener filters detect on it
 * (envoyproxy/envoy@v1.38.2 tls_inspector and http_inspector; transport "raw_buffer" when none is detected).
 */
import { describe, expect, it } from "vitest";
import { observe, parseDestination, type Destination, type RequestTo } from "./request.js";

function dest(to: RequestTo, ip?: string): Destination {
  const r = parseDestination(to, ip, "request.to");
  if ("errors" in r) throw new Error(JSON.stringify(r.errors));
  return r.destination;
}
const errors = (to: RequestTo, ip?: string) => {
  const r = parseDestination(to, ip, "request.to");
  return "errors" in r ? r.errors : [];
};

describe("parseDestination: URL form", () => {
  it("default ports per scheme: http/grpc 80, https/tls/grpcs 443, mysql 3306", () => {
    expect(dest("http://example.com").port).toBe(80);
    expect(dest("grpc://example.com").port).toBe(80);
    expect(dest("https://example.com").port).toBe(443);
    expect(dest("tls://example.com").port).toBe(443);
    expect(dest("grpcs://example.com").port).toBe(443);
    expect(dest("mysql://db.example.com").port).toBe(3306);
    expect(dest("http://example.com:8080").port).toBe(8080);
  });
  it("tcp and udp have no default port: the port is required", () => {
    expect(errors("tcp://1.2.3.4")).toEqual([{ path: "request.to", message: "a port is required for tcp" }]);
    expect(errors("udp://1.2.3.4")).toEqual([{ path: "request.to", message: "a port is required for udp" }]);
  });
  it("lower-cases the host, keeps path and query, drops the fragment (never sent on the wire)", () => {
    const d = dest("https://API.Example.COM:8443/x/y?z=1#frag");
    expect(d).toMatchObject({ protocol: "https", host: "api.example.com", port: 8443, path: "/x/y?z=1" });
    // Non-special schemes (tcp://) keep the host's case in WHATWG URL; it is lower-cased all the same.
    expect(dest("tcp://DB.Example.com:5432").host).toBe("db.example.com");
  });
  it("an empty path is /", () => {
    expect(dest("http://example.com").path).toBe("/");
    expect(dest("grpc://example.com").path).toBe("/");
  });
  it("an IP literal host is also the destination IP; a name stays unresolved", () => {
    expect(dest("tcp://10.0.0.5:5432").ip?.text).toBe("10.0.0.5");
    expect(dest("http://[2001:db8::1]:8080/").ip).toMatchObject({ family: "ipv6", text: "2001:db8::1" });
    expect(dest("http://example.com").ip).toBeUndefined();
  });
  it("request.ip overrides the resolution, and a bad one is reported at request.ip", () => {
    expect(dest("http://example.com", "203.0.113.7").ip?.text).toBe("203.0.113.7");
    expect(errors("http://example.com", "example.org")).toEqual([{ path: "request.ip", message: 'not an IP address: "example.org"' }]);
  });
  it("unknown schemes and non-URLs are errors at the field itself", () => {
    expect(errors("ftp://example.com")[0]).toMatchObject({ path: "request.to", message: expect.stringContaining('unsupported scheme "ftp:"') });
    expect(errors("example.com")[0]).toMatchObject({ path: "request.to", message: expect.stringContaining("not a URL") });
  });
});

describe("parseDestination: TLS and HTTP defaults", () => {
  it("SNI is the host name for TLS protocols, never an IP literal (RFC 6066 §3), and absent for cleartext", () => {
    expect(dest("https://example.com").sni).toBe("example.com");
    expect(dest("tls://example.com").sni).toBe("example.com");
    expect(dest("https://93.184.216.34").sni).toBeUndefined();
    expect(dest("http://example.com").sni).toBeUndefined();
    expect(dest({ host: "example.com", protocol: "tls", sni: "other.org" }).sni).toBe("other.org");
    expect(dest({ host: "example.com", protocol: "http", sni: "other.org" }).sni).toBeUndefined();
  });
  it("ALPN: https offers h2 and http/1.1, grpcs h2, others nothing unless given", () => {
    expect(dest("https://example.com").alpn).toEqual(["h2", "http/1.1"]);
    expect(dest("grpcs://example.com").alpn).toEqual(["h2"]);
    expect(dest("tls://example.com").alpn).toEqual([]);
    expect(dest({ host: "example.com", protocol: "tls", alpn: ["x"] }).alpn).toEqual(["x"]);
  });
  it("HTTP version: gRPC is HTTP/2, the rest HTTP/1.1 unless given", () => {
    expect(dest("grpc://example.com").httpVersion).toBe("2");
    expect(dest("http://example.com").httpVersion).toBe("1.1");
    expect(dest({ host: "example.com", protocol: "http", httpVersion: "1.0" }).httpVersion).toBe("1.0");
  });
});

describe("parseDestination: object form", () => {
  it("protocol defaults to tcp, so a port is required (reported at .port)", () => {
    expect(errors({ host: "example.com" })).toEqual([{ path: "request.to.port", message: "a port is required for tcp" }]);
  });
  it("needs a host or an IP", () => {
    expect(errors({ port: 80 })).toEqual([{ path: "request.to.host", message: "host or ip is required" }]);
    expect(dest({ ip: "10.0.0.1", port: 80 })).toMatchObject({ host: undefined, ip: { text: "10.0.0.1" }, protocol: "tcp" });
  });
  it("a bad ip is reported at .ip", () => {
    expect(errors({ host: "example.com", ip: "10.0.0.256", port: 80 })).toEqual([{ path: "request.to.ip", message: 'not an IP address: "10.0.0.256"' }]);
  });
});

describe("observe (what the listener filters detect)", () => {
  const both = { tls: true, http: true };
  it("TLS with tls_inspector: transport tls, SNI and ALPN from the ClientHello, no Host (encrypted)", () => {
    expect(observe(dest("https://example.com"), both)).toEqual({ transportProtocol: "tls", serverName: "example.com", applicationProtocols: ["h2", "http/1.1"], authority: undefined });
  });
  it("TLS without tls_inspector: nothing detected, so raw_buffer with no SNI or ALPN", () => {
    expect(observe(dest("https://example.com"), { tls: false, http: true })).toEqual({ transportProtocol: "raw_buffer", serverName: undefined, applicationProtocols: [], authority: undefined });
  });
  it("cleartext HTTP with http_inspector: http/1.0, http/1.1 or h2c", () => {
    expect(observe(dest("http://example.com"), both).applicationProtocols).toEqual(["http/1.1"]);
    expect(observe(dest({ host: "example.com", protocol: "http", httpVersion: "1.0" }), both).applicationProtocols).toEqual(["http/1.0"]);
    expect(observe(dest("grpc://example.com"), both).applicationProtocols).toEqual(["h2c"]);
    expect(observe(dest("http://example.com"), { tls: true, http: false }).applicationProtocols).toEqual([]);
  });
  it("raw TCP: no protocol, no authority", () => {
    expect(observe(dest("tcp://example.com:5432"), both)).toEqual({ transportProtocol: "raw_buffer", serverName: undefined, applicationProtocols: [], authority: undefined });
  });
  it("Host carries the port only when it is not the scheme's default (RFC 9110 §7.2)", () => {
    expect(observe(dest("http://example.com"), both).authority).toBe("example.com");
    expect(observe(dest("http://example.com:8080"), both).authority).toBe("example.com:8080");
    expect(observe(dest("tcp://1.2.3.4:80"), both).authority).toBeUndefined();
    expect(observe(dest({ ip: "1.2.3.4", port: 8080, protocol: "http" }), both).authority).toBe("1.2.3.4:8080");
    expect(observe(dest("http://[2001:db8::1]:8080/"), both).authority).toBe("[2001:db8::1]:8080");
    // An IPv6 literal given as ip is bracketed in Host too (RFC 3986 §3.2.2), with or without the port.
    expect(observe(dest({ ip: "2001:db8::1", port: 8080, protocol: "http" }), both).authority).toBe("[2001:db8::1]:8080");
    expect(observe(dest({ ip: "2001:db8::1", port: 80, protocol: "http" }), both).authority).toBe("[2001:db8::1]");
  });
  it("an explicit Host header wins, lower-cased", () => {
    expect(observe(dest({ host: "example.com", protocol: "http", headers: { host: "Other.ORG:81" } }), both).authority).toBe("other.org:81");
    expect(observe(dest({ host: "example.com", protocol: "http", headers: { Host: "b.org" } }), both).authority).toBe("b.org");
  });
});
