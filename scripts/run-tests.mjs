// `npm test`: build, typecheck, lint, unit tests (Vitest) and end-to-end tests (Playwright in
// Debian's Chromium), every step run even when an earlier one fails, then one closing line
// `N passed, N failed, N skipped` summed over all of them (build, typecheck and lint count one
// check each). The line is also written to test-results/summary.txt for .ci/run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

rmSync('test-results/vitest.json', { force: true });
rmSync('test-results/playwright.json', { force: true });
mkdirSync('test-results', { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(name, command, args) {
  console.log(`\n── ${name} ──`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  return result.status === 0;
}

function check(name, command, args) {
  if (run(name, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(name);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
check('build', process.execPath, ['scripts/build.mjs', '--quiet']);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);

const unitOk = run('unit tests (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']);
const unit = readJson('test-results/vitest.json');
if (unit) {
  totals.passed += unit.numPassedTests;
  totals.failed += unit.numFailedTests;
  totals.skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
  if (unit.numFailedTests > 0 || !unitOk) failures.push('unit tests');
  if (!unitOk && unit.numFailedTests === 0) totals.failed += 1; // a suite that failed to load
} else {
  totals.failed += 1;
  failures.push('unit tests (no report)');
}

if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
  console.log('\nChromium is missing: install Debian\'s chromium (apt-get install -y chromium) or set CHROMIUM_PATH.');
}
const e2eOk = run('end-to-end tests (playwright)', npx, ['playwright', 'test']);
const e2e = readJson('test-results/playwright.json');
if (e2e?.stats) {
  totals.passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  totals.failed += e2e.stats.unexpected;
  totals.skipped += e2e.stats.skipped;
  if (e2e.stats.unexpected > 0 || !e2eOk) failures.push('end-to-end tests');
  if (!e2eOk && e2e.stats.unexpected === 0) totals.failed += 1;
} else {
  totals.failed += 1;
  failures.push('end-to-end tests (no report)');
}

const line = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
writeFileSync('test-results/summary.txt', `${line}\n`);
if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(line);
process.exitCode = totals.failed > 0 ? 1 : 0;
