/** Listener socket addresses and host:port text (Go net.JoinHostPort brackets IPv6 literals). */
import { describe, expect, it } from "vitest";
import { hostPort, socketOf } from "./socket.js";

describe("socketOf", () => {
  it("reads address.socketAddress", () => {
    expect(socketOf({ address: { socketAddress: { address: "0.0.0.0", portValue: 15001 } } })).toEqual({ address: "0.0.0.0", port: 15001 });
  });
  it("a missing portValue is port 0 (proto3 omits a zero port_value from protojson)", () => {
    expect(socketOf({ address: { socketAddress: { address: "::" } } })).toEqual({ address: "::", port: 0 });
  });
  it("has no socket for pipes, internal addresses, or a malformed address", () => {
    expect(socketOf({ address: { pipe: { path: "/tmp/s" } } })).toBeUndefined();
    expect(socketOf({ address: { envoyInternalAddress: { serverListenerName: "x" } } })).toBeUndefined();
    expect(socketOf({ address: { socketAddress: { portValue: 80 } } })).toBeUndefined();
    expect(socketOf({})).toBeUndefined();
    expect(socketOf({ address: [] })).toBeUndefined();
  });
});

describe("hostPort", () => {
  it("brackets IPv6 (golang/go net.JoinHostPort), not IPv4 or names", () => {
    expect(hostPort("10.0.0.1", 80)).toBe("10.0.0.1:80");
    expect(hostPort("::", 15001)).toBe("[::]:15001");
    expect(hostPort("2001:db8::1", 443)).toBe("[2001:db8::1]:443");
    expect(hostPort("example.com", 8080)).toBe("example.com:8080");
  });
});
