/**
 * The part of Go's text/template that HostnameGenerator templates use: text, `{{ .Field }}` and
 * `{{ label "key" }}` actions, with `{{-` / `-}}` trimming (golang text/template doc: "Text and spaces").
 * Anything else is reported as unsupported rather than guessed.
 */

/** Evaluation of one template: the text, Kuma's execution error, or a construct meshsim does not evaluate. */
export type TemplateResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string } | { readonly ok: false; readonly unsupported: string };

/** What a template can read: struct fields by name and the `label` function. */
export interface TemplateData {
  readonly fields: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

const FIELD = /^\.([A-Za-z_][A-Za-z0-9_]*)$/;
const LABEL = /^label\s+"((?:[^"\\]|\\.)*)"$/;

/** Evaluates `template` against `data` as Go's text/template would for the supported actions. */
export function evaluateTemplate(template: string, data: TemplateData): TemplateResult {
  let out = "";
  let rest = template;
  for (;;) {
    const open = rest.indexOf("{{");
    if (open < 0) return { ok: true, text: out + rest };
    let text = rest.slice(0, open);
    let after = rest.slice(open + 2);
    // "{{- " trims the white space before the action (the dash must be followed by a space).
    if (/^-[ \t\r\n]/.test(after)) {
      text = text.replace(/[ \t\r\n]+$/, "");
      after = after.slice(1);
    }
    out += text;
    const close = after.indexOf("}}");
    if (close < 0) return { ok: false, unsupported: `unclosed action in ${JSON.stringify(template)}` };
    let body = after.slice(0, close);
    rest = after.slice(close + 2);
    if (/[ \t\r\n]-$/.test(body)) {
      body = body.slice(0, -1);
      rest = rest.replace(/^[ \t\r\n]+/, "");
    }
    const action = body.trim();
    const field = FIELD.exec(action);
    if (field) {
      const v = data.fields[field[1]!];
      // text/template: a missing struct field is an execution error.
      if (v === undefined) return { ok: false, error: `can't evaluate field ${field[1]}` };
      out += v;
      continue;
    }
    const label = LABEL.exec(action);
    if (label) {
      const key = JSON.parse(`"${label[1]!}"`) as string;
      const v = data.labels[key];
      // kumahq/kuma@v2.14.3 pkg/core/resources/apis/hostnamegenerator/hostname/generator.go EvaluateTemplate: "label %s not found"
      if (v === undefined) return { ok: false, error: `label ${key} not found` };
      out += v;
      continue;
    }
    return { ok: false, unsupported: `meshsim evaluates only {{ .Field }} and {{ label "key" }} actions, not {{${body}}}` };
  }
}

const DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`);

/** k8s.io/apimachinery `validation.IsDNS1123Subdomain`: at most 253 characters of lower-case RFC 1123 labels joined by dots. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}
