import { expect, it } from "vitest";
import { joinPath } from "../../src/core/errors.js";
it("joins paths", () => { expect(joinPath("resources", 2, "spec", "x")).toBe("resources[2].spec.x"); });
