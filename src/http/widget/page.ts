/**
 * The try-it page served at `GET /`: static HTML around one `<meshsim-try>`. Nothing from the
 * request is ever written into it (no host, no query), so there is nothing to inject. Its only
 * style block is allowed by hash in the page's CSP (see index.ts); the widget styles itself.
 */

/** The page's own style block; its SHA-256 goes into the CSP, so edit it freely. */
export const PAGE_CSS = `
:root { color-scheme: light dark; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; background: #fff; }
@media (prefers-color-scheme: dark) { body { color: #e6edf3; background: #0d1117; } a { color: #58a6ff; } }
main { max-width: 56rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
.lede { margin: 0 0 1.25rem; max-width: 44rem; }
footer { margin-top: 2.5rem; font-size: .9rem; opacity: .85; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
`;

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>meshsim: try it</title>
<meta name="description" content="Simulate what a Kuma / Kong Mesh sidecar's Envoy does with a connection, before you apply a policy.">
<link rel="icon" href="data:,">
<style>${PAGE_CSS}</style>
<script src="/widget.js" defer></script>
</head>
<body>
<main>
<h1>meshsim: try it</h1>
<p class="lede">What does a Kuma / Kong Mesh sidecar's Envoy do with this connection? Paste your mesh
resources (and a what-if MeshProxyPatch), pick the Kuma version and a destination, and see the verdict,
the Envoy path, the limits with who set each one, and the patched config. The example is the docs
page's MeshProxyPatch on the passthrough cluster; the address bar keeps the whole input, so a link
reproduces the result.</p>
<meshsim-try heading-level="2" autorun></meshsim-try>
<noscript><p>This page needs JavaScript. The API works without it: <code>POST /v1/simulate</code>.</p></noscript>
<footer>
<p>API: <code>POST /v1/simulate</code>, contract in <a href="/openapi.yaml">openapi.yaml</a>.
Embed this widget in a docs page: <code>&lt;script src="https://&lt;this host&gt;/widget.js" defer&gt;&lt;/script&gt;</code>
and <code>&lt;meshsim-try&gt;&lt;/meshsim-try&gt;</code>.</p>
</footer>
</main>
</body>
</html>
`;
