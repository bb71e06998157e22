// Loads an interactive page written by `nllplot --out demo.html` in headless Chromium and
// checks what a student would see: the page loads without console errors, draws a curve,
// and moving each slider changes the drawn curve.
//
// Usage: node html_slider.mjs PAGE.html   (Chromium at /usr/bin/chromium, or $CHROMIUM)
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const page_file = process.argv[2];
if (!page_file) {
  console.error("usage: node html_slider.mjs PAGE.html");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok" : "FAILED"}: ${what}`);
  if (!ok) failures++;
};
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  const requests = [];
  page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  await page.goto(pathToFileURL(page_file).href);
  const curve = () => page.getAttribute("#curve", "d");
  const before = await curve();
  check(before && before.length > 100, "the page draws a curve");
  const readout = await page.textContent("#readout");
  check(/MLE/.test(readout), `the readout names the estimate (${readout})`);

  // The true value first, at the largest n: two very different truths then give different
  // samples for certain (at n = 5 both could be all zeros, and so the same curve).
  await page.$eval("#truth", (s) => { s.value = "0"; s.dispatchEvent(new Event("input")); });
  const after_truth = await curve();
  check(after_truth !== before, "moving the true-value slider changes the curve");

  await page.$eval("#n", (s) => { s.value = "0"; s.dispatchEvent(new Event("input")); });
  const after_n = await curve();
  check(after_n !== after_truth, "moving the n slider changes the curve");

  check(errors.length === 0, `no console errors (${errors.join("; ")})`);
  check(requests.length === 0, `no network requests (${requests.join(", ")})`);
} finally {
  await browser.close();
}
console.log(`${4 + 2 - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
