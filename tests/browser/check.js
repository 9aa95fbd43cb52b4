// Drives Debian's chromium (through playwright-core, no downloaded browser) over
// reftrace HTML reports and prints PASS/FAIL per check, then "N passed, M failed".
// Usage: node check.js SEED.html SEED.json HOSTILE.html SCREENSHOT_DIR
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

const [seedHtml, seedJson, hostileHtml, shotDir] = process.argv.slice(2);
let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed += 1;
    console.log(`PASS ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ""}`);
  }
}

const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// One page on a report: records every request, console error and page error.
async function openPage(context, file, width, height) {
  const url = pathToFileURL(path.resolve(file)).href;
  const page = await context.newPage();
  const seen = { requests: [], errors: [] };
  await page.setViewportSize({ width, height });
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    seen.requests.push(u);
    return route.abort();
  });
  page.on("request", (r) => { if (r.url() !== url) seen.requests.push(r.url()); });
  page.on("console", (m) => { if (m.type() === "error") seen.errors.push(m.text()); });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  return { page, seen };
}

const panelTitle = (page) => page.locator("#panel-title").textContent();

async function seedChecks(context, trace) {
  const { page, seen } = await openPage(context, seedHtml, 1280, 900);
  const claims = await page.$$eval("[data-claim]", (els) =>
    els.map((e) => ({ n: Number(e.dataset.claim), status: e.dataset.status })));
  check("one data-claim element per claim",
    claims.length === trace.claims.length &&
      new Set(claims.map((c) => c.n)).size === claims.length,
    `${claims.length} elements, ${trace.claims.length} claims in the JSON`);
  const wrong = trace.claims.filter((c) => !claims.some((d) => d.n === c.index && d.status === c.status));
  check("each claim element has its status", wrong.length === 0,
    wrong.map((c) => `claim ${c.index} should be ${c.status}`).join("; "));
  const embedded = JSON.parse(await page.locator("#reftrace-data").textContent());
  check("embedded JSON has the same claims", embedded.claims.length === trace.claims.length);
  const unmarked = await page.$$eval('[data-status="supported"]', (els) =>
    els.filter((e) => !(e.nextElementSibling && e.nextElementSibling.matches("sup.cite")))
      .map((e) => e.dataset.claim));
  check("a citation marker after every supported claim", unmarked.length === 0, `claims ${unmarked}`);

  const pick = trace.claims.find((c) => c.status === "supported" && c.sources.length > 1);
  await page.click(`[data-claim="${pick.index}"]`);
  const sources = await page.$$eval("#panel .source .src", (els) => els.map((e) => e.dataset.ref));
  const want = pick.sources.map((l) => String(l.index));
  check("clicking a claim reveals its sources",
    (await page.locator("#panel").isVisible()) && (await panelTitle(page)) === `Claim ${pick.index}` &&
      JSON.stringify(sources) === JSON.stringify(want),
    `panel shows ${sources}, JSON has ${want}`);
  const evidence = await page.locator("#panel .evidence li").count();
  check("the claim's panel shows evidence and confidence",
    evidence > 0 && (await page.locator("#panel .conf").first().textContent()).includes("confidence"));
  await page.screenshot({ path: path.join(shotDir, "desktop.png") });
  console.log(`screenshot ${path.join(shotDir, "desktop.png")}`);

  const ref = pick.sources[0].index;
  await page.click(`#panel .src[data-ref="${ref}"]`);
  const users = await page.$$eval("#panel [data-goto]", (els) => els.map((e) => Number(e.dataset.goto)));
  const expected = trace.references.find((r) => r.index === ref).claims;
  check("clicking a source reveals its claims",
    (await panelTitle(page)) === `Source #${ref}` && JSON.stringify(users) === JSON.stringify(expected),
    `panel lists ${users}, JSON has ${expected}`);
  const other = expected.find((n) => n !== pick.index) || expected[0];
  await page.click(`#panel [data-goto="${other}"]`);
  check("a claim listed under a source opens and is marked in the article",
    (await panelTitle(page)) === `Claim ${other}` &&
      (await page.locator(`#article [data-claim="${other}"].selected`).count()) === 1);

  const loner = trace.claims.find((c) => c.status === "unsupported") || trace.claims[trace.claims.length - 1];
  await page.focus(`[data-claim="${loner.index}"]`);
  await page.keyboard.press("Enter");
  check("Enter on a focused claim opens it", (await panelTitle(page)) === `Claim ${loner.index}`);
  await page.screenshot({ path: path.join(shotDir, "desktop-full.png"), fullPage: true });
  console.log(`screenshot ${path.join(shotDir, "desktop-full.png")}`);

  await page.emulateMedia({ media: "print" });
  check("print hides the panel and keeps every card",
    !(await page.locator("#panel").isVisible()) &&
      (await page.locator("#claims .card:visible").count()) === trace.claims.length);
  await page.emulateMedia({ media: "screen" });
  await page.close();

  const phone = await openPage(context, seedHtml, 390, 844);
  const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  check("no horizontal scroll at 390 px", width <= 390, `scroll width ${width}`);
  check("phone: panel closed until a claim is chosen", !(await phone.page.locator("#panel").isVisible()));
  await phone.page.screenshot({ path: path.join(shotDir, "phone-top.png") });
  await phone.page.click(`[data-claim="${pick.index}"]`);
  check("phone: clicking a claim opens the sheet with its sources",
    (await phone.page.locator("#panel").isVisible()) &&
      (await phone.page.locator("#panel .source").count()) === pick.sources.length);
  const after = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  check("phone: still no horizontal scroll with the sheet open", after <= 390, `scroll width ${after}`);
  await phone.page.screenshot({ path: path.join(shotDir, "phone.png") });
  console.log(`screenshot ${path.join(shotDir, "phone-top.png")}`);
  console.log(`screenshot ${path.join(shotDir, "phone.png")}`);
  await phone.page.keyboard.press("Escape");
  check("phone: Escape closes the sheet", !(await phone.page.locator("#panel").isVisible()));
  await phone.page.close();

  const all = seen.requests.concat(phone.seen.requests);
  check("no network requests", all.length === 0, all.join(", "));
  const errors = seen.errors.concat(phone.seen.errors);
  check("no console errors", errors.length === 0, errors.join(" | "));
}

