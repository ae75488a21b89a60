/**
 * Who opens an inbound connection to a dataplane, and what its first bytes look like to the sidecar: a plaintext
 * client outside the mesh, a client outside the mesh with its own TLS, or a sidecar of a mesh. The inbound walk
 * matches filter chains, TLS termination and RBAC against the resolved client.
 *
 * A mesh sidecar's upstream TLS offers ALPN `kuma` (kumahq/kuma@v2.14.3 pkg/xds/envoy/tls/tls.go KumaALPNProtocols)
 * and presents a certificate of its mesh's CA with URI SANs `spiffe://<mesh>/<service>` and `kuma://<tag>/<value>`
 * (kumahq/kuma@v2.14.3 pkg/core/ca/issuer/issuer.go newWorkloadTemplate); with mTLS off on its mesh it sets no
 * transport socket and talks plaintext (kumahq/kuma@v2.14.3 pkg/xds/envoy/clusters/v3/client_side_mtls_configurer.go).
 */
import * as z from "zod";
import { assertNever } from "../assert.js";
import { KUMA_ALPN, kumaTagSan, meshSpiffeId } from "../xds/names.js";
import type { Destination } from "./request.js";

/** The kinds of inbound client `request.client.kind` accepts. */
export const INBOUND_CLIENT_KINDS = ["plaintext", "tls", "mesh"] as const;
/** One of {@link INBOUND_CLIENT_KINDS}. */
export type InboundClientKind = (typeof INBOUND_CLIENT_KINDS)[number];

/** `request.client` for `direction: inbound`: who opens the connection to the dataplane. */
export const InboundClientSchema = z.strictObject({
  kind: z
    .enum(INBOUND_CLIENT_KINDS)
    .optional()
    .describe(
      "plaintext: a client outside the mesh without TLS; tls: a client outside the mesh with its own TLS (SNI/ALPN from request.to); mesh: a sidecar of the mesh (mTLS with ALPN kuma and a mesh certificate when the mesh has mTLS on). Default: tls for https/tls/grpcs URLs, else plaintext.",
    ),
  clientCertificate: z.boolean().optional().describe("kind tls: the client presents a certificate (one the mesh CA did not sign); default false."),
  mesh: z.string().max(253).optional().describe("kind mesh: the client's mesh; default the dataplane's."),
  service: z.string().max(253).optional().describe("kind mesh: the client's kuma.io/service, its SPIFFE ID is spiffe://<mesh>/<service>; default client."),
  tags: z.record(z.string().max(253), z.string().max(253)).optional().describe("kind mesh: the client's other tags (URI SANs kuma://<tag>/<value>)."),
});
/** A parsed `request.client`. */
export type InboundClient = z.infer<typeof InboundClientSchema>;

/** The client as the server sees it: its transport, TLS parameters, certificate and what it speaks inside. */
export interface ResolvedClient {
  readonly kind: InboundClientKind;
  readonly sendsTls: boolean;
  readonly sni: string | undefined;
  readonly alpn: readonly string[];
  readonly certificate: "none" | "foreign" | "mesh";
  readonly mesh: string | undefined;
  /** URI SANs of the client certificate (mesh clients). */
  readonly sans: readonly string[];
  /** Whether the bytes inside (after any TLS) are cleartext HTTP. */
  readonly speaksHttp: boolean;
  readonly describe: string;
}

const isTlsProtocol = (p: Destination["protocol"]) => p === "tls" || p === "https" || p === "grpcs";

/**
 * Resolves `client` calling `destination` on a dataplane of mesh `dpMesh`, whose mesh has mTLS on when
 * `meshMtlsOn`. Without a kind, a TLS URL (tls, https, grpcs) means a client with its own TLS, else plaintext.
 */
export function resolveClient(client: InboundClient | undefined, destination: Destination, dpMesh: string, meshMtlsOn: boolean): ResolvedClient {
  const d = destination;
  const kind: InboundClientKind = client?.kind ?? (isTlsProtocol(d.protocol) ? "tls" : "plaintext");
  switch (kind) {
    case "plaintext":
      return { kind, sendsTls: false, sni: undefined, alpn: [], certificate: "none", mesh: undefined, sans: [], speaksHttp: d.protocol === "http" || d.protocol === "grpc", describe: `a plaintext client outside the mesh (${d.protocol})` };
    case "tls": {
      const cert = client?.clientCertificate ? "foreign" : "none";
      return {
        kind,
        sendsTls: true,
        sni: d.sni,
        alpn: d.alpn,
        certificate: cert,
        mesh: undefined,
        sans: [],
        speaksHttp: false,
        describe: `a client outside the mesh with its own TLS (SNI ${d.sni ?? "none"}, ALPN ${d.alpn.length > 0 ? d.alpn.join(",") : "none"}${cert === "foreign" ? ", a certificate the mesh CA did not sign" : ", no client certificate"})`,
      };
    }
    case "mesh": {
      const mesh = client?.mesh ?? dpMesh;
      const service = client?.service ?? "client";
      // A sidecar originates mTLS when its own mesh has mTLS on; for a client of another mesh meshsim assumes it does.
      const mtls = mesh === dpMesh ? meshMtlsOn : true;
      const sans = [meshSpiffeId(mesh, service), ...Object.entries(client?.tags ?? {}).map(([k, v]) => kumaTagSan(k, v))];
      return {
        kind,
        sendsTls: mtls,
        sni: undefined,
        alpn: mtls ? [KUMA_ALPN] : [],
        certificate: mtls ? "mesh" : "none",
        mesh,
        sans: mtls ? sans : [],
        speaksHttp: d.protocol === "http" || d.protocol === "grpc",
        describe: mtls
          ? `a sidecar of mesh ${mesh} (${sans[0]}): mTLS with ALPN ${KUMA_ALPN} and a certificate from mesh ${mesh}'s CA`
          : `a sidecar of mesh ${mesh}, which has mTLS off: Kuma sidecars then talk plaintext (${d.protocol})`,
      };
    }
    default:
      return assertNever(kind, "client kind");
  }
}
