/**
 * envoy.extensions.transport_sockets.tls.v3 (tls.proto, common.proto, secret.proto):
 * UpstreamTlsContext, DownstreamTlsContext, CommonTlsContext, TlsParameters and what they refer to.
 * PrivateKeyProvider, TlsSessionTicketKeys, TlsKeyLog are opaque.
 */
import { enm, msg, type RawEnum, type RawMessage } from "./types.js";

const T = "envoy.extensions.transport_sockets.tls.v3";
const CORE = "envoy.config.core.v3";
const W = "google.protobuf";

export const TLS_ENUMS: readonly RawEnum[] = [
  // common.proto
  enm(`${T}.TlsParameters.TlsProtocol`, ["TLS_AUTO", "TLSv1_0", "TLSv1_1", "TLSv1_2", "TLSv1_3"]),
  enm(`${T}.TlsParameters.CompliancePolicy`, ["FIPS_202205"]),
  enm(`${T}.CertificateValidationContext.TrustChainVerification`, ["VERIFY_TRUST_CHAIN", "ACCEPT_UNTRUSTED"]),
  enm(`${T}.SubjectAltNameMatcher.SanType`, ["SAN_TYPE_UNSPECIFIED", "EMAIL", "DNS", "URI", "IP_ADDRESS", "OTHER_NAME"]),
  // tls.proto
  enm(`${T}.DownstreamTlsContext.OcspStaplePolicy`, ["LENIENT_STAPLING", "STRICT_STAPLING", "MUST_STAPLE"]),
];

export const TLS_MESSAGES: readonly RawMessage[] = [
  // envoy/extensions/transport_sockets/tls/v3/tls.proto
  msg(`${T}.UpstreamTlsContext`, {
    common_tls_context: `${T}.CommonTlsContext`,
    sni: "string",
    auto_host_sni: "bool",
    auto_sni_san_validation: "bool",
    allow_renegotiation: "bool",
    max_session_keys: `${W}.UInt32Value`,
    enforce_rsa_key_usage: `${W}.BoolValue`,
  }),
  msg(`${T}.DownstreamTlsContext`, {
    common_tls_context: `${T}.CommonTlsContext`,
    require_client_certificate: `${W}.BoolValue`,
    require_sni: `${W}.BoolValue`,
    session_ticket_keys: `${T}.TlsSessionTicketKeys | session_ticket_keys_type`,
    session_ticket_keys_sds_secret_config: `${T}.SdsSecretConfig | session_ticket_keys_type`,
    disable_stateless_session_resumption: "bool | session_ticket_keys_type",
    disable_stateful_session_resumption: "bool",
    session_timeout: `${W}.Duration`,
    ocsp_staple_policy: `enum:${T}.DownstreamTlsContext.OcspStaplePolicy`,
    full_scan_certs_on_sni_mismatch: `${W}.BoolValue`,
    prefer_client_ciphers: "bool",
  }),
  msg(`${T}.CommonTlsContext.CertificateProvider`, {
    name: "string",
    typed_config: `${CORE}.TypedExtensionConfig | config`,
  }),
  msg(`${T}.CommonTlsContext.CertificateProviderInstance`, {
    instance_name: "string",
    certificate_name: "string",
  }),
  msg(`${T}.CommonTlsContext.CombinedCertificateValidationContext`, {
    default_validation_context: `${T}.CertificateValidationContext`,
    validation_context_sds_secret_config: `${T}.SdsSecretConfig`,
    validation_context_certificate_provider: `${T}.CommonTlsContext.CertificateProvider`,
    validation_context_certificate_provider_instance: `${T}.CommonTlsContext.CertificateProviderInstance`,
  }),
  msg(`${T}.CommonTlsContext`, {
    tls_params: `${T}.TlsParameters`,
    tls_certificates: `[]${T}.TlsCertificate`,
    tls_certificate_sds_secret_configs: `[]${T}.SdsSecretConfig`,
    tls_certificate_provider_instance: `${T}.CertificateProviderPluginInstance`,
    custom_tls_certificate_selector: `${CORE}.TypedExtensionConfig`,
    tls_certificate_certificate_provider: `${T}.CommonTlsContext.CertificateProvider`,
    tls_certificate_certificate_provider_instance: `${T}.CommonTlsContext.CertificateProviderInstance`,
    validation_context: `${T}.CertificateValidationContext | validation_context_type`,
    validation_context_sds_secret_config: `${T}.SdsSecretConfig | validation_context_type`,
    combined_validation_context: `${T}.CommonTlsContext.CombinedCertificateValidationContext | validation_context_type`,
    validation_context_certificate_provider: `${T}.CommonTlsContext.CertificateProvider | validation_context_type`,
    validation_context_certificate_provider_instance: `${T}.CommonTlsContext.CertificateProviderInstance | validation_context_type`,
    alpn_protocols: "[]string",
    custom_handshaker: `${CORE}.TypedExtensionConfig`,
    key_log: `${T}.TlsKeyLog`,
  }),

  // envoy/extensions/transport_sockets/tls/v3/common.proto
  msg(`${T}.TlsParameters`, {
    tls_minimum_protocol_version: `enum:${T}.TlsParameters.TlsProtocol`,
    tls_maximum_protocol_version: `enum:${T}.TlsParameters.TlsProtocol`,
    cipher_suites: "[]string",
    ecdh_curves: "[]string",
    signature_algorithms: "[]string",
    compliance_policies: `[]enum:${T}.TlsParameters.CompliancePolicy`,
  }),
  msg(`${T}.TlsCertificate`, {
    certificate_chain: `${CORE}.DataSource`,
    private_key: `${CORE}.DataSource`,
    pkcs12: `${CORE}.DataSource`,
    watched_directory: `${CORE}.WatchedDirectory`,
    private_key_provider: `${T}.PrivateKeyProvider`,
    password: `${CORE}.DataSource`,
    ocsp_staple: `${CORE}.DataSource`,
    signed_certificate_timestamp: `[]${CORE}.DataSource`,
  }),
  msg(`${T}.CertificateProviderPluginInstance`, { instance_name: "string", certificate_name: "string" }),
  msg(`${T}.SubjectAltNameMatcher`, {
    san_type: `enum:${T}.SubjectAltNameMatcher.SanType`,
    matcher: "envoy.type.matcher.v3.StringMatcher",
    oid: "string",
  }),
  msg(`${T}.CertificateValidationContext`, {
    trusted_ca: `${CORE}.DataSource`,
    ca_certificate_provider_instance: `${T}.CertificateProviderPluginInstance`,
    system_root_certs: `${T}.CertificateValidationContext.SystemRootCerts`,
    watched_directory: `${CORE}.WatchedDirectory`,
    verify_certificate_spki: "[]string",
    verify_certificate_hash: "[]string",
    match_typed_subject_alt_names: `[]${T}.SubjectAltNameMatcher`,
    match_subject_alt_names: "[]envoy.type.matcher.v3.StringMatcher",
    require_signed_certificate_timestamp: `${W}.BoolValue`,
    crl: `${CORE}.DataSource`,
    allow_expired_certificate: "bool",
    trust_chain_verification: `enum:${T}.CertificateValidationContext.TrustChainVerification`,
    custom_validator_config: `${CORE}.TypedExtensionConfig`,
    only_verify_leaf_cert_crl: "bool",
    max_verify_depth: `${W}.UInt32Value`,
  }),

  // envoy/extensions/transport_sockets/tls/v3/secret.proto
  msg(`${T}.SdsSecretConfig`, { name: "string", sds_config: `${CORE}.ConfigSource` }),
];
