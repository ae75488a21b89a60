/** Worker settings from the environment: positive integers or the defaults, comma-separated origins. */
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, settingsFrom } from "./config.js";

describe("settingsFrom", () => {
  it("defaults: 1 MiB JSON, 128 KiB YAML, any origin", () => {
    expect(DEFAULT_SETTINGS).toEqual({ maxJsonBytes: 1048576, maxYamlBytes: 131072, allowedOrigins: ["*"] });
    expect(settingsFrom(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(settingsFrom({})).toEqual(DEFAULT_SETTINGS);
  });
  it("takes positive integers given as strings (wrangler [vars]) or numbers", () => {
    expect(settingsFrom({ MAX_JSON_BYTES: "2048", MAX_YAML_BYTES: 4096 })).toMatchObject({ maxJsonBytes: 2048, maxYamlBytes: 4096 });
  });
  it("falls back to the default for zero, negatives, fractions, non-numbers and other types", () => {
    for (const v of ["0", "-5", "1.5", "abc", "", " ", true, null, {}]) expect(settingsFrom({ MAX_JSON_BYTES: v }).maxJsonBytes, String(v)).toBe(1048576);
  });
  it("splits CORS_ALLOWED_ORIGINS on commas, trims, drops empty entries", () => {
    expect(settingsFrom({ CORS_ALLOWED_ORIGINS: " https://a.example , https://b.example,, " }).allowedOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(settingsFrom({ CORS_ALLOWED_ORIGINS: 5 }).allowedOrigins).toEqual(["*"]);
  });
});
