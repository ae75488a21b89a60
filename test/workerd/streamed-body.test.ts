/**
 * Issue #15 point 4: after a streamed body (no Content-Length) over the size limit gets its 413, the next
 * request must be answered normally. meshsim reads the rest of such a body and drops it instead of
 * cancelling the stream (src/http/body.ts, DRAIN_LIMIT_BYTES); over HTTP the cancel made wrangler dev
 * answer the next request with a 503 (src/index.test.ts repeats this against real wrangler dev).
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("an over-limit streamed body inside workerd", () => {
  it("gets its 413, is read to its end, and the next request answers 200", { timeout: 60_000 }, async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const chunks = 32; // 2 MiB against the 1 MiB JSON limit of wrangler.toml
    for (let round = 0; round < 3; round++) {
      let pulls = 0;
      let cancelled = false;
      const body = new ReadableStream({ pull: (c) => (++pulls <= chunks ? c.enqueue(chunk) : c.close()), cancel: () => void (cancelled = true) });
      const res = await exports.default.fetch("http://meshsim.test/v1/simulate", { method: "POST", body, headers: { "content-type": "application/json" } });
      expect(res.status).toBe(413);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(((await res.json()) as { detail: string }).detail).toBe("the JSON body limit is 1048576 bytes");
      expect(cancelled).toBe(false);
      expect(pulls).toBe(chunks + 1);
      const next = await exports.default.fetch("http://meshsim.test/healthz");
      expect(next.status).toBe(200);
      expect(await next.json()).toEqual({ status: "ok" });
    }
  });
});
