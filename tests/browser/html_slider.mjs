// Loads an interactive page written by `nllplot --out demo.html` in headless Chromium and
// checks what a student would see: no console errors and no network requests; the LL, NLL
// and data panels drawn with a legend entry for every mark; each slider (n, the true value,
// the cursor θ₀) and a drag on the curve changing what is drawn; the cursor's NLL equal to
// the CSV nllplot writes for the same options, n and true value (to 1e-9); the three test
// statistics consistent with it; and screenshots at projector (1280 × 720) and phone
// (390 × 844) size, written to $SCREENSHOTS (or a temporary directory) to look at.
//
// Usage: node html_slider.mjs PAGE.html [NLLPLOT ARGS...]
//   NLLPLOT ARGS: the nllplot binary and the options the page was made with (without --out);
//   given, the readout is compared with that binary's CSV. Chromium: /usr/bin/chromium or
//   $CHROMIUM.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, basename } from "node:path";

const [page_file, nllplot, ...run_args] = process.argv.slice(2);
if (!page_file) {
  console.error("usage: node html_slider.mjs PAGE.html [NLLPLOT ARGS...]");
  process.exit(2);
}
const shots = process.env.SCREENSHOTS || mkdtempSync(join(tmpdir(), "nllplot-page-"));
mkdirSync(shots, { recursive: true });
const stem = basename(page_file).replace(/\.html?$/, "");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let passed = 0, failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok" : "FAILED"}: ${what}`);
  if (ok) passed++; else failures++;
};

// The CSV of `nllplot ARGS extra --csv x.csv`, as rows of numbers keyed by column.
const work = mkdtempSync(join(tmpdir(), "nllplot-csv-"));
// The page's options with their own -n and --true left out, for the ones the test gives.
const base_args = run_args.filter((a, i) =>
  !["-n", "--samples", "--true"].includes(a) && !["-n", "--samples", "--true"].includes(run_args[i - 1])
  && !/^(--samples|--true)=/.test(a));
