// The browser half of map_page_test (tests/map_page_test.sh starts mdhubd and loads the data):
// opens the map page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core
// from web/node_modules), and checks that
//   - the layer list shows the expected layer, every layer in its own colour; the zoom button fits
//     the map to the layer, and unchecking a layer hides it;
//   - a screenshot shows the expected layer's features: enough pixels of its fill colour (blended
//     over the page background exactly as the page draws it);
//   - clicking a feature shows its id and property values in the side panel;
//   - the page fetched nothing from outside mdhubd and threw no errors.
// Usage: node map_page_test.js SPEC_JSON, SPEC = {web, url, out, layer, minPixels,
//   click: [lon, lat], expectText: [strings]}. Exit 0 when all pass.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const spec = JSON.parse(process.argv[2]);
const {chromium} = require(path.join(spec.web, 'node_modules', 'playwright-core'));

const FILL_ALPHA = 0.45;  // web/app.js draws fills with this opacity
const TOLERANCE = 6;      // per channel: rounding in blending and PNG colour handling

function check(ok, message) {
  if (!ok) throw new Error(message);
  console.log(`ok: ${message}`);
}

// '#rrggbb' or 'rgb(r, g, b)' -> [r, g, b]
function rgb(text) {
  if (text.startsWith('#')) {
    const n = parseInt(text.slice(1), 16);
    return [n >> 16, (n >> 8) & 255, n & 255];
  }
  return text.match(/\d+/g).slice(0, 3).map(Number);
}

// Pixels of the PNG within TOLERANCE of `colour`, decoded by the browser itself (no PNG library).
async function countPixels(page, png, colour) {
  return page.evaluate(async ({b64, colour, tolerance}) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - colour[0]) <= tolerance &&
          Math.abs(data[i + 1] - colour[1]) <= tolerance &&
          Math.abs(data[i + 2] - colour[2]) <= tolerance) ++n;
    }
    return n;
  }, {b64: png.toString('base64'), colour, tolerance: TOLERANCE});
}

async function main() {
  fs.mkdirSync(spec.out, {recursive: true});
  const tmp = process.env.TEST_TMPDIR || os.tmpdir();
  const profile = fs.mkdtempSync(path.join(tmp, 'mdhub-chromium-'));
  // A persistent context is how Playwright takes a fresh --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: {width: 1280, height: 800},
    timeout: 20000,
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(20000);
    const origin = new URL(spec.url).origin;
    const outside = [];
    const errors = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

    await page.goto(spec.url);
    // Wait for the layer's features to arrive, hide the other layers, zoom to this one, render.
    const row = page.locator(`#layers li[data-layer="${spec.layer}"]`);
    await row.waitFor();
    await page.waitForFunction((id) => {
      const count = document.querySelector(`#layers li[data-layer="${id}"] .count`);
      return count && Number(count.textContent) > 0;
    }, spec.layer);
    // The overview: every layer, each in a colour of its own.
    await page.evaluate(() => window.mdhubMap.rendered());
    await page.screenshot({path: path.join(spec.out, 'map-overview.png')});
    const colours = await page.$$eval('#layers li', (rows) => rows.map((r) => r.dataset.colour));
    check(new Set(colours).size === colours.length, `distinct layer colours ${colours.join(' ')}`);
    for (const other of await page.locator(`#layers li:not([data-layer="${spec.layer}"]) input`).all()) {
      await other.uncheck();  // e.g. the built-in province layer, which lies under the test layer
    }
    await row.locator('button.zoom').click();  // the page fits all layers; zoom to this one
    await page.evaluate(() => window.mdhubMap.rendered());

    const shotPath = path.join(spec.out, 'map.png');
    const png = await page.screenshot({path: shotPath});
    const background = rgb(await page.$eval('#map', (e) => getComputedStyle(e).backgroundColor));
    const colour = rgb(await row.getAttribute('data-colour'));
    const fill = colour.map((c, i) => Math.round(FILL_ALPHA * c + (1 - FILL_ALPHA) * background[i]));
    const pixels = await countPixels(page, png, fill);
    check(pixels >= spec.minPixels,
          `${shotPath}: ${pixels} pixels of ${spec.layer}'s fill rgb(${fill}) (need ${spec.minPixels})`);

    // Unchecking the layer takes its features off the map.
    await row.locator('input').uncheck();
    await page.evaluate(() => window.mdhubMap.rendered());
    const hidden = await countPixels(page, await page.screenshot(), fill);
    check(hidden < spec.minPixels / 20, `unchecked ${spec.layer}: ${hidden} pixels of its fill left`);
    await row.locator('input').check();
    await page.evaluate(() => window.mdhubMap.rendered());

    // Click the feature at spec.click (lon, lat) and read the side panel.
    const [x, y] = await page.evaluate(([lon, lat]) => window.mdhubMap.map.getPixelFromCoordinate(
        ol.proj.fromLonLat([lon, lat])), spec.click);
    await page.mouse.click(x, y);
    const table = page.locator('#feature-table');
    await table.waitFor();
    const text = await table.innerText();
    for (const expected of spec.expectText) {
      check(text.includes(expected), `the side panel shows "${expected}"`);
    }
    await page.evaluate(() => window.mdhubMap.rendered());
    await page.screenshot({path: path.join(spec.out, 'map-clicked.png')});

    check(outside.length === 0, `nothing fetched from outside ${origin} ${outside.join(' ')}`);
    check(errors.length === 0, `no page errors ${errors.join(' | ')}`);
  } finally {
    await context.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
}

main().then(() => console.log('PASS'), (e) => {
  console.error(`FAIL: ${e.message}`);
  process.exit(1);
});
