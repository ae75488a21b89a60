/**
 * The govalidator checks MeshAccessLog's admission uses (kuma `pkg/plugins/policies/meshaccesslog/api/v1alpha1/
 * validator.go` @ v2.14.3): `IsFilePath`, `IsURL` and `IsJSON` of github.com/asaskevich/govalidator
 * v0.0.0-20230301143203-a9d515a09cc2 (the version kuma `go.mod` pins @ v2.14.3; validator.go, patterns.go), with the
 * part of Go's `net/url.Parse` IsURL depends on. The URL pattern runs on RE2 (re2js), as Go runs it, so a long input
 * cannot make it backtrack.
 */
import { RE2JS } from "re2js";
import { goJsonSyntaxError } from "./json.js";

// patterns.go @ a9d515a09cc2
const IP =
  "(([0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:)|fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|::(ffff(:0{1,4}){0,1}:){0,1}((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])|([0-9a-fA-F]{1,4}:){1,4}:((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9]))";
const URL_SCHEMA = "((ftp|tcp|udp|wss?|https?):\\/\\/)";
const URL_USERNAME = "(\\S+(:\\S*)?@)";
const URL_PATH = "((\\/|\\?|#)[^\\s]*)";
const URL_PORT = "(:(\\d{1,5}))";
const URL_IP = "([1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3]|24\\d|25[0-5])(\\.(\\d{1,2}|1\\d\\d|2[0-4]\\d|25[0-5])){2}(?:\\.([0-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-5]))";
const URL_SUBDOMAIN = "((www\\.)|([a-zA-Z0-9]+([-_\\.]?[a-zA-Z0-9])*[a-zA-Z0-9]\\.[a-zA-Z0-9]+))";
const URL =
  "^" +
  URL_SCHEMA +
  "?" +
  URL_USERNAME +
  "?" +
  "((" +
  URL_IP +
  "|(\\[" +
  IP +
  "\\])|(([a-zA-Z0-9]([a-zA-Z0-9-_]+)?[a-zA-Z0-9]([-\\.][a-zA-Z0-9]+)*)|(" +
  URL_SUBDOMAIN +
  "?))?(([a-zA-Z\\x{00a1}-\\x{ffff}0-9]+-?-?)*[a-zA-Z\\x{00a1}-\\x{ffff}0-9]+)(?:\\.([a-zA-Z\\x{00a1}-\\x{ffff}]{1,}))?))\\.?" +
  URL_PORT +
  "?" +
  URL_PATH +
  "?$";
const WIN_PATH = /^[a-zA-Z]:\\(?:[^\\/:*?"<>|\r\n]+\\)*[^\\/:*?"<>|\r\n]*$/;
const UNIX_PATH = /^(\/[^/\x00]*)+\/?$/;

let rxUrl: RE2JS | undefined;
const urlPattern = (): RE2JS => (rxUrl ??= RE2JS.compile(URL));

const MAX_URL_RUNE_COUNT = 2083;
const MIN_URL_RUNE_COUNT = 3;

/** Go `url.Parse`'s view of a URL, as far as IsURL reads it. */
interface GoUrl {
  readonly host: string;
  readonly path: string;
}

const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);

/** Go `url.shouldEscape` for the host mode: whether a byte below 0x80 may not appear unescaped in a host. */
function hostByteNeedsEscape(c: string): boolean {
  if (/^[a-zA-Z0-9]$/.test(c)) return false;
  return !"-_.~!$&'()*+,;=:[]<>\"".includes(c);
}

/** Go `url.unescape`: whether `s` unescapes without error in host mode (`host`) or path mode. */
function unescapes(s: string, host: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "%") {
      if (i + 2 >= s.length || !isHex(s[i + 1]!) || !isHex(s[i + 2]!)) return false;
      i += 2;
    } else if (host && c.charCodeAt(0) < 0x80 && hostByteNeedsEscape(c)) return false;
  }
  return true;
}

/** Go `url.validOptionalPort`. */
function validOptionalPort(port: string): boolean {
  if (port === "") return true;
  if (port[0] !== ":") return false;
  return /^[0-9]*$/.test(port.slice(1));
}

/** Go `url.parseHost`: whether the host part parses. */
function parseHost(host: string): boolean {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) return false;
    if (!validOptionalPort(host.slice(i + 1))) return false;
  } else {
    const i = host.lastIndexOf(":");
    if (i >= 0 && !validOptionalPort(host.slice(i))) return false;
  }
  return unescapes(host, true);
}

/** Go `url.getScheme`: the scheme and the rest, or an error. */
function getScheme(raw: string): { scheme: string; rest: string } | undefined {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: "", rest: raw };
      continue;
    }
    if (c === ":") {
      if (i === 0) return undefined; // missing protocol scheme
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: "", rest: raw };
  }
  return { scheme: "", rest: raw };
}

/** Go `url.Parse` (net/url/url.go, Go 1.24) reduced to what decides success and the host and path. */
export function goUrlParse(raw: string): GoUrl | undefined {
  const hash = raw.indexOf("#");
  const u = hash < 0 ? raw : raw.slice(0, hash);
  if (hash >= 0 && !unescapes(raw.slice(hash + 1), false)) return undefined;
  // stringContainsCTLByte
  if ([...u].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return undefined;
  if (u === "*") return { host: "", path: "*" };
  const sc = getScheme(u);
  if (!sc) return undefined;
  let rest = sc.rest;
  if (rest.endsWith("?") && rest.split("?").length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf("?");
    if (q >= 0) rest = rest.slice(0, q);
  }
  if (!rest.startsWith("/")) {
    if (sc.scheme !== "") return { host: "", path: "" }; // opaque
    const segment = rest.split("/")[0]!;
    if (segment.includes(":")) return undefined; // first path segment in URL cannot contain colon
  }
  let host = "";
  if ((sc.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    const after = rest.slice(2);
    const slash = after.indexOf("/");
    const authority = slash < 0 ? after : after.slice(0, slash);
    rest = slash < 0 ? "" : after.slice(slash);
    const at = authority.lastIndexOf("@");
    host = at < 0 ? authority : authority.slice(at + 1);
    if (!parseHost(host)) return undefined;
  }
  if (!unescapes(rest, false)) return undefined;
  return { host, path: rest };
}

/** govalidator `IsURL` (validator.go @ a9d515a09cc2). */
export function isURL(str: string): boolean {
  if (str === "" || [...str].length >= MAX_URL_RUNE_COUNT || new TextEncoder().encode(str).length <= MIN_URL_RUNE_COUNT || str.startsWith(".")) return false;
  const temp = str.includes(":") && !str.includes("://") ? `http://${str}` : str;
  const u = goUrlParse(temp);
  if (!u) return false;
  if (u.host.startsWith(".")) return false;
  if (u.host === "" && u.path !== "" && !u.path.includes(".")) return false;
  return urlPattern().matches(str);
}

/** govalidator `IsFilePath`: a Windows or Unix absolute path (validator.go @ a9d515a09cc2). */
export function isFilePath(str: string): boolean {
  if (WIN_PATH.test(str)) return new TextEncoder().encode(str).length - 3 <= 32767;
  return UNIX_PATH.test(str);
}

/** govalidator `IsJSON`: `json.Unmarshal` into a RawMessage succeeds (one JSON value). */
export function isJSON(str: string): boolean {
  return goJsonSyntaxError(str) === undefined;
}
