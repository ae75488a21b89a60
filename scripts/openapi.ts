/** Writes openapi.yaml from the zod schemas (`npm run openapi`). A test fails when the file drifts. */
import { writeFileSync } from "node:fs";
import { openApiYaml } from "../src/http/openapi.js";

writeFileSync(new URL("../openapi.yaml", import.meta.url), openApiYaml());
console.log("wrote openapi.yaml");
