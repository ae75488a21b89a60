/**
 * The govalidator checks of MeshAccessLog's admission, against govalidator's own tables (asaskevich/govalidator@a9d515a09cc2
 * validator_test.go TestIsURL and TestFilePath, the version kuma `go.mod` pins @ v2.14.3), typed from that file.
 */
import { describe, expect, it } from "vitest";
import { goUrlParse, isFilePath, isJSON, isURL } from "./govalidator.js";

describe("isURL (govalidator TestIsURL)", () => {
  const rows: readonly (readonly [string, boolean])[] = [
    ["", false],
    ["http://foo.bar#com", true],
    ["http://foobar.com", true],
    ["https://foobar.com", true],
    ["foobar.com", true],
    ["http://foobar.coffee/", true],
    ["http://foobar.中文网/", true],
    ["http://foobar.org/", true],
    ["http://foobar.ORG", true],
    ["http://foobar.org:8080/", true],
    ["ftp://foobar.ru/", true],
    ["ftp.foo.bar", true],
    ["http://user:pass@www.foobar.com/", true],
    ["http://user:pass@www.foobar.com/path/file", true],
    ["http://127.0.0.1/", true],
    ["http://duckduckgo.com/?q=%2F", true],
    ["http://localhost:3000/", true],
    ["http://foobar.com/?foo=bar#baz=qux", true],
    ["http://foobar.com?foo=bar", true],
    ["http://www.xn--froschgrn-x9a.net/", true],
    ["http://foobar.com/a-", true],
    ["http://foobar.پاکستان/", true],
    ["http://foobar.c_o_m", false],
    ["http://_foobar.com", false],
    ["http://foo_bar.com", true],
    ["http://user:pass@foo_bar_bar.bar_foo.com", true],
    ["", false],
    ["xyz://foobar.com", false],
    [".com", false],
    ["rtmp://foobar.com", false],
    ["http://localhost:3000/", true],
    ["http://foobar.com#baz=qux", true],
    ["http://foobar.com/t$-_.+!*\\'(),", true],
    ["http://www.foobar.com/~foobar", true],
    ["http://www.-foobar.com/", false],
    ["http://www.foo---bar.com/", false],
    ["http://r6---snnvoxuioq6.googlevideo.com", true],
    ["mailto:someone@example.com", true],
    ["irc://irc.server.org/channel", false],
    ["irc://#channel@network", true],
    ["/abs/test/dir", false],
    ["./rel/test/dir", false],
    ["http://foo^bar.org", false],
    ["http://foo&*bar.org", false],
    ["http://foo&bar.org", false],
    ["http://foo bar.org", false],
    ["http://foo.bar.org", true],
    ["http://www.foo.bar.org", true],
    ["http://www.foo.co.uk", true],
    ["foo", false],
    ["http://.foo.com", false],
    ["http://,foo.com", false],
    [",foo.com", false],
    ["http://myservice.:9093/", true],
    ["https://pbs.twimg.com/profile_images/560826135676588032/j8fWrmYY_normal.jpeg", true],
    ["http://prometheus-alertmanager.service.q:9093", true],
    ["aio1_alertmanager_container-63376c45:9093", true],
    ["https://www.logn-123-123.url.with.sigle.letter.d:12345/url/path/foo?bar=zzz#user", true],
    ["http://me.example.com", true],
    ["http://www.me.example.com", true],
    ["https://farm6.static.flickr.com", true],
    ["https://zh.wikipedia.org/wiki/Wikipedia:%E9%A6%96%E9%A1%B5", true],
    ["google", false],
    ["http://hyphenated-host-name.example.co.in", true],
    ["http://cant-end-with-hyphen-.example.com", false],
    ["http://-cant-start-with-hyphen.example.com", false],
    ["http://www.domain-can-have-dashes.com", true],
    ["http://m.abcd.com/test.html", true],
    ["http://m.abcd.com/a/b/c/d/test.html?args=a&b=c", true],
    ["http://[::1]:9093", true],
    ["http://[::1]:909388", false],
    ["1200::AB00:1234::2552:7777:1313", false],
    ["http://[2001:db8:a0b:12f0::1]/index.html", true],
    ["http://[1200:0000:AB00:1234:0000:2552:7777:1313]", true],
    ["http://user:pass@[::1]:9093/a/b/c/?a=v#abc", true],
    ["https://127.0.0.1/a/b/c?a=v&c=11d", true],
    ["https://foo_bar.example.com", true],
    ["http://foo_bar.example.com", true],
    ["http://foo_bar_fizz_buzz.example.com", true],
    ["http://_cant_start_with_underescore", false],
    ["http://cant_end_with_underescore_", false],
    ["foo_bar.example.com", true],
    ["foo_bar_fizz_buzz.example.com", true],
    ["http://hello_world.example.com", true],
    ["foo_bar-fizz-buzz:1313", true],
    ["foo_bar-fizz-buzz:13:13", false],
    ["foo_bar-fizz-buzz://1313", false],
  ];
  for (const [s, want] of rows) it(`${JSON.stringify(s)} → ${want}`, () => expect(isURL(s)).toBe(want));
  it("a MeshAccessLog TCP backend address: host:port or a host name with a dot; not a bare word", () => {
    expect(isURL("127.0.0.1:5000")).toBe(true);
    expect(isURL("logging.backend")).toBe(true);
    expect(isURL("collector")).toBe(false);
  });
  it("a long input is refused by its length, a near miss without backtracking", () => {
    expect(isURL(`${"a-".repeat(1100)}.com`)).toBe(false);
    expect(isURL(`${"a1-".repeat(600)}!`)).toBe(false);
  });
});

