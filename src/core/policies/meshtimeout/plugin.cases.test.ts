/** The plugin's cases as data (`cases/*.yaml`), run by the shared runner of resource-configuring plugins. */
import { join } from "node:path";
import { describeResourcePluginCases } from "../../../../test/support/resource-plugin-cases.js";
import { meshTimeout } from "./index.js";

describeResourcePluginCases(meshTimeout, join(import.meta.dirname, "cases"));