function csv(extra) {
  const out = join(work, `c${passed + failures}.csv`);
  execFileSync(nllplot, [...(extra.length ? base_args : run_args), ...extra, "--csv", out, "--out", join(work, "figure.svg")], { stdio: ["ignore", "ignore", "inherit"] });
  const [head, ...lines] = readFileSync(out, "utf8").trim().split("\n");
  const names = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i], Number(v)])));
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  const requests = [];
  page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  await page.goto(pathToFileURL(page_file).href);
  const data = await page.evaluate(() => D);
  const observed = data.dataName !== null;
  const drawing = () => page.evaluate(() =>
    ["curve", "curve-ll", "model"].map((id) => document.getElementById(id)?.getAttribute("d") || "").join("|")
      + document.getElementById("data-plot").innerHTML.length);
  const readout = () => page.evaluate(() => ({ ...document.getElementById("readout").dataset }));
  const set = (id, value) => page.$eval(`#${id}`, (s, v) => { s.value = String(v); s.dispatchEvent(new Event("input")); }, value);
  const state = () => page.evaluate(() => ({
    n: D.truths[observed ? 0 : +document.getElementById("truth").value].curves[+document.getElementById("n").value].n,
    truth: observed ? null : D.truths[+document.getElementById("truth").value].value,
  }));

  const curve = await page.getAttribute("#curve", "d");
  check(curve && curve.length > 100, "the page draws the NLL curve");
  check((await page.getAttribute("#curve-ll", "d"))?.length > 100, "the page draws the LL curve");
  check(await page.$("#data-plot circle, #data-plot rect[fill-opacity]") !== null, "the data panel draws the observations");
  // A regression's scatter carries the model's mean response at the cursor (Model::fitted).
  const fitted = data.truths[data.start].curves.at(-1).model[0].length > 0;
  if (data.truths[0].panel.kind === "scatter" && fitted)
    check((await page.getAttribute("#model", "d"))?.length > 100, "the scatter has the fitted curve at the cursor");
  const title = await page.textContent("h1");
  check(title.trim().length > 0 && title === data.title, `the page has its title (${title})`);
  const meta = await page.textContent("#meta");
  check(meta.includes(data.family) && (observed ? meta.includes(data.dataName) : /draws from .*seed/.test(meta)),
    `the page names the family and the data source (${meta})`);
  for (const id of ["n", "cursor", ...(observed ? [] : ["truth"]), "freeze"]) {
    const label = await page.$(`label[for="${id}"]`);
    check(label !== null && (await label.textContent()).trim().length > 0, `input #${id} has a label`);
  }
  check(observed === (await page.$("#truth") === null), observed ? "observed data: no true-value slider" : "synthetic data: a true-value slider");
  // Every mark drawn has its legend entry: curve, estimate, interval, threshold, cursor, the
  // three tests (NLL), the true value where there is one.
  const nll_legend = await page.$$eval("#legend-nll li", (l) => l.map((e) => e.textContent));
  const wanted = ["NLL(", data.hat, "likelihood-ratio interval", "½χ²₁", "cursor", "LR", "score", ...(data.truths[0].swept !== null ? ["true"] : [])];
  check(wanted.every((w) => nll_legend.some((t) => t.includes(w))), `the NLL legend names every mark (${nll_legend.join(" / ")})`);
  check((await page.$$("#legend-ll li")).length >= 4 && (await page.$$("#legend-data li")).length >= 1, "the LL and data panels have legends");

  // The readout at the cursor against the CSV of the same run, n and true value.
  async function compare(what) {
    if (!nllplot) return;
    const r = await readout(), s = await state();
    const extra = ["-n", String(s.n)];
    if (s.truth !== null) extra.push("--true", String(s.truth));
    if (observed && s.n !== data.dataRows) return;
    const rows = csv(observed ? [] : extra);
    const row = rows[Number(r.index)];
    const theta = row.theta, nll = row.nll;
    check(row !== undefined && theta === Number(r.theta0), `${what}: the cursor θ₀ ${r.theta0} is the CSV's θ at row ${r.index} (${theta})`);
    check(Math.abs(nll - Number(r.nll)) <= 1e-9, `${what}: NLL(θ₀) ${r.nll} equals the CSV's ${nll} to 1e-9`);
    // The whole kept curve, not only the cursor's point.
    const page_nll = await page.evaluate(() => { const t = D.truths[observed ? 0 : +document.getElementById("truth").value]; return t.curves[+document.getElementById("n").value].nll; });
    const worst = Math.max(...data.kept.map((i, k) => page_nll[k] === null ? 0 : Math.abs(page_nll[k] - rows[i].nll)));
    check(worst <= 1e-9, `${what}: every point of the drawn curve equals the CSV to 1e-9 (worst ${worst})`);
  }
  await compare("at the start");

  // The three statistics: LR = 2ΔNLL, read back from the table.
  const stats = await page.$$eval("#tests td", (c) => c.map((e) => e.textContent));
  const r0 = await readout();
  check(stats.length === 9 && Math.abs(Number(stats[1].replace("−", "-")) - 2 * Number(r0.delta)) <= 1e-3 * Math.max(1, 2 * Number(r0.delta)),
    `the LR statistic is 2ΔNLL (${stats.join(" | ")})`);

  let before = await drawing();
  await set("cursor", 3);
  let after = await drawing();
  check(after !== before && (await readout()).theta0 !== r0.theta0, "moving the cursor slider moves θ₀ and redraws");
  await compare("cursor moved");

  // Dragging on the NLL panel moves the cursor too.
  const box = await (await page.$("#nll")).boundingBox();
  const r1 = await readout();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2);
  await page.mouse.up();
  check((await readout()).theta0 !== r1.theta0, "dragging on the curve moves the cursor");

  if (!observed) {
    before = await drawing();
    await set("truth", 0);
    after = await drawing();
    check(after !== before, "moving the true-value slider changes the curves");
    await compare("true value moved");
  }
  before = await drawing();
  await set("n", 1);
  after = await drawing();
  check(after !== before, "moving the n slider changes the curves");
  await compare("n moved");

  // Freezing the axis keeps the window when n changes; unfrozen it follows the curve.
  const ticks = () => page.$$eval("#nll text.xtick", (t) => t.map((e) => e.textContent).join(","));
  await page.check("#freeze");
  const frozen = await ticks();
  await set("n", data.ns.length - 1);
  check(await ticks() === frozen, "a frozen axis stays put when n changes");
  await page.uncheck("#freeze");
  check(await ticks() !== frozen, "an unfrozen axis follows the curve");

  // Keyboard: focus the n slider and step it with the arrow keys.
  await page.focus("#n");
  const n_before = await page.$eval("#n", (s) => s.value);
  await page.keyboard.press("ArrowLeft");
  check(await page.$eval("#n", (s) => s.value) !== n_before, "the n slider moves with the keyboard");
  await page.keyboard.press("ArrowRight");

  await page.screenshot({ path: join(shots, `${stem}-1280x720.png`) });
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  check(fits, "no horizontal scrolling at 1280 × 720");
  // A projector shows the whole page, in every theme (the projector theme's large type too):
  // no vertical scrolling, no text cut off in the controls or the readout, and every plot at
  // least a sixth of the height.
  const layout = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    cut: ["controls", "readout"].filter((id) => { const e = document.getElementById(id); return e.scrollHeight > e.clientHeight + 1; }),
    plots: ["ll", "nll", "data-plot"].map((id) => Math.round(document.getElementById(id).getBoundingClientRect().height)),
  }));
  check(layout.height <= 720, `no vertical scrolling at 1280 × 720 (page ${layout.height} px tall)`);
  check(layout.cut.length === 0, `nothing cut off at 1280 × 720 (${layout.cut.join(", ")})`);
  check(layout.plots.every((h) => h >= 120), `every plot at least 120 px tall at 1280 × 720 (${layout.plots.join(", ")})`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.dispatchEvent(new Event("resize")));
  await page.screenshot({ path: join(shots, `${stem}-390x844.png`), fullPage: true });
  check(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no horizontal scrolling at 390 × 844");
  console.log(`screenshots: ${join(shots, stem)}-1280x720.png, -390x844.png`);

  check(errors.length === 0, `no console errors (${errors.join("; ")})`);
  check(requests.length === 0, `no network requests (${requests.join(", ")})`);
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
