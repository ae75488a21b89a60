/**
 * Issue #7, in a real browser: the try-it page at GET / and the <meshsim-try> element embedded by a
 * docs site on another origin, against the Worker in workerd. Run with `npm run test:browser`.
 * Screenshots go to test-results/screenshots/ (git-ignored): look at them after a UI change.
 */
import { readFileSync } from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, newPage, openReadmePage, README_SCREENSHOT_TEXT, ROOT, screenshot, startDocsSite, startWorker, visibleText, type Chromium, type DocsSite, type Worker } from "./harness.js";

const WIDGET_SOURCE = readFileSync(`${ROOT}src/http/widget/widget.js`, "utf8");

const INBOUND_DATAPLANE = `type: Dataplane
mesh: default
name: web-01
networking:
  address: 10.0.0.5
  inbound: [{ port: 8080, tags: { kuma.io/service: web } }]
  transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 }
`;
const BLOCKING_MESH = `type: Mesh
name: default
networking:
  outbound:
    passthrough: false
`;

let worker: Worker;
let docs: DocsSite;
let chromium: Chromium;
const contexts: BrowserContext[] = [];
const pageProblems: Array<() => string[]> = [];

beforeAll(async () => {
  [worker, chromium] = await Promise.all([startWorker(), launchChromium()]);
  docs = await startDocsSite(worker.base);
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await docs?.stop();
  worker?.stop();
});

// Every page must run without a console error, an uncaught exception or a failed request: a CSP
// violation, a blocked cross-origin script (CORP) or a CORS failure all show up as one of those.
afterEach(async () => {
  const problems = pageProblems.splice(0).flatMap((p) => p());
  for (const c of contexts.splice(0)) await c.close();
  expect(problems).toEqual([]);
});

async function open(url: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; w: Locator }> {
  const context = await chromium.browser.newContext({ viewport });
  context.setDefaultTimeout(10_000); // each step takes well under a second: fail fast, not after 30 s
  contexts.push(context);
  const { page, problems } = await newPage(context);
  // Nothing but the Worker and the docs site: no CDN, no font service, nothing third-party at run time.
  const elsewhere: string[] = [];
  page.on("request", (r) => {
    if (![worker.base, docs.base].includes(new URL(r.url()).origin) && !r.url().startsWith("data:")) elsewhere.push(`request to ${r.url()}`);
  });
  pageProblems.push(() => [...problems(), ...elsewhere]);
  await page.goto(url);
  return { page, w: page.locator("meshsim-try") };
}

/** The element focused inside the widget (through its shadow root): its id, value or text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a && a !== document.body ? a.id || a.getAttribute("value") || a.textContent.trim() : "";
  })()`);
}

/** The text a reader sees (innerText: blocks separated, collapsed <details> left out), whitespace collapsed. */
async function text(l: Locator): Promise<string> {
  return (await l.innerText()).replace(/\s+/g, " ").trim();
}

/** The DOM text (a badge's CSS upper-cases what innerText returns; screen readers get this). */
async function raw(l: Locator): Promise<string> {
  return ((await l.textContent()) ?? "").trim();
}

