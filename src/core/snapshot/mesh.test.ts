/**
 * The Mesh model (defaults as Kuma reads them) and the logging checks of Kuma's Mesh validator.
 * Expected values are typed from kumahq/kuma @ v2.14.3 (api/mesh/v1alpha1/mesh.proto,
 * pkg/core/resources/apis/mesh/mesh_helpers.go, mesh_validator.go).
 */
import { describe, expect, it } from "vitest";
import { loggingIssues, MeshSpecSchema, meshModel, type MeshSpec } from "./mesh.js";
import { DEFAULT_MESH_NAME } from "../model/mesh.js";

const model = (spec: unknown, name = "m1") => meshModel(name, MeshSpecSchema.parse(spec));
const issues = (logging: MeshSpec["logging"]) => loggingIssues(logging).map((i) => `${i.path.join(".")}: ${i.message}`);

describe("meshModel", () => {
  it("an empty Mesh: passthrough on, MeshServices Disabled, mTLS off, no ZoneEgress routing, no logging backends", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/mesh_helpers.go IsPassthrough; api/mesh/v1alpha1/mesh.proto MeshServices.Mode Disabled = 0
    expect(model({})).toEqual({
      name: "m1",
      passthrough: true,
      meshServicesMode: "Disabled",
      mtls: "off",
      zoneEgress: false,
      logging: { defaultBackend: "", backends: [] },
    });
  });
  it("networking.outbound.passthrough false turns passthrough off; true or absent keeps it on", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/mesh_helpers.go IsPassthrough
    expect(model({ networking: { outbound: { passthrough: false } } }).passthrough).toBe(false);
    expect(model({ networking: { outbound: { passthrough: true } } }).passthrough).toBe(true);
    expect(model({ networking: { outbound: {} } }).passthrough).toBe(true);
  });
  it("an enabled backend without mode is STRICT (the enum zero); PERMISSIVE when set", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/mesh.proto CertificateAuthorityBackend.Mode (STRICT = 0, PERMISSIVE = 1)
    expect(model({ mtls: { enabledBackend: "ca-1", backends: [{ name: "ca-1", type: "builtin" }] } }).mtls).toBe("STRICT");
    expect(model({ mtls: { enabledBackend: "ca-1", backends: [{ name: "ca-1", type: "builtin", mode: "PERMISSIVE" }] } }).mtls).toBe("PERMISSIVE");
  });
  it("mTLS is off without enabledBackend, even with backends listed", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/mesh_helpers.go MTLSEnabled (enabledBackend != "")
    expect(model({ mtls: { backends: [{ name: "ca-1", type: "builtin", mode: "PERMISSIVE" }] } }).mtls).toBe("off");
  });
  it("meshServices.mode and routing.zoneEgress are read", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/mesh.proto MeshServices.Mode, Routing.zoneEgress
    expect(model({ meshServices: { mode: "Exclusive" }, routing: { zoneEgress: true } })).toMatchObject({ meshServicesMode: "Exclusive", zoneEgress: true });
  });
  it("logging backends: name, type, format, path or address", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/mesh.proto Logging / LoggingBackend (conf: FileLoggingBackendConfig.path, TcpLoggingBackendConfig.address)
    const m = model({
      logging: {
        defaultBackend: "tcp",
        backends: [
          { name: "file", type: "file", conf: { path: "/var/log/a.log" } },
          { name: "tcp", type: "tcp", format: "%START_TIME%", conf: { address: "logstash:5000" } },
        ],
      },
    });
    expect(m.logging).toEqual({
      defaultBackend: "tcp",
      backends: [
        { name: "file", type: "file", format: "", path: "/var/log/a.log", address: "" },
        { name: "tcp", type: "tcp", format: "%START_TIME%", path: "", address: "logstash:5000" },
      ],
    });
  });
  it("the default Mesh is named `default`", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/model/resource.go DefaultMesh = "default"
    expect(DEFAULT_MESH_NAME).toBe("default");
  });
});

