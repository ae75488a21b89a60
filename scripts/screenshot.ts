/**
 * `npm run screenshot`: the README's picture of the try-it page (docs/try-it.png), taken from the page as it
 * is: the Worker in wrangler dev, Debian's Chromium, the built-in example's result shown on load. It also
 * records the page's visible text (docs/try-it.txt); the browser test "the README screenshot is current"
 * fails when the page shows anything else, which means: run this again.
 */
import { writeFileSync } from "node:fs";
import { launchChromium, openReadmePage, README_SCREENSHOT, README_SCREENSHOT_TEXT, startWorker, visibleText } from "../test/browser/harness.js";

const worker = await startWorker();
const chromium = await launchChromium().catch((e) => {
  worker.stop();
  throw e;
});
try {
  const { page, problems } = await openReadmePage(chromium.browser, worker.base);
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: README_SCREENSHOT, fullPage: true });
  writeFileSync(README_SCREENSHOT_TEXT, await visibleText(page));
  if (problems().length > 0) throw new Error(`the page had problems:\n${problems().join("\n")}`);
  console.log(`wrote ${README_SCREENSHOT} and ${README_SCREENSHOT_TEXT}`);
} finally {
  await chromium.close();
  worker.stop();
}
