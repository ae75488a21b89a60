/** TrafficPermission cases as data (`cases/*.yaml`); the runner is permission.cases.fixtures.ts. */
import { join } from "node:path";
import { describe } from "vitest";
import { permissionCases } from "./permission.cases.fixtures.js";

describe("TrafficPermission cases", () => permissionCases(join(import.meta.dirname, "cases")));
