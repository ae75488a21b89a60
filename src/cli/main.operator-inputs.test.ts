/**
 * The CLI reads resource files as operators have them (issue #13 point 3): `kumactl get … -o yaml` and `-o json`
 * list output (items, next, total; kri, creationTime, modificationTime on each item) and `kubectl get … -o json`
 * (one `kind: List`), from files and from stdin, with problems located inside the list's items. Shapes from
 * kumahq/kuma@v2.14.3 app/kumactl/cmd/get/testdata/list/get-dataplanes.golden.{json,yaml} and kubernetes/apimachinery
 * pkg/apis/meta/v1/types.go List; line and column counted by hand in the text below.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "meshsim-cli-lists-"));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const meshsim = (args: string[], stdin = "") => {
  const r = spawnSync(process.execPath, ["bin/meshsim.mjs", ...args], { input: stdin, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const kumactlYaml = (port: string) => `items:
- creationTime: "2026-01-05T10:00:00Z"
  kri: kri_m____default_
  modificationTime: "2026-01-05T10:00:00Z"
  name: default
  type: Mesh
- creationTime: "2026-01-05T10:00:00Z"
  kri: kri_dp_default___web-01_
  mesh: default
  modificationTime: "2026-01-05T10:00:00Z"
  name: web-01
  networking:
    address: 10.0.0.5
    inbound:
    - port: ${port}
      tags:
        kuma.io/service: web
    transparentProxying:
      redirectPortInbound: 15006
      redirectPortOutbound: 15001
  type: Dataplane
next: null
total: 2
`;

const kubectlList = JSON.stringify(
  {
    apiVersion: "v1",
    items: [
      {
        apiVersion: "kuma.io/v1alpha1",
        kind: "Dataplane",
        mesh: "default",
        metadata: { creationTimestamp: "2026-01-05T10:00:00Z", labels: { "kuma.io/mesh": "default" }, name: "web-01", namespace: "shop", resourceVersion: "4711", uid: "6f1c5e0e-1b7a-4d57-9e54-0c5f4b8f2a10" },
        spec: { networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web_shop_svc_80" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 } } },
      },
    ],
    kind: "List",
    metadata: { resourceVersion: "" },
  },
  null,
  4,
);

describe("resource files as kumactl and kubectl print them", { timeout: 60_000 }, () => {
  it("a kumactl YAML list: validate counts its items; simulate runs from it", () => {
    const file = write("dataplanes.yaml", kumactlYaml("8080"));
    const v = meshsim(["validate", file, "--kuma-version", "2.14"]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout.split("\n")[0]).toBe("valid: Kuma 2.14.3; resources: Dataplane 1, Mesh 1");
    const s = meshsim(["simulate", "-f", file, "--to", "http://example.com", "--ip", "93.184.216.34", "--kuma-version", "2.14", "-o", "json"]);
    expect(s.code, s.stderr).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ dataplane: "web-01", verdict: "passthrough" });
  });

  it("a problem in a list item points at its file:line:column, through items[i]", () => {
    const file = write("bad-dataplanes.yaml", kumactlYaml("eighty"));
    const r = meshsim(["validate", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${file}:15:13: items[1].networking.inbound[0].port: must be a number, not the string "eighty"\n`);
  });

  it("kubectl's kind: List on stdin: the Dataplane's name and namespace come from its metadata", () => {
    const r = meshsim(["simulate", "-f", "-", "--to", "http://example.com", "--ip", "93.184.216.34", "--kuma-version", "2.14", "-o", "json"], kubectlList);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: "passthrough" });
    const v = meshsim(["validate", "-"], kubectlList);
    expect(v.stdout.split("\n")[0]).toBe("valid: Kuma 2.14.3; resources: Dataplane 1");
  });
});