// With scripts switched off the report still reads: a claim is a link to its card.
async function noScriptChecks(context, trace) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(pathToFileURL(path.resolve(seedHtml)).href, { waitUntil: "load" });
  const pick = trace.claims.find((c) => c.sources.length > 0);
  await page.click(`[data-claim="${pick.index}"]`);
  const box = await page.locator(`#claim-${pick.index}`).boundingBox();
  check("without JavaScript a claim leads to its card with sources",
    page.url().endsWith(`#claim-${pick.index}`) && box !== null && Math.abs(box.y) < 5 &&
      (await page.locator(`#claim-${pick.index} .source`).count()) === pick.sources.length,
    `url ${page.url()}, card at ${box && box.y}`);
  await page.close();
}

async function hostileChecks(context) {
  const { page, seen } = await openPage(context, hostileHtml, 1280, 900);
  const scripts = await page.locator("script").count();
  const handlers = await page.evaluate(() =>
    Array.from(document.querySelectorAll("*")).flatMap((e) =>
      Array.from(e.attributes).filter((a) => a.name.startsWith("on")).map((a) => `${e.tagName}.${a.name}`)));
  const injected = await page.locator("img, svg, style:not(head > style), a[href^='http']").count();
  check("hostile article: no injected scripts, handlers or elements",
    scripts === 2 && handlers.length === 0 && injected === 0,
    `${scripts} scripts, handlers ${handlers}, ${injected} injected elements`);
  const title = await page.locator("h1.title [data-claim]").evaluate((e) => e.firstChild.textContent);
  check("hostile article: the title stays text",
    title.includes('<script>alert("title")</script>') && title.includes('"onmouseover=') &&
      title.includes("</style>"), title);
  const bodyShown = await page.locator("#article").isVisible();
  check("hostile article: the page still renders", bodyShown);
  await page.click('[data-claim="1"]');
  check("hostile article: panel works", (await panelTitle(page)) === "Claim 1");
  await page.setViewportSize({ width: 390, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check("hostile article: no horizontal scroll at 390 px", width <= 390, `scroll width ${width}`);
  check("hostile article: no network requests or console errors",
    seen.requests.length === 0 && seen.errors.length === 0,
    seen.requests.concat(seen.errors).join(" | "));
  await page.close();
}

(async () => {
  const trace = JSON.parse(fs.readFileSync(seedJson, "utf8"));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "reftrace-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: FLAGS,
      offline: true,
    });
    await seedChecks(context, trace);
    await noScriptChecks(context, trace);
    await hostileChecks(context);
  } catch (e) {
    check("browser run", false, String(e && e.stack ? e.stack : e));
  } finally {
    if (context) await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
})();
