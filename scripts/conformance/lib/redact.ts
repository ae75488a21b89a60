/**
 * The redaction Kuma's universal e2e envoyconfig tests apply to `kumactl inspect dataplane --type config`
 * output before comparing it with their `*.golden.json` (kuma `test/e2e_env/universal/envoyconfig/
 * envoyconfig.go`: redactIPs, redactStatPrefixes, redactDnsLookupFamily; redactKumaDynamicConfig drops a
 * listener meshsim never generates). meshsim's output goes through the same text transformation, with
 * the same RE2 patterns (re2js has Go regexp semantics), so the comparison stays strict everywhere the
 * golden kept a value, and compares the placeholder where Kuma's test replaced one.
 */
import { RE2JS } from "re2js";

const IPV6 =
  "\\[?" +
  "(" +
  "([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|" +
  "([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|" +
  "([0-9a-fA-F]{1,4}:){1,7}:|" +
  "([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|" +
  "([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|" +
  "([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|" +
  "([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|" +
  "[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|" +
  ":((:[0-9a-fA-F]{1,4}){1,7}|:)|" +
  "fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]+|" +
  "::(ffff(:0{1,4})?:)?((25[0-5]|(2[0-4]|1?[0-9])?[0-9])\\.){3}" +
  "(25[0-5]|(2[0-4]|1?[0-9])?[0-9])|" +
  "([0-9a-fA-F]{1,4}:){1,4}:((25[0-5]|(2[0-4]|1?[0-9])?[0-9])\\.){3}" +
  "(25[0-5]|(2[0-4]|1?[0-9])?[0-9])" +
  ")" +
  "]?";
const IPV4 = "\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b";

const ipRegex = RE2JS.compile(`${IPV4}|${IPV6}`);
const statPrefixRegex = RE2JS.compile('"statPrefix":[[:space:]]*"[^"]*"');
const dnsLookupRegex = RE2JS.compile(',[[:space:]]*"dnsLookupFamily":[[:space:]]*"[^"]*"');

/** Applies Kuma's e2e redaction to a JSON text, in Kuma's order (IPs, then stat prefixes, then DNS family). */
export function redactE2eJson(json: string): string {
  const ips = ipRegex.matcher(json).replaceAll("IP_REDACTED");
  const stats = statPrefixRegex.matcher(ips).replaceAll('"statPrefix": "STAT_PREFIX_REDACTED"');
  return dnsLookupRegex.matcher(stats).replaceAll("");
}

/** Redacts a JSON value by serialising it, redacting the text and parsing it back. */
export function redactE2eValue<T>(value: T): T {
  return JSON.parse(redactE2eJson(JSON.stringify(value))) as T;
}
