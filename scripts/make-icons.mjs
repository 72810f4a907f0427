// Renders assets/icon.svg to the PNG sizes the installers use (assets/icon.png at 1024 px, and
// assets/icons/NxN.png for Linux), with the Chromium the tests use. Run after changing the SVG:
// node scripts/make-icons.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const svg = readFileSync('assets/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
mkdirSync('assets/icons', { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  const out = size === 1024 ? 'assets/icon.png' : `assets/icons/${size}x${size}.png`;
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
await browser.close();
console.log('Wrote assets/icon.png and assets/icons/*.png');
