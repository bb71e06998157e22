// The README's picture of the interactive page: PAGE.html opened in headless Chromium at
// projector size (1280 × 720) and saved as PNG.
//
// Usage: node tests/browser/screenshot.mjs PAGE.html OUT.png   (bash tools/page-screenshot.sh)
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [page_file, png] = process.argv.slice(2);
if (!page_file || !png) {
  console.error("usage: node screenshot.mjs PAGE.html OUT.png");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(pathToFileURL(page_file).href);
  // A cursor away from the estimate, so the three tests have something to show.
  await page.$eval("#cursor", (s) => { s.value = String(Math.round(0.72 * s.max)); s.dispatchEvent(new Event("input")); });
  await page.screenshot({ path: png });
} finally {
  await browser.close();
}
