import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The browser tests: their own vitest config (`npm run test:browser`), because they need Chromium and
// start wrangler dev; the root config leaves test/browser out of `npm test`'s node project.
export default defineConfig({
  test: {
    name: "browser",
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
