/**
 * What the browser tests run against, all started by the tests themselves: the Worker in real
 * workerd (`wrangler dev`, as `npm start` does), a tiny "docs site" on another origin that embeds
 * the widget with one script tag, and Debian's headless Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from "playwright-core";
import { freePort } from "../support/net.js";

export const ROOT = new URL("../..", import.meta.url).pathname;
export const SCREENSHOTS = join(ROOT, "test-results", "screenshots");

/** Debian's chromium (`apt-get install -y chromium`); CHROMIUM_PATH points elsewhere (e.g. a local Chrome). */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/**
 * Flags that Debian 12's Chromium needs on the project's machines: no sandbox (containers), no GPU, and
 * nothing that talks to the internet at start (background networking, component updates, sync, QUIC probes).
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];


export interface Worker {
  readonly base: string;
  /** Everything wrangler printed: it logs each request, which shows the CORS preflights. */
  log(): string;
  stop(): void;
}

/** Starts `wrangler dev` on free ports and waits for /healthz. */
export async function startWorker(): Promise<Worker> {
  const [port, inspector] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  let log = "";
  const child: ChildProcess = spawn(
    "npx",
    ["wrangler", "dev", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false"],
    // Same environment as `npm start`: no Request.cf download, no metrics (offline machines).
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" } },
  );
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  let exited = false;
  child.on("exit", () => (exited = true));
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM"); // the whole group: npx, wrangler, workerd
    } catch {
      /* already gone */
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (exited || Date.now() > deadline) {
      stop();
      throw new Error(`wrangler dev did not come up:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, log: () => log, stop };
}

export interface DocsSite {
  readonly base: string;
  stop(): Promise<void>;
}

/**
 * A docs page on another origin that embeds the widget as docs/usage.md tells docs sites to. It
 * sends a strict CSP (no inline anything; script and connect only to the API) and
 * `Cross-Origin-Embedder-Policy: require-corp`, so the page only works if /widget.js says
 * `Cross-Origin-Resource-Policy: cross-origin` and the API answers CORS.
 */
export async function startDocsSite(api: string): Promise<DocsSite> {
  const port = await freePort();
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Docs: non-mesh traffic</title><link rel="icon" href="data:,">
<script src="${api}/widget.js" defer></script></head>
<body><h1>Non-mesh traffic</h1><p>Try the MeshProxyPatch from this page:</p>
<meshsim-try api="${api}"></meshsim-try>
<h2>Next section</h2><p>More docs text.</p></body></html>`;
  const server: Server = createHttpServer((req, res) => {
    if (req.url !== "/") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `default-src 'none'; script-src ${api}; connect-src ${api}; img-src data:; base-uri 'none'; form-action 'none'`,
      "cross-origin-embedder-policy": "require-corp",
      "cache-control": "no-store",
    });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(() => r())) };
}

export interface Chromium {
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  }
  // launch() starts from a fresh temporary user-data-dir every time and deletes it on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return { browser, close: () => browser.close() };
}

/** Console errors, uncaught exceptions and failed requests of one page: a CSP violation shows up here. */
export function watchProblems(page: Page): () => string[] {
  const problems: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    // Chromium logs every 4xx fetch; a 400 is the API's answer to bad input, which the tests send on purpose.
    if (/Failed to load resource: the server responded with a status of 400/.test(m.text())) return;
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ""}`));
  return () => problems;
}

export async function newPage(context: BrowserContext): Promise<{ page: Page; problems: () => string[] }> {
  const page = await context.newPage();
  return { page, problems: watchProblems(page) };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Where `npm run screenshot` writes the README's picture of the try-it page, and the text it showed. */
export const README_SCREENSHOT = join(ROOT, "docs", "try-it.png");
export const README_SCREENSHOT_TEXT = join(ROOT, "docs", "try-it.txt");
/** The viewport of that picture. */
export const README_VIEWPORT = { width: 1280, height: 900 };

/**
 * The text a reader sees on the page, the widget's shadow root included (innerText: hidden and collapsed
 * parts left out) and the values in its fields (which innerText leaves out), one trimmed line per non-empty line. The screenshot script records it; a browser test
 * compares the page with it, so the README picture cannot go stale unnoticed.
 */
export async function visibleText(page: Page): Promise<string> {
  const text = await page.evaluate(`(() => {
    const parts = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) if (el.shadowRoot) { parts.push(el.shadowRoot.host.tagName + ":"); for (const c of el.shadowRoot.children) if (c.innerText !== undefined) parts.push(c.innerText); for (const f of el.shadowRoot.querySelectorAll("textarea, input:not([type=radio]), select")) parts.push("[" + f.id + "] " + f.value); walk(el.shadowRoot); }
    };
    parts.push(document.body.innerText);
    walk(document);
    return parts.join("\\n");
  })()`);
  return `${String(text).split("\n").map((l) => l.replace(/\s+/g, " ").trim()).filter((l) => l !== "").join("\n")}\n`;
}

/** Opens the try-it page as the README shows it and waits for the example's result (it runs on load). */
export async function openReadmePage(browser: Browser, base: string): Promise<{ page: Page; context: BrowserContext; problems: () => string[] }> {
  const context = await browser.newContext({ viewport: README_VIEWPORT, colorScheme: "light" });
  context.setDefaultTimeout(15_000);
  const { page, problems } = await newPage(context);
  await page.goto(`${base}/`);
  await page.locator("meshsim-try").locator('.badge[data-verdict]').first().waitFor();
  await page.locator("meshsim-try").locator('#version option[value="2.5"]').waitFor({ state: "attached" });
  return { page, context, problems };
}
