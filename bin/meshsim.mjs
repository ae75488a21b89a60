#!/usr/bin/env node
/**
 * `meshsim`: loads the TypeScript CLI through tsx (a devDependency), so `npx meshsim` works from a clone
 * after `npm ci`. A packaged build that needs no tsx (npm pack, global install) is issue #13's.
 */
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
