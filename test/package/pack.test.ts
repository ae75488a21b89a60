/**
 * The packed CLI: `npm pack` (its prepack bundles dist/meshsim.mjs) into a temp dir, then
 * `npm i -g --prefix <tmp> ./meshsim-*.tgz --offline`, exactly the README's global install but into a temp
 * prefix and without the network (the tarball has no dependencies to fetch: the bundle holds them). The
 * installed `meshsim` answers --help and runs a case file with the same bytes and exit code as the clone's.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const npm = (args: string[], cwd: string) => spawnSync("npm", [...args, "--no-audit", "--no-fund"], { cwd, encoding: "utf8", timeout: 180_000 });

describe("npm pack and a global install of the tarball", { timeout: 240_000 }, () => {
  it("installs offline and runs without tsx or the sources", () => {
    const tmp = mkdtempSync(join(tmpdir(), "meshsim-pack-"));
    const pack = npm(["pack", "--json", "--pack-destination", tmp], process.cwd());
    expect(pack.status, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
    const shipped = info.files.map((f) => f.path).sort();
    expect(shipped).toEqual(["README.md", "bin/meshsim.mjs", "dist/meshsim.mjs", "package.json"]);
    expect(readdirSync(tmp)).toContain(info.filename);

    const prefix = join(tmp, "global");
    const install = npm(["i", "-g", "--prefix", prefix, `./${info.filename}`, "--offline"], tmp);
    expect(install.status, install.stderr).toBe(0);
    const bin = join(prefix, "bin", "meshsim");
    const help = spawnSync(bin, ["--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("3  inconclusive");

    const file = "test/expectations/c-docs-patch-2.14-fail-on-ineffective/input.yaml";
    const installed = spawnSync(bin, ["test", file, "--format", "sarif"], { encoding: "utf8" });
    const clone = spawnSync(process.execPath, ["bin/meshsim.mjs", "test", file, "--format", "sarif"], { encoding: "utf8" });
    expect(installed.status).toBe(1);
    expect({ status: installed.status, stdout: installed.stdout }).toEqual({ status: clone.status, stdout: clone.stdout });
  });
});