/** Widths that overflow: the page, or the widget's form or result (a grid that grew past its column). */
function overflow(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const root = document.querySelector("meshsim-try").shadowRoot;
    const out = [];
    if (document.documentElement.scrollWidth > innerWidth) out.push("page " + document.documentElement.scrollWidth);
    for (const el of root.querySelectorAll("form, section.result")) if (el.scrollWidth > el.clientWidth) out.push(el.tagName + " " + el.scrollWidth + " > " + el.clientWidth);
    return out;
  })()`);
}

/** Waits for the version list from GET /v1/versions (it fills the select after load). */
async function versionsLoaded(w: Locator): Promise<void> {
  await w.locator('#version option[value="2.5"]').waitFor({ state: "attached" });
}

/** The default example's result: what issue #7 says a first click must show. */
async function expectDocsExampleResult(w: Locator): Promise<void> {
  // The page runs the example on load (autorun), so the badge may be the previous run's: wait for this run's announcement.
  await w.getByRole("status").filter({ hasText: /^Result below/ }).waitFor();
  await w.locator('.badge[data-verdict="passthrough"]').waitFor();
  expect(await text(w.getByRole("status"))).toBe("Result below: passthrough.");
  expect(await text(w.locator(".verdict"))).toMatch(/^PASSTHROUGH leaves the mesh through outbound:passthrough:ipv4/);
  expect(await text(w.locator("ol.path"))).toBe(
    "Listener: outbound:passthrough:ipv4 (0.0.0.0:15001) Filter chain: #0 Route: not reached Cluster: outbound:passthrough:ipv4 (ORIGINAL_DST)",
  );
  // The 2.14 trap: the circuit-breaker patch is ineffective, Envoy's defaults stay.
  expect(await text(w.locator('tr[data-limit="maxConnections"]'))).toBe("Max connections 1024 envoy-default");
  expect(await text(w.locator('tr[data-limit="maxRetries"]'))).toBe("Max retries 3 envoy-default");
  expect(await text(w.locator('tr[data-limit="connectTimeout"]'))).toBe("Connect timeout 99s (1m 39s) custom-mpp-1#1");
  expect(await text(w.locator('tr[data-limit="idleTimeout"]'))).toBe("Idle timeout 10800s (3h) custom-mpp-1#2");
  const ineffective = w.locator('li[data-source="custom-mpp-1#0"]');
  expect(await raw(ineffective.locator(".badge"))).toBe("ineffective");
  expect(await text(ineffective)).toContain("Envoy reads only the first threshold per priority");
  expect(await text(ineffective)).toContain("Matched: cluster outbound:passthrough:ipv4");
  expect(await raw(w.locator('li[data-source="custom-mpp-1#1"] .badge'))).toBe("applied");
  expect(await text(w.locator("ul.warnings"))).toContain("ineffective-modification");
}

describe("GET / and GET /widget.js over HTTP", () => {
  it("serve the page with its own CSP and the script cross-origin, cacheable", async () => {
    const page = await fetch(`${worker.base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/^default-src 'none'; script-src 'self'; style-src 'sha256-[A-Za-z0-9+/]+=*'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'/);
    expect(csp).not.toContain("unsafe");
    const html = await page.text();
    expect(html).toContain('<script src="/widget.js" defer></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script

    const js = await fetch(`${worker.base}/widget.js`, { headers: { origin: docs.base } });
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(js.headers.get("cache-control")).toBe("public, max-age=600");
    expect(js.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await js.text();
    expect(body).toBe(WIDGET_SOURCE); // served byte for byte
    const etag = js.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await fetch(`${worker.base}/widget.js`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);

    const gzip = gzipSync(body, { level: 9 }).length;
    const brotli = brotliCompressSync(body).length;
    console.log(`widget.js: ${body.length} B raw, ${gzip} B gzip -9, ${brotli} B brotli`);
    expect(gzip).toBeLessThan(14_000); // the budget: grow it on purpose, not by accident
  });
});

describe("the try-it page at GET /", () => {
  it("runs the docs example with the keyboard only, and announces and focuses the result", async () => {
    const { page, w } = await open(`${worker.base}/`);
    await versionsLoaded(w);
    // Accessible names as Chromium computes them (labels, legend, roles).
    const tree = await w.locator("form").ariaSnapshot();
    for (const line of ['textbox "Mesh snapshot (YAML)"', 'combobox "Kuma version"', 'textbox "Destination URL"', 'textbox "Destination IP (optional)"', 'textbox "Source Dataplane (optional)"', 'radio "Outbound" [checked]', 'radio "Inbound"', 'button "Simulate"']) {
      expect(tree).toContain(line);
    }
    expect(await w.getByLabel("Mesh snapshot (YAML)").inputValue()).toContain("name: custom-mpp-1");
    expect(await w.getByLabel("Kuma version").inputValue()).toBe("2.14");
    const versions = await w.locator("#version option").allTextContents();
    // Newest first: the 3.0 line leads the list, while the default stays the newest released minor, 2.14.
    expect(versions.slice(0, 2)).toEqual(["3.0", "2.14"]);
    expect(versions).toContain("2.5");
    expect(await w.getByLabel("Destination URL").inputValue()).toBe("http://example.com");
    expect(await w.getByLabel("Destination IP (optional)").inputValue()).toBe("93.184.216.34");

    const order: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      order.push(await focused(page));
    }
    // The "Compare with" release picker follows the version it compares against.
    expect(order).toEqual(["yaml", "version", "compare", "to", "ip", "from", "outbound", "Simulate"]);
    await page.keyboard.press("Enter");
    await expectDocsExampleResult(w);
    expect(await focused(page)).toBe("Result");
    expect(page.url()).toMatch(/#meshsim=z\.[A-Za-z0-9_-]+$/);

    // The config and the diff are collapsed until asked for.
    const diff = w.locator("details", { hasText: "Diff made by the patches" });
    expect(await diff.getAttribute("open")).toBeNull();
    await diff.locator("summary").focus();
    await page.keyboard.press("Enter");
    expect(await diff.getAttribute("open")).toBe("");
    expect(await text(diff.locator("summary"))).toBe("Diff made by the patches (3 RFC 6902 operations)");
    expect(await text(diff.locator("pre"))).toMatch(/"path": "\/clusters\/\d+\/connectTimeout"/);
    console.log(await screenshot(page, "page-docs-example-1280"));
  });

  it("is readable at 375px: no horizontal scrolling, result and errors", async () => {
    const { page, w } = await open(`${worker.base}/`, { width: 375, height: 812 });
    await versionsLoaded(w);
    await w.getByRole("button", { name: "Simulate" }).click();
    await expectDocsExampleResult(w);
    expect(await overflow(page)).toEqual([]);
    console.log(await screenshot(page, "phone-375-result"));

    await w.getByLabel("Mesh snapshot (YAML)").fill("a: [b");
    await w.getByRole("button", { name: "Simulate" }).click();
    await w.locator("#yaml-err:not([hidden])").waitFor();
    expect(await w.locator("section.result").isHidden()).toBe(true); // no stale result next to the errors
    expect(await overflow(page)).toEqual([]);
    await page.evaluate("window.scrollTo(0, 0)");
    console.log(await screenshot(page, "phone-375-yaml-error"));
  });
});

