/** The plugin's cases as data (`cases/*.yaml`), run by the shared runner of policy-less default plugins. */
import { join } from "node:path";
import { describeDefaultPluginCases } from "../../../../test/support/default-plugin-cases.js";
import { meshCircuitBreaker } from "./index.js";

describeDefaultPluginCases(meshCircuitBreaker, join(import.meta.dirname, "cases"));
