/** MeshTrafficPermission cases as data (`cases/*.yaml`); the runner is trafficpermission/permission.cases.fixtures.ts. */
import { join } from "node:path";
import { describe } from "vitest";
import { permissionCases } from "../trafficpermission/permission.cases.fixtures.js";

describe("MeshTrafficPermission cases", () => permissionCases(join(import.meta.dirname, "cases")));
