import { describe, expect, it } from "vitest";
import { progress } from "./progress.js";

const run = (isTTY: boolean, times: number[]) => {
  let out = "";
  const clock = [...times];
  const p = progress({ isTTY, now: () => clock.shift() ?? 5000, stderr: (s) => void (out += s) }, 1000);
  p.step(0, 3, "a.yaml");
  p.step(1, 3, "b.yaml");
  p.step(2, 3, "c.yaml");
  p.end();
  return out;
};

describe("progress", () => {
  it("draws nothing when stderr is not a terminal, however long the run", () => {
    expect(run(false, [0, 5000, 6000, 7000])).toBe("");
  });
  it("on a terminal, draws from the first step after 1 s, in place, and erases the line at the end", () => {
    // Started at 0; steps at 200 ms (too early), 1500 ms and 2500 ms.
    expect(run(true, [0, 200, 1500, 2500])).toBe("\r\u001b[2Kmeshsim: 1/3 done, running b.yaml\r\u001b[2Kmeshsim: 2/3 done, running c.yaml\r\u001b[2K");
  });
  it("a short run on a terminal draws nothing", () => {
    expect(run(true, [0, 10, 20, 30])).toBe("");
  });
});
