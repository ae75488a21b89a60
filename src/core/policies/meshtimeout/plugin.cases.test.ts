/** The plugin's cases as data (`cases/*.yaml`), run by the shared runner of policy-less default plugins. */
import { join } from "node:path";
import { describeDefaultPluginCases } from "../../../../test/support/default-plugin-cases.js";
import { meshTimeout } from "./index.js";

describeDefaultPluginCases(meshTimeout, join(import.meta.dirname, "cases"));