describe("loggingIssues (mesh_validator.go validateLogging)", () => {
  it("no logging, or valid backends: no issue", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/mesh_validator.go validateLogging
    expect(loggingIssues(undefined)).toEqual([]);
    expect(issues({ defaultBackend: "f", backends: [{ name: "f", type: "file", conf: { path: "/tmp/a" } }, { name: "t", type: "tcp", conf: { address: "127.0.0.1:5000" } }] })).toEqual([]);
  });
  it("an empty name, an unknown or missing type", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/mesh_validator.go validateLoggingBackend
    expect(issues({ backends: [{ type: "file", conf: { path: "/a" } }, { name: "x", type: "syslog" }, { name: "y" }] })).toEqual([
      "logging.backends.0.name: cannot be empty",
      'logging.backends.1.type: unknown backend type. Available backends: "tcp", "file"',
      'logging.backends.2.type: unknown backend type. Available backends: "tcp", "file"',
    ]);
  });
  it("file: the path cannot be empty", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/mesh_validator.go validateLoggingFile
    expect(issues({ backends: [{ name: "f", type: "file" }, { name: "g", type: "file", conf: { path: "" } }] })).toEqual([
      "logging.backends.0.conf.path: cannot be empty",
      "logging.backends.1.conf.path: cannot be empty",
    ]);
  });
  it("tcp: the address cannot be empty and must split into a non-empty host and port (Go net.SplitHostPort)", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/mesh_validator.go validateLoggingTcp; golang/go@go1.24.0 src/net/ipsock.go SplitHostPort
    const tcp = (address: string) => issues({ backends: [{ name: "t", type: "tcp", conf: { address } }] });
    expect(tcp("")).toEqual(["logging.backends.0.conf.address: cannot be empty"]);
    for (const bad of ["logstash", "logstash:", ":5000", "::1:5000", "[::1]", "[::1]5000", "[::1]:", "a]:80", "a[b:80"])
      expect(tcp(bad), bad).toEqual(["logging.backends.0.conf.address: has to be in format of HOST:PORT"]);
    for (const good of ["logstash:5000", "10.0.0.1:5000", "[::1]:5000", "[fd00::1]:http"]) expect(tcp(good), good).toEqual([]);
  });
  it("a name used twice; a defaultBackend that names no backend", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/mesh_validator.go validateLogging (usedNames, defaultBackend)
    expect(issues({ defaultBackend: "nope", backends: [{ name: "f", type: "file", conf: { path: "/a" } }, { name: "f", type: "file", conf: { path: "/b" } }] })).toEqual([
      'logging.backends.1.name: "f" name is already used for another backend',
      "logging.defaultBackend: has to be set to one of the logging backend in mesh",
    ]);
  });
  it("two unnamed backends: both empty names, and the second is a duplicate", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/mesh_validator.go validateLogging (usedNames[""] counts too)
    expect(issues({ backends: [{ type: "file", conf: { path: "/a" } }, { type: "file", conf: { path: "/b" } }] })).toEqual([
      "logging.backends.0.name: cannot be empty",
      "logging.backends.1.name: cannot be empty",
      'logging.backends.1.name: "" name is already used for another backend',
    ]);
  });
});

describe("MeshSpecSchema", () => {
  it("reports the logging issues as schema issues at their paths", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/mesh_validator.go validateLogging
    const r = MeshSpecSchema.safeParse({ logging: { backends: [{ name: "t", type: "tcp", conf: { address: "nohost" } }] } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["logging.backends.0.conf.address", "has to be in format of HOST:PORT"]]);
  });
  it("rejects an unknown meshServices mode and an mTLS mode outside the enum; accepts unmodelled Mesh fields", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/mesh.proto MeshServices.Mode, CertificateAuthorityBackend.Mode
    expect(MeshSpecSchema.safeParse({ meshServices: { mode: "Sometimes" } }).success).toBe(false);
    expect(MeshSpecSchema.safeParse({ mtls: { enabledBackend: "a", backends: [{ name: "a", mode: "LOOSE" }] } }).success).toBe(false);
    expect(MeshSpecSchema.safeParse({ tracing: { backends: [] }, metrics: {}, constraints: {} }).success).toBe(true);
  });
});
