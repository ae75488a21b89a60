/** Settings read from the Worker's environment (`[vars]` in wrangler.toml), with safe defaults. */
export interface HttpSettings {
  readonly maxJsonBytes: number;
  readonly maxYamlBytes: number;
  /** `["*"]` allows any origin; credentials are never allowed. */
  readonly allowedOrigins: readonly string[];
}

export const DEFAULT_SETTINGS: HttpSettings = { maxJsonBytes: 1 << 20, maxYamlBytes: 128 << 10, allowedOrigins: ["*"] };

function positiveInt(v: unknown, fallback: number): number {
  const n = typeof v === "string" ? Number(v) : typeof v === "number" ? v : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function settingsFrom(env: Record<string, unknown> | undefined): HttpSettings {
  const origins = typeof env?.["CORS_ALLOWED_ORIGINS"] === "string" ? env["CORS_ALLOWED_ORIGINS"] : "*";
  return {
    maxJsonBytes: positiveInt(env?.["MAX_JSON_BYTES"], DEFAULT_SETTINGS.maxJsonBytes),
    maxYamlBytes: positiveInt(env?.["MAX_YAML_BYTES"], DEFAULT_SETTINGS.maxYamlBytes),
    allowedOrigins: origins.split(",").map((s) => s.trim()).filter((s) => s !== ""),
  };
}
