import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Two projects: the pure core and the Hono app in Node (fast), and the same Worker inside workerd
// (the real runtime) through @cloudflare/vitest-pool-workers.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["test/workerd/**", "test/browser/**"],
        },
      },
      {
        plugins: [cloudflareTest({ main: "./src/index.ts", wrangler: { configPath: "./wrangler.toml" } })],
        test: {
          name: "workerd",
          // The first test of a file pays workerd's cold start of the Worker, seconds on a loaded 2-core machine.
          testTimeout: 30_000,
          include: ["test/workerd/**/*.test.ts"],
          benchmark: { include: ["test/bench/**/*.bench.ts"] },
        },
      },
    ],
  },
});
