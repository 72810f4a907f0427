// The import benchmark's file: ROWS profiles with 10 attributes and 1–3 push registrations each,
// the same every run (seeded). Run by bench/import.bench.ts in a child process:
//   node --import tsx bench/import-data.ts FILE ROWS
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { seededRandom } from '../main/services/prng.js';

const [file, rowsArg] = process.argv.slice(2);
if (!file || !rowsArg) throw new Error('usage: import-data.ts FILE ROWS');
const ROWS = Number(rowsArg);

const tiers = ['bronze', 'silver', 'gold', 'platinum'];
const locales = ['en-US', 'fr-FR', 'de-DE', 'es-ES', 'it-IT'];
const apps = [
  ['com.acme.shop', 'apns'],
  ['com.acme.shop', 'fcm'],
  ['com.acme.news', 'fcm'],
];
// mulberry32 has a full 2^32 period, so generated tokens don't repeat.
const rand = seededRandom(42);
const hex = (n: number) => {
  let s = '';
  for (let i = 0; i < n; i += 1) s += '0123456789abcdef'[Math.floor(rand() * 16)];
  return s;
};
const out = createWriteStream(file);
const header = ['identity.email', 'identity.crmId', 'firstName', 'lastName', 'locale', 'timezone', 'loyalty.tier', 'loyalty.points', 'age', 'city', 'optIn', 'signupDate'];
for (let s = 1; s <= 3; s += 1) header.push(`push.${s}.appId`, `push.${s}.platform`, `push.${s}.token`, `push.${s}.ecid`);
out.write(`${header.join(',')}\n`);
let buffer = '';
for (let i = 0; i < ROWS; i += 1) {
  const cells = [
    `user${i}@example.com`,
    `CRM${i}`,
    `First${i % 997}`,
    `Last${i % 991}`,
    locales[i % locales.length]!,
    'Europe/Paris',
    tiers[i % tiers.length]!,
    String(Math.floor(rand() * 10000)),
    String(18 + (i % 60)),
    `"City ${i % 500}, Region"`,
    i % 3 === 0 ? 'true' : 'false',
    `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  ];
  const regs = 1 + (i % 3);
  for (let s = 0; s < 3; s += 1) {
    if (s < regs) {
      const [app, platform] = apps[s]!;
      cells.push(app!, platform!, platform === 'fcm' ? `fcm${i}_${s}:${hex(40)}` : hex(64), `ecid-${i}-${s}`);
    } else cells.push('', '', '', '');
  }
  buffer += `${cells.join(',')}\n`;
  if (buffer.length > 1 << 20) {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  }
}
out.end(buffer);
await once(out, 'finish');
