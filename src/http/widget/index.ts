/**
 * The "try it" widget (issue #7): `GET /` serves a page with one `<meshsim-try>`, and
 * `GET /widget.js` the custom element itself, which docs sites on other origins include with one
 * script tag. The element's one source is `widget.js` in this folder (plain JS, no build step for the
 * embedder). It reaches the app as text through Vite's `?raw` import suffix: both vitest projects read
 * it natively, wrangler (`npm start`, `npm run deploy`) through the Text module rule in wrangler.toml,
 * and tsx scripts that load the app (`npm run bench`) through scripts/raw-import.mjs. So there is no
 * generated copy to keep in step, and `npm start` serves an edited widget.js on save.
 */
import type { Env, Hono } from "hono";
import { PAGE_CSS, PAGE_HTML } from "./page.js";
import WIDGET_JS from "./widget.js?raw";

export interface WidgetOptions {
  /**
   * Origins, besides the page's own, that the page at `GET /` may call (CSP connect-src): only
   * needed when the page's widget is pointed at an API on another host.
   */
  readonly apiOrigins?: readonly string[];
}

/** How long browsers and CDNs may reuse the page and the script before revalidating (ETag). */
const CACHE_SECONDS = 600;

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let bin = "";
  for (const b of new Uint8Array(digest)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The page's CSP: the app-wide `default-src 'none'` opened just enough for the widget to run. */
export async function pageCsp(options: WidgetOptions = {}): Promise<string> {
  const connect = ["'self'", ...(options.apiOrigins ?? [])].join(" ");
  return [
    "default-src 'none'",
    "script-src 'self'", // /widget.js only: no inline script, no eval
    `style-src 'sha256-${await sha256Base64(PAGE_CSS)}'`, // the page's one <style>; the widget uses a constructable stylesheet
    `connect-src ${connect}`,
    "img-src 'self' data:", // the empty data: favicon, so browsers do not ask for /favicon.ico
    "base-uri 'none'",
    "form-action 'none'", // the widget's form never navigates: it calls fetch
    "frame-ancestors 'none'",
    // The widget writes the DOM with textContent only; Trusted Types turns any innerHTML into an error.
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join("; ");
}

/** A strong ETag for a static body. */
async function etagOf(body: string): Promise<string> {
  return `"${(await sha256Base64(body)).slice(0, 27).replace(/\+/g, "-").replace(/\//g, "_")}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  return (ifNoneMatch ?? "").split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*");
}

/**
 * Registers `GET /` (the page) and `GET /widget.js` (the element) on the app. Call it after the
 * app-wide middleware, with `secureHeaders({ overwrite: false, ... })` so the page's own CSP is
 * not replaced by the app-wide `default-src 'none'` one.
 */
export function mountWidget<E extends Env>(app: Hono<E>, options: WidgetOptions = {}): Hono<E> {
  app.get("/", async (c) => {
    const etag = await etagOf(PAGE_HTML);
    const headers = {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": await pageCsp(options),
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": `public, max-age=${CACHE_SECONDS}`,
      ETag: etag,
    };
    if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
    return c.body(PAGE_HTML, 200, headers);
  });

  app.get("/widget.js", async (c) => {
    const etag = await etagOf(WIDGET_JS);
    const headers = {
      "Content-Type": "text/javascript; charset=utf-8",
      // Docs sites on any origin load it with a plain <script src>; cross-origin lets pages that send
      // Cross-Origin-Embedder-Policy: require-corp load it too.
      "Cross-Origin-Resource-Policy": "cross-origin",
      // A public, credential-free file: also loadable as <script type="module" crossorigin> or by fetch.
      "Access-Control-Allow-Origin": "*",
      // Short, with revalidation: the URL has no version, and the widget must follow API changes.
      "Cache-Control": `public, max-age=${CACHE_SECONDS}`,
      ETag: etag,
    };
    if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
    return c.body(WIDGET_JS, 200, headers);
  });

  return app;
}
