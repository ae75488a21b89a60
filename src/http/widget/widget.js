// @ts-check
/**
 * <meshsim-try>: the embeddable "try it" widget for the meshsim API.
 *
 * One classic script, no build, no dependencies, nothing fetched at run time but the API. A docs
 * page on any origin adds:
 *
 *   <script src="https://meshsim.example/widget.js" defer></script>
 *   <meshsim-try version="2.14" to="http://example.com" ip="93.184.216.34"></meshsim-try>
 *
 * Attributes (all optional, read once when the element is connected):
 *   api            API base URL; default the origin this script was loaded from
 *   yaml           initial snapshot (multi-document YAML, or a YAML list of resources); a child
 *                  <script type="text/yaml"> (never executed) works too and reads better
 *   version        initial Kuma version (default 2.14, the version the built-in example is for)
 *   autorun        run the initial input on load, so the answer shows without a click
 *   to, ip, from   initial request: destination URL, the IP it resolves to, source Dataplane
 *   heading-level  level of the "Result" heading (default 3), so the widget fits the page outline
 *   no-hash        do not read or write the URL fragment (e.g. several widgets on one page)
 *
 * The embedding page's CSP must allow this script (script-src) and the API (connect-src). Styles
 * are a constructable stylesheet in a shadow root, which CSP style-src does not govern and the
 * page's own CSS cannot break.
 *
 * Security: API data is only ever written with textContent / Text nodes (see `h`), never as markup.
 */