describe("goUrlParse (net/url.Parse, the parts IsURL reads)", () => {
  it("host and path; errors on a bad port, a colon in the first segment, bad escapes and control characters", () => {
    expect(goUrlParse("http://foo.bar:80/x")).toEqual({ host: "foo.bar:80", path: "/x" });
    expect(goUrlParse("foo.bar")).toEqual({ host: "", path: "foo.bar" });
    expect(goUrlParse("http://foo:bar")).toBeUndefined();
    expect(goUrlParse("a:b/c")).toEqual({ host: "", path: "" });
    expect(goUrlParse("1a:b")).toBeUndefined();
    expect(goUrlParse("http://x/%zz")).toBeUndefined();
    expect(goUrlParse("http://x/\u0001")).toBeUndefined();
  });
});

describe("isFilePath (govalidator TestFilePath)", () => {
  const rows: readonly (readonly [string, boolean])[] = [
    [`c:\\${"a".repeat(32767)}`, true],
    [`c:\\${"a".repeat(32768)}`, false],
    ["c:\\path\\file (x86)\bar", true],
    ["c:\\path\\file", true],
    ["c:\\path\\file:exe", false],
    ["C:\\", true],
    ["c:\\path\\file\\", true],
    ["c:/path/file/", false],
    ["/path/file/", true],
    ["/path/file:SAMPLE/", true],
    ["/path/file:/.txt", true],
    ["/path", true],
    ["/path/__bc/file.txt", true],
    ["/_path/file.txt", true],
    ["/__path/--file.txt", true],
    ["/path/a bc", true],
  ];
  for (const [s, want] of rows) it(`${JSON.stringify(s.slice(0, 40))} → ${want}`, () => expect(isFilePath(s)).toBe(want));
  it("a relative path is not a file path (Kuma: \"file backend requires a valid path\")", () => expect(isFilePath("tmp/log")).toBe(false));
});

describe("isJSON (json.Unmarshal into a RawMessage)", () => {
  it("the `{\"key\": \"value\"}` MeshAccessLog builds from a JSON format entry", () => {
    expect(isJSON('{"protocol": "%PROTOCOL%"}')).toBe(true);
    expect(isJSON('{"a"b": "c"}')).toBe(false);
    expect(isJSON('{"a": "c\\"}')).toBe(false);
  });
});
