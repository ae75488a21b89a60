/** kindExistsAt: a policy kind exists from its first release up to, not including, the release that removed it. */
import { describe, expect, it } from "vitest";
import { kindExistsAt } from "./policy.js";

describe("kindExistsAt", () => {
  // MeshPassthrough: introduced in 2.8.0 (kumahq/kuma commit 93c7b39cd2, absent at v2.7.29).
  const meshPassthrough = { since: "2.8.0" } as const;
  it("from `since` on", () => {
    expect(kindExistsAt(meshPassthrough, "2.7.29")).toBe(false);
    expect(kindExistsAt(meshPassthrough, "2.8.0")).toBe(true);
    expect(kindExistsAt(meshPassthrough, "2.14.3")).toBe(true);
  });
  it("until `removedIn`, exclusive (a made-up kind removed in 2.10.0)", () => {
    const removed = { since: "2.5.0", removedIn: "2.10.0" } as const;
    expect(kindExistsAt(removed, "2.9.19")).toBe(true);
    expect(kindExistsAt(removed, "2.10.0")).toBe(false);
  });
});