describe("the try-it page on load", () => {
  it("shows the example's result without a click, and the whole example snapshot", async () => {
    const { page, w } = await open(`${worker.base}/`);
    await expectDocsExampleResult(w); // nothing was clicked or pressed
    const yaml = w.getByLabel("Mesh snapshot (YAML)");
    // The whole example is in view: the Dataplane and, below it, the MeshProxyPatch the example is about.
    const box = await yaml.evaluate((t) => ({ scroll: t.scrollHeight, client: t.clientHeight }));
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    expect(await yaml.inputValue()).toContain("type: MeshProxyPatch");
    expect(page.url()).toMatch(/#meshsim=z\./);
  });

  it("keeps the fields of a row aligned at every width from 375 px up", async () => {
    for (const width of [375, 414, 540, 600, 700, 768, 900, 1024, 1280, 1600]) {
      const { page, w } = await open(`${worker.base}/`, { width, height: 900 });
      await w.locator('.badge[data-verdict="passthrough"]').waitFor();
      // Fields side by side (same top) must have their labels and controls on the same lines.
      const rows = await page.evaluate(`(() => {
        const root = document.querySelector("meshsim-try").shadowRoot;
        return [...root.querySelectorAll(".row > .field")].map((f) => {
          const c = f.querySelector("input, select, fieldset");
          const l = f.querySelector("label, legend");
          return { id: c.id || c.tagName, field: Math.round(f.getBoundingClientRect().top), label: Math.round(l.getBoundingClientRect().bottom), control: Math.round(c.getBoundingClientRect().top), height: Math.round(c.getBoundingClientRect().height) };
        });
      })()`) as { id: string; field: number; label: number; control: number; height: number }[];
      expect(rows.length, `${width}px`).toBeGreaterThanOrEqual(4);
      const lines = new Map<number, typeof rows>();
      for (const r of rows) {
        // Fields of one visual row start on the same line: group by the field's top (grouping by the control's
        // top would put a control pushed down by a hint on a line of its own, and never see it out of line).
        const key = [...lines.keys()].find((k) => Math.abs(k - r.field) <= 1) ?? r.field;
        lines.set(key, [...(lines.get(key) ?? []), r]);
      }
      // Side by side somewhere: from 540 px the row holds at least two fields per line.
      if (width >= 540) expect(Math.max(...[...lines.values()].map((l) => l.length)), `${width}px`).toBeGreaterThanOrEqual(2);
      for (const line of lines.values()) {
        expect(new Set(line.map((r) => r.control)).size, `${width}px: controls ${JSON.stringify(line)}`).toBe(1);
        expect(new Set(line.map((r) => r.label)).size, `${width}px: labels ${JSON.stringify(line)}`).toBe(1);
      }
      expect(await overflow(page), `${width}px`).toEqual([]);
    }
  });

  it("the README screenshot is current: the page shows the text `npm run screenshot` recorded", async () => {
    const { page, context, problems } = await openReadmePage(chromium.browser, worker.base);
    contexts.push(context);
    pageProblems.push(problems);
    const recorded = readFileSync(README_SCREENSHOT_TEXT, "utf8");
    // When this fails, the page changed since docs/try-it.png was taken: run `npm run screenshot`.
    expect(await visibleText(page)).toBe(recorded);
  });
});

describe("<meshsim-try> embedded by a docs site on another origin", () => {
  it("calls the API cross-origin (CORS preflight, CORP, strict page CSP) and a link reproduces the result", async () => {
    const { page, w } = await open(`${docs.base}/`);
    await versionsLoaded(w);
    const answer = page.waitForResponse((r) => r.url() === `${worker.base}/v1/simulate` && r.request().method() === "POST");
    await w.getByRole("button", { name: "Simulate" }).click();
    const res = await answer;
    expect(res.status()).toBe(200);
    expect(["*", docs.base]).toContain(res.headers()["access-control-allow-origin"]);
    expect(await res.request().headerValue("origin")).toBe(docs.base);
    await expectDocsExampleResult(w);
    // application/json makes it a non-simple request: the browser asked first.
    expect(worker.log()).toMatch(/OPTIONS \/v1\/simulate 204/);

    await page.waitForURL(/#meshsim=z\./);
    const link = page.url();
    const before = await text(w.locator("section.result"));
    console.log(await screenshot(page, "docs-embed-example"));

    // Reload: the fragment alone brings the input back and reruns it.
    await page.reload();
    await expectDocsExampleResult(w);
    expect(await text(w.locator("section.result"))).toBe(before);

    // The link in a fresh browser context (no storage, no cache): same input, same answer.
    const fresh = await open(link);
    await expectDocsExampleResult(fresh.w);
    expect(await text(fresh.w.locator("section.result"))).toBe(before);
    expect(await fresh.w.getByLabel("Mesh snapshot (YAML)").inputValue()).toBe(await w.getByLabel("Mesh snapshot (YAML)").inputValue());
    expect(await focused(fresh.page)).toBe(""); // a page load never steals focus

    // A link pasted into the same tab changes only the fragment: the widget reruns it (Kuma 2.5: 10s).
    const v25 = { kumaVersion: "2.5", resources: "", request: { to: "http://example.com", ip: "93.184.216.34" } };
    await fresh.page.evaluate(`location.hash = "meshsim=j.${Buffer.from(JSON.stringify(v25)).toString("base64url")}"`);
    await fresh.w.locator('tr[data-limit="connectTimeout"]', { hasText: "10s" }).waitFor();
    expect(await text(fresh.w.locator('tr[data-limit="connectTimeout"]'))).toBe("Connect timeout 10s kuma");
    expect(await fresh.w.getByLabel("Kuma version").inputValue()).toBe("2.5");
    expect(await fresh.w.getByLabel("Mesh snapshot (YAML)").inputValue()).toBe("");
  });

  it("shows blocked when the Mesh disables passthrough (Ctrl+Enter from the snapshot)", async () => {
    const { page, w } = await open(`${docs.base}/`);
    const yaml = w.getByLabel("Mesh snapshot (YAML)");
    await yaml.fill(BLOCKING_MESH);
    await yaml.press("Control+Enter");
    await w.locator('.badge[data-verdict="blocked"]').waitFor();
    expect(await raw(w.locator(".verdict .badge"))).toBe("blocked");
    expect(await text(w.locator(".verdict"))).toMatch(/^BLOCKED the tcp_proxy names cluster outbound:passthrough:ipv4, which does not exist/);
    expect(await text(w.locator("ol.path"))).toBe("Listener: outbound:passthrough:ipv4 (0.0.0.0:15001) Filter chain: #0 Route: not reached Cluster: outbound:passthrough:ipv4 (does not exist)");
    expect(await text(w.getByRole("status"))).toBe("Result below: blocked.");
    expect(await w.locator(".badge.v-blocked").count()).toBe(1);
    console.log(await screenshot(page, "docs-embed-blocked"));
  });

  it("compares with another release: a Mesh that blocked external traffic lets it out on 3.0 (issue #12)", async () => {
    // kumahq/kuma@348b6528bc UPGRADE.md "Mesh.spec.networking.outbound.passthrough removed": ignored, as if true.
    const { w } = await open(`${docs.base}/`);
    await versionsLoaded(w);
    await w.getByLabel("Mesh snapshot (YAML)").fill(BLOCKING_MESH);
    await w.getByLabel("Kuma version").selectOption("2.14");
    await w.getByLabel("Compare with (optional)").selectOption("3.0");
    await w.getByRole("button", { name: "Simulate" }).click();
    await w.locator('[data-breaking="true"]').waitFor();
    expect(await raw(w.locator('.badge[data-verdict="blocked"]'))).toBe("blocked");
    expect(await text(w.locator('li[data-field="verdict"]'))).toMatch(/^verdict blocked → passthrough Kuma 3\.0\.0 \(meshPassthroughField/);
    expect(await text(w.locator("section.result"))).toContain("Kuma 2.14.3 → 3.0.0-dev+348b6528bc");
  });

  it("puts API errors next to their fields, with aria-invalid and aria-describedby", async () => {
    // An invalid kumaVersion from a link: the select keeps it, the API's message sits under it.
    const state = { kumaVersion: "9.9", resources: BLOCKING_MESH, request: { to: "http://example.com", ip: "93.184.216.34" } };
    const { page, w } = await open(`${docs.base}/#meshsim=j.${Buffer.from(JSON.stringify(state)).toString("base64url")}`);
    await w.locator("#version-err:not([hidden])").waitFor();
    expect(await text(w.locator("#version-err"))).toMatch(/^unsupported Kuma version "9\.9"/);
    const version = w.getByLabel("Kuma version");
    expect(await version.getAttribute("aria-invalid")).toBe("true");
    expect(await version.getAttribute("aria-describedby")).toBe("version-err");
    expect(await text(version.locator("option:checked"))).toBe("9.9 (not in the list)");
    expect(await text(w.getByRole("status"))).toBe("The API did not accept the input: 1 error, shown next to the fields.");
    expect(await w.locator("section.result").isHidden()).toBe(true);

    // Broken YAML: under the snapshot, focus moved there, the previous error gone.
    await version.selectOption("2.14");
    const yaml = w.getByLabel("Mesh snapshot (YAML)");
    await yaml.fill("a: [b");
    await w.getByRole("button", { name: "Simulate" }).click();
    await w.locator("#yaml-err:not([hidden])").waitFor();
    expect(await text(w.locator("#yaml-err"))).toContain("YAML syntax error");
    expect(await yaml.getAttribute("aria-invalid")).toBe("true");
    expect((await yaml.getAttribute("aria-describedby"))?.split(" ")).toEqual(["yaml-hint", "yaml-err"]);
    expect(await focused(page)).toBe("yaml");
    expect(await version.getAttribute("aria-invalid")).toBeNull();
    expect(await w.locator("#version-err").isHidden()).toBe(true);

    // A deep path names the resource and field; a pasted YAML list is accepted and its paths are the reader's.
    await yaml.fill(`- type: Mesh
  name: default
- type: MeshProxyPatch
  mesh: default
  name: broken
  spec: {targetRef: {kind: Mesh}, default: {appendModifications: [{cluster: {operation: Patch}}]}}
`);
    await w.getByRole("button", { name: "Simulate" }).click();
    await w.locator("#yaml-err:not([hidden])").waitFor();
    expect(await text(w.locator("#yaml-err"))).toBe("resources[1].spec.default.appendModifications[0].cluster: cluster must have exactly one defined: value, jsonPatches");

    // Inbound: a client calling the example dataplane's inbound port (mTLS off in the example mesh) gets in.
    await yaml.fill(INBOUND_DATAPLANE);
    await w.getByRole("radio", { name: "Inbound" }).check();
    await w.getByLabel("Destination URL").fill("tcp://10.0.0.5:8080");
    await w.getByLabel("Destination IP (optional)").fill("");
    await w.getByRole("button", { name: "Simulate" }).click();
    await w.locator('.badge[data-verdict="accepted"]').waitFor();
    expect(await text(w.locator(".how"))).toBe("(plaintext)");
    await w.getByLabel("Destination URL").fill("http://example.com");
    await w.getByLabel("Destination IP (optional)").fill("93.184.216.34");
    await yaml.fill(BLOCKING_MESH);

    // API data is text, never markup: a Dataplane name that looks like HTML comes back in the message.
    await w.getByRole("radio", { name: "Outbound" }).check();
    await w.getByLabel("Source Dataplane (optional)").fill('<img src=x onerror="window.pwned=1">');
    await w.getByRole("button", { name: "Simulate" }).click();
    await w.locator("#from-err:not([hidden])").waitFor();
    expect(await text(w.locator("#from-err"))).toBe('no Dataplane named "<img src=x onerror="window.pwned=1">" in the snapshot');
    expect(await w.locator("img").count()).toBe(0);
    expect(await page.evaluate("window.pwned")).toBeUndefined();
    await w.getByLabel("Source Dataplane (optional)").fill("");
    console.log(await screenshot(page, "docs-embed-errors"));

    // Fixed input: every error goes away and the result comes back.
    await w.getByRole("button", { name: "Simulate" }).click();
    await w.locator('.badge[data-verdict="blocked"]').waitFor();
    expect(await w.locator(".err:not(.formerr):not([hidden])").count()).toBe(0);
    expect(await w.locator("[aria-invalid]").count()).toBe(0);
  });
});
