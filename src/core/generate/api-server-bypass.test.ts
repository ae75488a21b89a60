/**
 * The Kubernetes API-server bypass ResourceSet hook. Expected resources are typed by hand from Kuma's goldens
 * `pkg/plugins/bootstrap/k8s/xds/hooks/testdata/api-server-bypass{,-unified-naming}.yaml` (v2.14.3, and 2.5.0 for
 * the older connect timeout); nothing is copied or loaded.
 */
import { describe, expect, it } from "vitest";
import { features } from "../model/versions.js";
import type { ResourceSet } from "../xds/resource-set.js";
import { addApiServerBypass } from "./api-server-bypass.js";

const API = { address: "1.1.1.1", port: 9090 };

describe("addApiServerBypass", () => {
  it("legacy names: a non-binding original-dst listener on the API server and an ORIGINAL_DST cluster", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/bootstrap/k8s/xds/hooks/testdata/api-server-bypass.yaml
    const rs = addApiServerBypass([], API, "legacy", features("2.14"));
    const name = "plugins:bootstrap:k8s:hooks:apiServerBypass";
    expect(rs).toEqual([
      {
        type: "listener",
        name,
        origin: "apiServerBypass",
        value: {
          name,
          address: { socketAddress: { address: "1.1.1.1", portValue: 9090 } },
          bindToPort: false,
          filterChains: [
            {
              filters: [
                {
                  name: "envoy.filters.network.tcp_proxy",
                  typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", cluster: name, statPrefix: "plugins_bootstrap_k8s_hooks_apiServerBypass" },
                },
              ],
            },
          ],
          trafficDirection: "OUTBOUND",
          useOriginalDst: true,
        },
      },
      {
        type: "cluster",
        name,
        origin: "apiServerBypass",
        value: { name, type: "ORIGINAL_DST", lbPolicy: "CLUSTER_PROVIDED", connectTimeout: "5s", altStatName: "plugins_bootstrap_k8s_hooks_apiServerBypass" },
      },
    ]);
  });
  it("unified names: system_kube_api_server_bypass, no altStatName (the name needs no sanitising)", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/bootstrap/k8s/xds/hooks/testdata/api-server-bypass-unified-naming.yaml
    const rs = addApiServerBypass([], API, "unified", features("2.14"));
    expect(rs.map((r) => `${r.type} ${r.name}`)).toEqual(["listener system_kube_api_server_bypass", "cluster system_kube_api_server_bypass"]);
    expect(rs[1]!.value).toEqual({ name: "system_kube_api_server_bypass", type: "ORIGINAL_DST", lbPolicy: "CLUSTER_PROVIDED", connectTimeout: "5s" });
    const filter = ((rs[0]!.value["filterChains"] as { filters: { typedConfig: Record<string, unknown> }[] }[])[0]!.filters[0]!).typedConfig;
    expect(filter).toMatchObject({ cluster: "system_kube_api_server_bypass", statPrefix: "system_kube_api_server_bypass" });
  });
  it("2.5: the cluster's connect timeout is 10s", () => {
    // kumahq/kuma@2.5.0 pkg/plugins/bootstrap/k8s/xds/hooks/testdata/api-server-bypass.yaml (connectTimeout: 10s)
    const rs = addApiServerBypass([], API, "legacy", features("2.5"));
    expect(rs.find((r) => r.type === "cluster")!.value["connectTimeout"]).toBe("10s");
  });
  it("adds to the set it is given without changing it, and replaces a resource of the same name", () => {
    // kumahq/kuma@v2.14.3 pkg/core/xds/resource.go ResourceSet.Add (keyed by type and name: a second Add replaces)
    const existing: ResourceSet = [
      { type: "cluster", name: "other", origin: "outbound", value: { name: "other" } },
      { type: "cluster", name: "plugins:bootstrap:k8s:hooks:apiServerBypass", origin: "stale", value: { name: "stale" } },
    ];
    const before = structuredClone(existing);
    const rs = addApiServerBypass(existing, API, "legacy", features("2.14"));
    expect(existing).toEqual(before);
    expect(rs.map((r) => `${r.type} ${r.name} ${r.origin}`)).toEqual([
      "cluster other outbound",
      "cluster plugins:bootstrap:k8s:hooks:apiServerBypass apiServerBypass",
      "listener plugins:bootstrap:k8s:hooks:apiServerBypass apiServerBypass",
    ]);
  });
  it("an IPv6 API server address is written as given", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/bootstrap/k8s/xds/hooks/api_server_bypass.go NewOutboundListenerBuilder(h.Address, h.Port)
    const rs = addApiServerBypass([], { address: "fd00::1", port: 443 }, "legacy", features("2.14"));
    expect(rs[0]!.value["address"]).toEqual({ socketAddress: { address: "fd00::1", portValue: 443 } });
  });
});