(() => {
  "use strict";

  const TAG = "meshsim-try";
  if (customElements.get(TAG)) return; // the script was included twice

  // Captured now: document.currentScript is only set while this script runs. A docs page includes
  // the script from the API's own host, so that origin is the natural default API.
  const script = document.currentScript;
  const SCRIPT_ORIGIN = script instanceof HTMLScriptElement && script.src ? new URL(script.src).origin : location.origin;

  /** The docs page's own example (test/scenarios/e-docs-patch-2.14): a first click shows something real. */
  const DEFAULT_YAML = `type: Dataplane
mesh: default
name: web-01
networking:
  address: 10.0.0.5
  inbound: [{ port: 8080, tags: { kuma.io/service: web } }]
  transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: DualStack }
---
type: MeshProxyPatch
mesh: default
name: custom-mpp-1
spec:
  targetRef:
    kind: Mesh
  default:
    appendModifications:
      - cluster:
          operation: Patch
          match:
            name: outbound:passthrough:ipv4
          value: |
            circuit_breakers: {
              thresholds: [
                {
                  max_connections: 2048,
                  max_pending_requests: 2048,
                  max_requests: 2048,
                  max_retries: 4
                }
              ]
            }
      - cluster:
          operation: Patch
          match:
            name: outbound:passthrough:ipv4
          jsonPatches:
            - op: replace
              path: "/connectTimeout"
              value: 99s
      - networkFilter:
          operation: Patch
          match:
            name: envoy.filters.network.tcp_proxy
            listenerName: outbound:passthrough:ipv4
          value: |
            name: envoy.filters.network.tcp_proxy
            typedConfig:
              '@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
              idleTimeout: "3h"
`;
  const DEFAULTS = { version: "2.14", to: "http://example.com", ip: "93.184.216.34" };

  /** The fragment key: `#meshsim=<z|j>.<base64url>`; z = deflate-raw JSON, j = plain JSON. */
  const HASH_KEY = "meshsim";
  /** A decoded link larger than the API accepts is refused (and a zip bomb cannot fill memory). */
  const MAX_STATE_BYTES = 1 << 20;

  /**
   * The form, in the shape of the API request (raw YAML text, not yet list-wrapped). This is also
   * what the URL fragment holds, so a link reproduces the result.
   * `compareWith`, when set, is a second release: the answer adds what `POST /v1/upgrade` says changes from
   * `kumaVersion` to it.
   * @typedef {{ kumaVersion: string, resources: string, compareWith?: string,
   *             request: { to: string, ip?: string, from?: string, direction?: string } }} State
   */
  /** @typedef {{ path: string, message: string }} Violation */
  /** @typedef {{ value: unknown, source: string }} Limit */
  /** @typedef {"yaml" | "version" | "compare" | "to" | "ip" | "from" | "direction"} Field */

  /**
   * Where each API error path belongs: the first prefix that matches wins. `patches` are part of
   * the snapshot text; any other `request.*` (the object form of `to`) goes to the destination.
   * @type {ReadonlyArray<[string, Field]>}
   */
  const FIELD_OF_PATH = [
    ["resources", "yaml"],
    ["patches", "yaml"],
    ["kumaVersion", "version"],
    ["fromVersion", "version"],
    ["toVersion", "compare"],
    ["request.to", "to"],
    ["request.ip", "ip"],
    ["request.from", "from"],
    ["request.direction", "direction"],
    ["request", "to"],
    ["requests[0]", "to"],
  ];

  const LIMIT_LABELS = {
    connectTimeout: "Connect timeout",
    idleTimeout: "Idle timeout",
    routeTimeout: "Route timeout",
    streamIdleTimeout: "Stream idle timeout",
    maxConnections: "Max connections",
    maxPendingRequests: "Max pending requests",
    maxRequests: "Max requests",
    maxRetries: "Max retries",
  };

  const CSS = `
:host { display: block; --ms-fg: #1b1f24; --ms-muted: #57606a; --ms-bg: #fff; --ms-panel: #f6f8fa;
  --ms-border: #d0d7de; --ms-accent: #0b5cad; --ms-err: #b42318; --ms-ok: #1a7f37; --ms-bad: #b42318;
  --ms-warn: #9a6700; --ms-info: #0b5cad;
  color: var(--ms-fg); background: var(--ms-bg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
@media (prefers-color-scheme: dark) { :host { --ms-fg: #e6edf3; --ms-muted: #9da7b3; --ms-bg: #0d1117;
  --ms-panel: #161b22; --ms-border: #3d444d; --ms-accent: #58a6ff; --ms-err: #ff7b72; --ms-ok: #3fb950;
  --ms-bad: #ff7b72; --ms-warn: #d29922; --ms-info: #58a6ff; } }
:host([hidden]), [hidden] { display: none !important; } /* else display: grid below wins over [hidden] */
* { box-sizing: border-box; }
form, .result { display: grid; gap: .9rem; min-width: 0; }
/* API text has long unbroken tokens (cluster names, JSON paths): let them break rather than widen the grid. */
.result, .hint { overflow-wrap: anywhere; }
form > *, .result > * { min-width: 0; }
.result { margin-top: 1.25rem; }
.field { display: grid; gap: .3rem; min-width: 0; }
.row { display: grid; gap: .3rem .9rem; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); }
/* Label, control, hint and error of side-by-side fields share rows (subgrid): a two-line label, a hint or an
   error under one field does not push the controls out of line. A row field's hint goes under its control. */
.row > .field { grid-row: span 4; grid-template-rows: subgrid; padding-bottom: .6rem; }
.row > .field > label { grid-row: 1; align-self: end; }
.row > .field > :is(input, select, fieldset) { grid-row: 2; }
.row > .field > .hint { grid-row: 3; }
.row > .field > .err { grid-row: 4; }
label, legend { font-weight: 600; }
.hint { color: var(--ms-muted); font-size: .85em; margin: 0; }
textarea, input, select, button { font: inherit; color: inherit; }
textarea, input, select { width: 100%; background: var(--ms-bg); border: 1px solid var(--ms-border);
  border-radius: 6px; padding: .45rem .55rem; }
input[type=text], select { height: 2.5rem; }
textarea { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; min-height: 14rem;
  resize: vertical; white-space: pre; overflow: auto; }
@media (max-width: 480px) { textarea, input, select { font-size: 16px; } } /* no zoom-on-focus on phones */
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
legend { padding: 0; }
fieldset label { font-weight: 400; margin-right: 1.2rem; white-space: nowrap; }
input[type=radio] { width: auto; margin: 0 .35rem 0 0; vertical-align: -2px; }
[aria-invalid=true] { border-color: var(--ms-err); box-shadow: 0 0 0 1px var(--ms-err); }
.err { color: var(--ms-err); margin: 0; font-size: .9em; overflow-wrap: anywhere; }
.err p { margin: .1rem 0; }
.err p::before { content: "⚠ "; }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; }
button { cursor: pointer; border-radius: 6px; padding: .5rem 1.1rem; border: 1px solid var(--ms-border);
  background: var(--ms-panel); }
button[type=submit] { background: var(--ms-accent); border-color: var(--ms-accent); color: #fff; font-weight: 600; }
@media (prefers-color-scheme: dark) { button[type=submit] { color: #0d1117; } }
:focus-visible { outline: 3px solid var(--ms-accent); outline-offset: 2px; }
.status { color: var(--ms-muted); margin: 0; min-height: 1.5em; }
h2, h3, h4, h5, h6 { margin: .4rem 0 0; line-height: 1.3; }
[tabindex="-1"]:focus { outline: none; }
.verdict { display: flex; flex-wrap: wrap; gap: .6rem; align-items: baseline; margin: 0; }
.badge { display: inline-block; border-radius: 999px; padding: .1rem .7rem; font-weight: 700;
  border: 2px solid currentColor; text-transform: uppercase; letter-spacing: .04em; font-size: .85em; }
.v-passthrough, .v-mesh, .v-accepted, .s-applied { color: var(--ms-ok); }
.v-blocked, .v-config-error, .s-failed { color: var(--ms-bad); }
.v-direct, .s-ineffective, .s-no-match { color: var(--ms-warn); }
.s-skipped { color: var(--ms-muted); }
ol.path { margin: 0; padding-left: 1.4rem; }
ol.path li { overflow-wrap: anywhere; }
.k { color: var(--ms-muted); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
code { overflow-wrap: anywhere; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; overflow-wrap: normal; }
caption { text-align: left; color: var(--ms-muted); font-size: .9em; padding-bottom: .3rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--ms-border); vertical-align: top; }
td code, .k { white-space: nowrap; }
.src-policy { font-weight: 700; }
ul.list, ul.mods { margin: 0; padding-left: 1.2rem; }
ul.mods { list-style: none; padding: 0; display: grid; gap: .6rem; }
ul.mods > li { border: 1px solid var(--ms-border); border-radius: 6px; padding: .5rem .7rem; background: var(--ms-panel); }
ul.mods p { margin: .25rem 0 0; }
details { border: 1px solid var(--ms-border); border-radius: 6px; padding: .4rem .7rem; }
summary { cursor: pointer; font-weight: 600; }
pre { margin: .5rem 0 0; max-height: 28rem; overflow: auto; background: var(--ms-panel); padding: .6rem; border-radius: 6px; }
.formerr:empty { display: none; }
`;

  /**
   * Creates an element. Strings among the children become Text nodes (Element.append), so API
   * data can never turn into markup; attributes go through setAttribute.
   * @param {string} tag
   * @param {Record<string, string | number | boolean | undefined> | null} [attrs] false/undefined are skipped, true sets ""
   * @param {...(Node | string | null | undefined | false)} children null/undefined/false are skipped
   * @returns {HTMLElement}
   */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs ?? {})) {
      if (value !== undefined && value !== false) el.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) if (child != null && child !== false) el.append(child);
    return el;
  }

  /** @param {unknown} v @returns {Record<string, any>} */
  const obj = (v) => (v && typeof v === "object" && !Array.isArray(v) ? /** @type {Record<string, any>} */ (v) : {});
  /** @param {unknown} v @returns {any[]} */
  const arr = (v) => (Array.isArray(v) ? v : []);
  /** @param {unknown} v */
  const str = (v) => (v == null ? "" : String(v));

  /**
   * The API takes multi-document YAML; a pasted top-level list (`- type: Mesh ...`) becomes a
   * `kind: List` by indenting every line, which keeps block scalars and comments intact.
   * @param {string} text
   */
  function resourcesYaml(text) {
    const first = text.split("\n").find((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
    if (!first || !/^-(\s|$)/.test(first)) return { yaml: text, wrapped: false };
    return { yaml: "kind: List\nitems:\n" + text.replace(/^/gm, "  "), wrapped: true };
  }

  /** "10800s" → "3h", so a reader need not divide; other values are left alone. @param {unknown} v */
  function humanDuration(v) {
    const m = /^(\d+)(?:\.(\d+))?s$/.exec(str(v));
    if (!m || m[2]) return "";
    let s = Number(m[1]);
    if (s < 60) return "";
    const parts = [];
    for (const [unit, size] of /** @type {const} */ ([["d", 86400], ["h", 3600], ["m", 60], ["s", 1]])) {
      if (s >= size) parts.push(Math.floor(s / size) + unit);
      s %= size;
    }
    return parts.join(" ");
  }

  // ---- URL fragment: the whole input, so a link reproduces the result -------------------------

  /** @param {Uint8Array} bytes */
  function toBase64Url(bytes) {
    let bin = "";
    // In slices: String.fromCharCode(...hugeArray) overflows the call stack.
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /** @param {string} text */
  function fromBase64Url(text) {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  }

  /**
   * Reads a stream to the end, refusing more than MAX_STATE_BYTES.
   * @param {ReadableStream<Uint8Array>} stream
   */
  async function readCapped(stream) {
    const reader = stream.getReader();
    /** @type {Uint8Array[]} */
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_STATE_BYTES) {
        await reader.cancel();
        throw new Error("the input in the link is too large");
      }
      chunks.push(value);
    }
    const out = new Uint8Array(size);
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.byteLength;
    }
    return out;
  }

  /** @param {State} state @returns {Promise<string>} */
  async function encodeState(state) {
    const json = new TextEncoder().encode(JSON.stringify(state));
    // Compressed when the browser can (every current one): the default example shrinks ~3x.
    if (typeof CompressionStream !== "function") return "j." + toBase64Url(json);
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return "z." + toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
  }

  /** @param {string} value @returns {Promise<State>} */
  async function decodeState(value) {
    const [kind, data] = [value.slice(0, 2), value.slice(2)];
    if (kind !== "z." && kind !== "j.") throw new Error("unknown link format");
    let bytes = fromBase64Url(data);
    if (kind === "z.") bytes = await readCapped(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")));
    else if (bytes.byteLength > MAX_STATE_BYTES) throw new Error("the input in the link is too large");
    const o = obj(JSON.parse(new TextDecoder().decode(bytes)));
    const r = obj(o.request);
    // Only strings survive: the link is untrusted input like any other.
    return {
      kumaVersion: str(o.kumaVersion),
      resources: str(o.resources),
      compareWith: str(o.compareWith),
      request: { to: str(r.to), ip: str(r.ip), from: str(r.from), direction: r.direction === "inbound" ? "inbound" : "outbound" },
    };
  }

  /** The fragment's `meshsim=` value, or "" (other fragment parts belong to the page). */
  function hashValue() {
    for (const part of location.hash.slice(1).split("&")) {
      if (part.startsWith(HASH_KEY + "=")) return part.slice(HASH_KEY.length + 1);
    }
    return "";
  }

  // ---- the element ----------------------------------------------------------------------------

  class MeshsimTry extends HTMLElement {
    constructor() {
      super();
      // The controls are built here (a shadow root may be filled in the constructor); attributes
      // are read in connectedCallback, because an element made with createElement has none yet.
      this.root = this.attachShadow({ mode: "open" });
      /** Counts runs so that a slow, superseded answer is dropped. */
      this.seq = 0;
      this.connected = false;
      this.api = SCRIPT_ORIGIN;
      this.level = 3;
      this.useHash = true;
      /** The fragment value last read or written, so our own write is not rerun. */
      this.lastHash = "";
      /** @type {string[]} Kuma minors from GET /v1/versions, newest first. */
      this.minors = [];
      /** @type {HTMLElement | null} */
      this.resultHeading = null;

      /** @param {Field} id @param {string} label @param {HTMLElement} control @param {string} [hint] */
      const field = (id, label, control, hint) => {
        control.id = id;
        control.setAttribute("aria-describedby", (hint ? `${id}-hint ` : "") + `${id}-err`);
        return h("div", { class: "field" }, h("label", { for: id }, label), hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null, control, h("div", { class: "err", id: `${id}-err`, hidden: true }));
      };
      const input = () => h("input", { type: "text", autocomplete: "off", autocapitalize: "off", spellcheck: "false" });
      /** @param {string} value @param {string} label */
      const radio = (value, label) => h("label", null, h("input", { type: "radio", name: "direction", value, checked: value === "outbound", "aria-describedby": "direction-err" }), label);

      this.yaml = /** @type {HTMLTextAreaElement} */ (h("textarea", { rows: 16, spellcheck: "false", wrap: "off", autocapitalize: "off" }));
      this.version = /** @type {HTMLSelectElement} */ (h("select"));
      this.compare = /** @type {HTMLSelectElement} */ (h("select"));
      this.to = /** @type {HTMLInputElement} */ (input());
      this.to.inputMode = "url";
      this.ip = /** @type {HTMLInputElement} */ (input());
      this.from = /** @type {HTMLInputElement} */ (input());
      this.direction = h(
        "fieldset",
        { id: "direction" },
        h("legend", null, "Direction"),
        radio("outbound", "Outbound"),
        radio("inbound", "Inbound"),
        h("div", { class: "err", id: "direction-err", hidden: true }),
      );
      this.formError = h("div", { class: "err formerr", id: "form-err", role: "alert" });
      // Announces the outcome in one sentence. The result itself is not a live region: it is far
      // too long to be read out; focus moves to its heading instead.
      this.status = h("p", { class: "status", role: "status" });
      this.copy = h("button", { type: "button" }, "Copy link");
      this.copy.addEventListener("click", () => void this.copyLink());
      this.result = h("section", { class: "result", "aria-label": "Simulation result", hidden: true });

      this.form = /** @type {HTMLFormElement} */ (
        h(
          "form",
          { novalidate: true, "aria-label": "meshsim: simulate a connection" },
          field("yaml", "Mesh snapshot (YAML)", this.yaml, "Kuma resources, Universal or Kubernetes form: one per YAML document (---) or a YAML list. Ctrl+Enter runs it."),
          h(
            "div",
            { class: "row" },
            field("version", "Kuma version", this.version),
            field("compare", "Compare with (optional)", this.compare, "Another release: the answer adds what upgrading to it changes."),
            field("to", "Destination URL", this.to),
            field("ip", "Destination IP (optional)", this.ip),
            field("from", "Source Dataplane (optional)", this.from),
          ),
          this.direction,
          h("div", { class: "actions" }, h("button", { type: "submit" }, "Simulate"), this.copy),
          this.formError,
          this.status,
        )
      );
      this.form.addEventListener("submit", (e) => {
        e.preventDefault();
        void this.run(this.readForm(), true);
      });
      this.yaml.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          this.form.requestSubmit();
        }
      });

      const sheet = makeSheet();
      if (sheet) this.root.adoptedStyleSheets = [sheet];
      else this.root.append(h("style", null, CSS)); // old browsers; needs style-src 'unsafe-inline' under a CSP
      this.root.append(this.form, this.result);
    }

    connectedCallback() {
      if (this.connected) return; // moved in the DOM: keep what the reader typed
      this.connected = true;
      this.api = (this.getAttribute("api") || SCRIPT_ORIGIN).replace(/\/+$/, "");
      this.level = Math.min(6, Math.max(1, Number(this.getAttribute("heading-level")) || 3));
      this.useHash = !this.hasAttribute("no-hash");
      this.copy.hidden = !this.useHash;
      const inline = this.querySelector('script[type="text/yaml"], script[type="application/yaml"]');
      const to = this.getAttribute("to");
      this.fillForm({
        kumaVersion: this.getAttribute("version") || DEFAULTS.version,
        resources: this.getAttribute("yaml") ?? (inline ? dedent(inline.textContent || "") : DEFAULT_YAML),
        // The default IP belongs to the default destination only.
        request: { to: to ?? DEFAULTS.to, ip: this.getAttribute("ip") ?? (to == null ? DEFAULTS.ip : ""), from: this.getAttribute("from") ?? "" },
      });
      void this.loadVersions();
      if (this.useHash) {
        // A link pasted into the same tab only changes the fragment: run it.
        window.addEventListener("hashchange", () => void this.loadFromHash());
        void this.loadFromHash();
      }
      // `autorun`: the page shows the example's answer without a click (a link's input runs as above instead).
      if (this.hasAttribute("autorun") && !(this.useHash && hashValue())) void this.run(this.readForm(), false);
    }

    /**
     * Fills the version select. A value the list lacks (an old link, an attribute) stays selectable,
     * so it is sent as is and the API says what is wrong with it, next to the field.
     * @param {string} selected
     */
    setVersions(selected) {
      const extra = selected && !this.minors.includes(selected) ? [selected] : [];
      const label = (/** @type {string} */ v) => (this.minors.length && extra.includes(v) ? `${v} (not in the list)` : v);
      this.version.replaceChildren(...[...extra, ...this.minors].map((v) => h("option", { value: v }, label(v))));
      this.version.value = selected;
    }

    /**
     * Fills the "compare with" select: none, then the same list as the version select.
     * @param {string} selected
     */
    setCompare(selected) {
      const extra = selected && !this.minors.includes(selected) ? [selected] : [];
      this.compare.replaceChildren(h("option", { value: "" }, "(none)"), ...[...extra, ...this.minors].map((v) => h("option", { value: v }, v)));
      this.compare.value = selected;
    }

    async loadVersions() {
      try {
        const res = await fetch(`${this.api}/v1/versions`, { headers: { accept: "application/json" } });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        this.minors = arr(obj(await res.json()).versions).map((v) => str(obj(v).minor)).filter(Boolean).reverse();
        this.setVersions(this.version.value);
        this.setCompare(this.compare.value);
      } catch (e) {
        this.fieldError("version", `could not load the version list from ${this.api} (${errorText(e)})`);
      }
    }

    /** @returns {State} */
    readForm() {
      const checked = /** @type {HTMLInputElement | null} */ (this.direction.querySelector("input:checked"));
      return {
        kumaVersion: this.version.value,
        resources: this.yaml.value,
        compareWith: this.compare.value,
        request: { to: this.to.value.trim(), ip: this.ip.value.trim(), from: this.from.value.trim(), direction: checked ? checked.value : "outbound" },
      };
    }

    /** @param {State} state */
    fillForm(state) {
      this.yaml.value = state.resources;
      // Tall enough for the whole snapshot (the example's MeshProxyPatch is below its Dataplane), within reason.
      this.yaml.rows = Math.min(60, Math.max(16, state.resources.split("\n").length + 1));
      this.setVersions(state.kumaVersion);
      this.setCompare(state.compareWith || "");
      this.to.value = state.request.to;
      this.ip.value = state.request.ip || "";
      this.from.value = state.request.from || "";
      for (const r of this.direction.querySelectorAll("input")) r.checked = r.value === (state.request.direction || "outbound");
    }

    async loadFromHash() {
      const value = hashValue();
      if (!value || value === this.lastHash) return; // nothing there, or our own write
      this.lastHash = value;
      let state;
      try {
        state = await decodeState(value);
      } catch (e) {
        this.clearErrors();
        this.formError.append(h("p", null, `The input in this link could not be read (${errorText(e)}).`));
        return;
      }
      this.fillForm(state);
      await this.run(state, false); // not the reader's action: focus stays where it is
    }

    /** @param {State} state */
    async writeHash(state) {
      if (!this.useHash) return;
      const value = await encodeState(state);
      this.lastHash = value;
      const others = location.hash.slice(1).split("&").filter((p) => p && !p.startsWith(HASH_KEY + "="));
      // replaceState: runs are not history entries, and our own write fires no hashchange.
      history.replaceState(history.state, "", "#" + [...others, `${HASH_KEY}=${value}`].join("&"));
    }

    async copyLink() {
      try {
        await navigator.clipboard.writeText(location.href);
        this.status.textContent = "Link copied.";
      } catch {
        this.status.textContent = "Could not copy: copy the address from the address bar.";
      }
    }

    /**
     * Sends the form to the API and shows the answer.
     * @param {State} state
     * @param {boolean} userInitiated move focus to the outcome (never on page load)
     */
    async run(state, userInitiated) {
      const seq = ++this.seq;
      this.clearErrors();
      this.status.textContent = "Simulating…";
      this.result.setAttribute("aria-busy", "true");
      this.writeHash(state).catch(() => {}); // a link that cannot be written must not stop the run

      const { yaml, wrapped } = resourcesYaml(state.resources);
      const r = state.request;
      const body = {
        kumaVersion: state.kumaVersion || undefined,
        resources: yaml.trim() ? yaml : undefined,
        // direction only when inbound: outbound is the API's default.
        request: { to: r.to, ip: r.ip || undefined, from: r.from || undefined, direction: r.direction === "inbound" ? "inbound" : undefined },
      };
      /** @type {Response | undefined} */
      let res;
      /** @type {Record<string, any>} */
      let data;
      try {
        res = await fetch(`${this.api}/v1/simulate`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
        data = obj(await res.json());
      } catch (e) {
        if (seq !== this.seq) return;
        this.result.removeAttribute("aria-busy");
        this.formError.append(h("p", null, res ? `The meshsim API answered HTTP ${res.status} without a readable body.` : `Could not reach the meshsim API at ${this.api} (${errorText(e)}).`));
        this.status.textContent = "The simulation did not run.";
        return;
      }
      if (seq !== this.seq) return;
      this.result.removeAttribute("aria-busy");
      if (res.ok) {
        this.renderResult(data);
        if (state.compareWith) await this.runUpgrade(state, body, seq);
        if (seq !== this.seq) return;
        // Short: the reason is right under the heading, and sighted readers see it already.
        this.status.textContent = `Result below: ${str(data.verdict)}.`;
        if (userInitiated) this.resultHeading?.focus();
        return;
      }
      /** @type {Violation[]} */
      let errors = arr(data.errors).map((e) => ({ path: str(obj(e).path), message: str(obj(e).message) }));
      // Paths into the kind: List we made from a pasted list point at the reader's own list items.
      if (wrapped) errors = errors.map((e) => ({ ...e, path: e.path.replace(/^resources\[0\]\.items\[/, "resources[") }));
      if (!errors.length) errors = [{ path: "", message: [data.title, data.detail].filter(Boolean).join(": ") || `HTTP ${res.status}` }];
      this.result.hidden = true;
      this.showErrors(errors, userInitiated);
    }

    /**
     * Asks `POST /v1/upgrade` what moving the same snapshot and request to `compareWith` changes, and adds it to
     * the result (errors go next to the field their path names).
     * @param {State} state
     * @param {{ kumaVersion?: string, resources?: string, request: Record<string, unknown> }} body the simulate body
     * @param {number} seq
     */
    async runUpgrade(state, body, seq) {
      const upgrade = { fromVersion: state.kumaVersion || DEFAULTS.version, toVersion: state.compareWith, resources: body.resources, requests: [body.request] };
      /** @type {Record<string, any>} */
      let data;
      let ok = false;
      try {
        const res = await fetch(`${this.api}/v1/upgrade`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(upgrade) });
        ok = res.ok;
        data = obj(await res.json());
      } catch (e) {
        if (seq === this.seq) this.fieldError("compare", `could not compare (${errorText(e)})`);
        return;
      }
      if (seq !== this.seq) return;
      if (!ok) {
        const errors = arr(data.errors).map((e) => ({ path: str(obj(e).path).replace(/^requests\[0\]/, "request"), message: str(obj(e).message) }));
        this.showErrors(errors.length ? errors : [{ path: "toVersion", message: str(data.detail) }], false);
        return;
      }
      this.result.append(...this.renderUpgrade(data));
    }

    /**
     * What changes from one release to the other, breaking first. Every value from the API goes in as text.
     * @param {Record<string, any>} u
     */
    renderUpgrade(u) {
      const summary = obj(u.summary);
      const request = obj(arr(u.requests)[0]);
      const changes = arr(request.changes).map(obj);
      const mods = arr(u.modifications).map(obj).filter((m) => m.before !== m.after);
      const notes = arr(u.notes).map(obj);
      const parts = [
        this.heading(`Compared with ${str(u.toVersion)}`, 1),
        h(
          "p",
          { class: "verdict" },
          h("span", { class: `badge ${summary.breaking ? "v-blocked" : "v-direct"}`, "data-breaking": String(!!summary.breaking) }, summary.breaking ? "breaking" : "not breaking"),
          h("span", null, `Kuma ${str(u.fromVersion)} → ${str(u.toVersion)}`),
        ),
      ];
      if (changes.length)
        parts.push(
          h("ul", { class: "list changes" }, ...changes.map((c) => h("li", { "data-field": str(c.field) }, h("code", null, str(c.field)), ` ${str(c.before ?? "none")} → ${str(c.after ?? "none")}`, h("p", { class: "hint" }, str(c.why))))),
        );
      else parts.push(h("p", { class: "hint" }, "This request gets the same verdict, path and limits on both releases."));
      if (mods.length) parts.push(h("ul", { class: "list" }, ...mods.map((m) => h("li", { "data-source": str(m.source) }, h("code", null, str(m.source)), ` ${str(m.before)} → ${str(m.after)}`, h("p", { class: "hint" }, str(m.why))))));
      if (notes.length) parts.push(details(`Upgrade notes (${notes.length})`, h("ul", { class: "list" }, ...notes.map((n) => h("li", null, h("code", null, str(n.class)), " ", str(n.message))))));
      return parts;
    }

    /** Removes every error message and aria-invalid. */
    clearErrors() {
      for (const el of this.root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
      for (const el of /** @type {NodeListOf<HTMLElement>} */ (this.root.querySelectorAll(".err"))) {
        el.replaceChildren();
        if (el !== this.formError) el.hidden = true;
      }
    }

    /**
     * Shows a message under a field and marks the control invalid; the message element is already
     * in the control's aria-describedby, so a screen reader reads it with the field.
     * @param {Field} field
     * @param {string} text
     * @returns {HTMLElement} the control
     */
    fieldError(field, text) {
      const box = /** @type {HTMLElement} */ (this.root.getElementById(`${field}-err`));
      box.append(h("p", null, text));
      box.hidden = false;
      const control = /** @type {HTMLElement} */ (
        field === "direction" ? this.direction.querySelector("input:checked") || this.direction.querySelector("input") : this.root.getElementById(field)
      );
      control.setAttribute("aria-invalid", "true");
      return control;
    }

    /**
     * Puts each API error next to the field its path points to; a path that matches no field
     * (the whole body, `include`) goes in the form's alert.
     * @param {Violation[]} errors
     * @param {boolean} focus move focus to the first invalid field
     */
    showErrors(errors, focus) {
      /** @type {HTMLElement | null} */
      let first = null;
      for (const { path, message } of errors) {
        const match = FIELD_OF_PATH.find(([prefix]) => path === prefix || path.startsWith(prefix + ".") || path.startsWith(prefix + "["));
        // The path is spelled out when it goes deeper than the field (which resource, which key).
        const text = match && path === match[0] ? message : path ? `${path}: ${message}` : message;
        if (match) first ??= this.fieldError(match[1], text);
        else this.formError.append(h("p", null, text));
      }
      const n = errors.length;
      this.status.textContent = `The API did not accept the input: ${n} ${n === 1 ? "error" : "errors"}, shown ${first ? "next to the fields" : "above"}.`;
      if (focus && first) first.focus();
    }

    /** @param {string} text @param {number} [below] levels below the "Result" heading */
    heading(text, below = 0) {
      return h(`h${Math.min(6, this.level + below)}`, null, text);
    }

    /**
     * Shows a simulation result. Every value from the API goes in as text.
     * @param {Record<string, any>} r
     */
    renderResult(r) {
      const verdict = str(r.verdict);
      this.resultHeading = h(`h${this.level}`, { tabindex: -1 }, "Result");
      const parts = [
        this.resultHeading,
        h(
          "p",
          { class: "verdict" },
          h("span", { class: `badge v-${verdict.replace(/[^a-z-]/g, "")}`, "data-verdict": verdict }, verdict),
          // Inbound answers say how an accepted connection got in (plaintext, tls-passthrough, mesh-mtls).
          r.how ? h("span", { class: "how", "data-how": str(r.how) }, `(${str(r.how)})`) : null,
          h("span", null, str(obj(r.reason).message)),
        ),
        this.heading("Path", 1),
        renderPath(r),
        this.heading("Limits", 1),
        renderLimits(obj(r.limits)),
      ];
      const warnings = arr(r.warnings);
      if (warnings.length) parts.push(this.heading("Warnings", 1), h("ul", { class: "list warnings" }, ...warnings.map((w) => h("li", null, h("code", null, str(obj(w).code)), " ", str(obj(w).message)))));
      const mods = arr(r.modifications);
      if (mods.length) parts.push(this.heading("Modifications (MeshProxyPatch)", 1), h("ul", { class: "mods" }, ...mods.map((m) => renderModification(obj(m)))));
      const assumptions = arr(r.assumptions);
      if (assumptions.length) parts.push(this.heading("Assumptions", 1), h("ul", { class: "list" }, ...assumptions.map((a) => h("li", null, str(a)))));
      if (arr(r.trace).length) parts.push(details("Trace", h("ol", { class: "list" }, ...arr(r.trace).map((t) => h("li", null, str(t))))));
      if (r.config) parts.push(details("Patched Envoy config (JSON)", h("pre", null, h("code", null, JSON.stringify(r.config, null, 2)))));
      if (r.diff) {
        const n = arr(r.diff).length;
        const count = n === 0 ? "no changes" : `${n} RFC 6902 operation${n === 1 ? "" : "s"}`;
        parts.push(details(`Diff made by the patches (${count})`, h("pre", null, h("code", null, JSON.stringify(r.diff, null, 2)))));
      }
      this.result.replaceChildren(...parts);
      this.result.hidden = false;
    }
  }

  /** listener → filter chain → route → cluster, "not reached" where the connection stopped. @param {Record<string, any>} r */
  function renderPath(r) {
    /** @param {string} label @param {string | false | null | undefined} value */
    const step = (label, value) => h("li", null, h("span", { class: "k" }, `${label}: `), value ? h("code", null, value) : "not reached");
    const l = r.listener, fc = r.filterChain, rt = r.route, c = r.cluster;
    const route = rt && [str(rt.routeConfiguration), rt.virtualHost && `virtual host ${str(rt.virtualHost)}`, rt.route != null && `route #${str(rt.route)}`].filter(Boolean).join(" / ");
    return h(
      "ol",
      { class: "path", "aria-label": "Path through Envoy" },
      step("Listener", l && str(l.name) + (l.address ? ` (${str(l.address)})` : "")),
      step("Filter chain", fc && `#${str(fc.index)}` + (fc.name ? ` ${str(fc.name)}` : "")),
      step("Route", route || (rt ? "(none)" : null)),
      // A named cluster Envoy cannot find is the whole story of "no-cluster": say so on the path.
      step("Cluster", c && str(c.name) + (obj(r.reason).code === "no-cluster" ? " (does not exist)" : c.type ? ` (${str(c.type)})` : "")),
    );
  }

  /** The limits table: each value with who set it (kuma, envoy-default or <policy>#<index>). @param {Record<string, any>} limits */
  function renderLimits(limits) {
    /** @type {Array<[string, Record<string, any>]>} */
    const rows = [];
    for (const key of ["connectTimeout", "idleTimeout", "routeTimeout", "streamIdleTimeout"]) if (limits[key]) rows.push([key, obj(limits[key])]);
    for (const [key, limit] of Object.entries(obj(limits.circuitBreakers))) rows.push([key, obj(limit)]);
    if (!rows.length) return h("p", { class: "hint" }, "None: the connection reaches no cluster.");
    const row = (/** @type {[string, Record<string, any>]} */ [key, l]) => {
      const human = humanDuration(l.value);
      const source = str(l.source);
      return h(
        "tr",
        { "data-limit": key },
        h("th", { scope: "row" }, /** @type {Record<string, string>} */ (LIMIT_LABELS)[key] || key),
        h("td", null, str(l.value), human ? " " : null, human ? h("span", { class: "k" }, `(${human})`) : null),
        h("td", null, h("code", { class: source === "kuma" || source === "envoy-default" ? undefined : "src-policy" }, source)),
      );
    };
    return h(
      "div",
      { class: "table" },
      h(
        "table",
        null,
        h("caption", null, "What Envoy enforces on this connection, and who set it"),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, "Limit"), h("th", { scope: "col" }, "Value"), h("th", { scope: "col" }, "Source"))),
        h("tbody", null, ...rows.map(row)),
      ),
    );
  }

  /** One MeshProxyPatch modification: what it is, its status, what it matched, why. @param {Record<string, any>} m */
  function renderModification(m) {
    const status = str(m.status);
    const matched = arr(m.matched).map(str);
    // A long list comes as its first names and matchedCount (the API's include "full" lists all).
    const more = typeof m.matchedCount === "number" && m.matchedCount > matched.length ? `; … and ${m.matchedCount - matched.length} more` : "";
    return h(
      "li",
      { "data-source": str(m.source) },
      h("code", null, str(m.source)),
      ` ${str(m.kind)} ${str(m.operation)} `,
      h("span", { class: `badge s-${status.replace(/[^a-z-]/g, "")}` }, status),
      h("p", null, h("span", { class: "k" }, "Matched: "), matched.length ? matched.join("; ") + more : "nothing"),
      m.message ? h("p", null, str(m.message)) : null,
      arr(m.hints).length ? h("ul", { class: "list" }, ...arr(m.hints).map((x) => h("li", null, str(x)))) : null,
    );
  }

  /** A collapsed section: the config and diff are long and most readers want the verdict first. @param {string} summary @param {Node} body */
  function details(summary, body) {
    return h("details", null, h("summary", null, summary), body);
  }

  /** Removes the common indentation of an inline <script type="text/yaml"> block. @param {string} text */
  function dedent(text) {
    const lines = text.replace(/^\n+|\s+$/g, "").split("\n");
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => (/^ */.exec(l) || [""])[0].length));
    return lines.map((l) => l.slice(indent)).join("\n") + "\n";
  }

  /** @param {unknown} e */
  function errorText(e) {
    return e instanceof Error ? e.message : str(e);
  }

  /** A constructable stylesheet, or null where the browser has none (Safari < 16.4). */
  function makeSheet() {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      return sheet;
    } catch {
      return null;
    }
  }

  customElements.define(TAG, MeshsimTry);
})();
