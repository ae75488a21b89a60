/** FaultInjection cases as data (`cases/*.yaml`), run through the whole pipeline by the shared legacy runner. */
import { join } from "node:path";
import { describeLegacyHttpCases } from "../../../../test/support/legacy-http-cases.js";
import { faultInjection } from "./index.js";

describeLegacyHttpCases(faultInjection, join(import.meta.dirname, "cases"));
