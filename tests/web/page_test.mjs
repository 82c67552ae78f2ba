// The web page in headless Chromium against a real textlensd: paste an
// article, analyze it, check what the page shows (entities highlighted with
// their details on focus, ranked summary sentences, the stance gauge and its
// evidence), drop an HTML file, and read the page at 320 px. Screenshots go
// to the build folder.
//
//   node page_test.mjs URL ARTICLE.txt OUT_DIR
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const [url, articlePath, outDir] = process.argv.slice(2);
const article = readFileSync(articlePath, 'utf8');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const failures = [];
async function check(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}: ${error.message}`);
  }
}

async function analyzePasted(page) {
  await page.goto(url);
  await page.locator('input[name=analyzer]').first().waitFor();
  await page.fill('#text', article);
  await page.click('#run');
  await page.locator('#results').waitFor({ state: 'visible', timeout: 30000 });
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  await analyzePasted(page);

  await check('lists the server analyzers as choices', async () => {
    const names = await page.locator('input[name=analyzer]').evaluateAll((inputs) => inputs.map((i) => i.value));
    assert.deepEqual(names.sort(), ['entities', 'stance', 'summarizer']);
  });
  await check('highlights entities by type', async () => {
    const marks = await page.locator('#document mark.ent').count();
    const types = await page.locator('#document mark.ent').evaluateAll(
      (nodes) => [...new Set(nodes.map((n) => [...n.classList].find((c) => c.startsWith('ent-'))))]);
    assert.ok(marks >= 5, `${marks} marks`);
    assert.ok(types.length >= 2, `types ${types}`);
    const text = await page.locator('#document').innerText();
    assert.ok(text.includes('DeepSeek') || text.includes('Mistral'), 'the document text is shown');
  });
  await check('shows an entity\'s details on keyboard focus', async () => {
    await page.focus('#text');
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement.matches('mark.ent'))) break;
    }
    assert.ok(await page.evaluate(() => document.activeElement.matches('mark.ent')), 'Tab reaches an entity');
    const tip = page.locator('#tooltip');
    await tip.waitFor({ state: 'visible' });
    const details = await tip.innerText();
    for (const field of ['Name', 'KB id', 'Openness', 'Owner']) assert.ok(details.includes(field), field);
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
  });
  await check('marks and ranks the summary sentences', async () => {
    assert.ok(await page.locator('#document .summary-sentence').count() > 0);
    const ranks = await page.locator('#document .rank').allInnerTexts();
    assert.ok(ranks.includes('1'), `ranks ${ranks}`);
    assert.ok(await page.locator('#summary li').count() > 0);
    assert.ok(await page.locator('#key-phrases li').count() > 0);
  });
  await check('shows the stance as a gauge with its evidence', async () => {
    const label = await page.locator('#stance-label').innerText();
    assert.match(label, /score -?\d\.\d\d/);
    const value = await page.locator('#gauge').getAttribute('aria-valuenow');
    assert.ok(Math.abs(Number(value)) <= 1, value);
    assert.ok(await page.locator('#evidence li').count() > 0, 'evidence sentences');
    assert.ok(await page.locator('#evidence .cue').count() > 0, 'cue words');
    assert.ok(await page.locator('#document .evidence-sentence').count() > 0);
  });
  await page.screenshot({ path: `${outDir}/web-page.png`, fullPage: true });

  await check('is readable at 320 px without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `scroll width ${width}`);
    await page.screenshot({ path: `${outDir}/web-page-320.png` });
  });

  await check('sends a chosen HTML file as bytes for the server to read', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    await page.locator('input[name=analyzer]').first().waitFor();
    const html = '<html><head><title>Un titre HTML</title></head><body><article><h1>Un titre HTML</h1>' +
      '<p>Mistral AI publie les poids de son modèle à Paris.</p></article></body></html>';
    await page.setInputFiles('#file', { name: 'article.html', mimeType: 'text/html', buffer: Buffer.from(html) });
    await page.locator('#clear-file').waitFor({ state: 'visible' });
    await page.click('#run');
    await page.locator('#results').waitFor({ state: 'visible', timeout: 30000 });
    const info = await page.locator('#doc-info').innerText();
    assert.ok(info.includes('text/html'), info);
    const text = await page.locator('#document').innerText();
    assert.ok(!text.includes('<p>'), 'tags are not shown');
  });

  await check('reports a refused request', async () => {
    await page.goto(url);
    await page.locator('input[name=analyzer]').first().waitFor();
    await page.locator('input[name=analyzer]').evaluateAll((inputs) => inputs.forEach((i) => { i.checked = false; }));
    await page.fill('#text', '\u0000');
    await page.click('#run');
    await page.locator('#status.error').waitFor();
    assert.match(await page.locator('#status').innerText(), /^400 INVALID_ARGUMENT/);
  });
} finally {
  await browser.close();
}
if (failures.length > 0) {
  console.log(`${failures.length} failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`web page: all checks passed; screenshots in ${outDir}`);
