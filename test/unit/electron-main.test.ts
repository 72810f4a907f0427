import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../shared/contract';
import { fake } from './helpers/electron-mock';

vi.mock('electron', () => import('./helpers/electron-mock'));

const { startDesktopApp } = await import('../../main/app/main');

const trusted = { url: 'app://studio/index.html', parent: null };
let started: Awaited<ReturnType<typeof startDesktopApp>>;
let rendererDir: string;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'js-electron-'));
  rendererDir = path.join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Journey Studio</title>');
  started = await startDesktopApp({ appDir: '/app/dist/app', rendererDir, configDir: path.join(root, 'config'), workspaceDir: path.join(root, 'workspace') });
  return async () => {
    await started.session.close();
    rmSync(root, { recursive: true, force: true });
  };
});

const invoke = (channel: string, input: unknown, senderFrame: unknown = trusted) => {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ senderFrame }, input) as Promise<{ ok: boolean; output?: { name?: string }; error?: { code: string } }>;
};

describe('Electron host wiring (fake electron module)', () => {
  it('registers exactly one IPC handler per contract channel', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...channelNames, 'studio:pick-file', 'studio:pick-folder', 'studio:saveExport'].sort());
  });

  it('stages a file the user picks in the Open dialog, and hands the page an upload id, never a path', async () => {
    const file = path.join(rendererDir, 'people.csv');
    const content = 'identity.email,firstName\nada@example.com,Ada\n';
    writeFileSync(file, content);
    fake.openDialog.answer = [file];
    const picked = (await invoke('studio:pick-file', undefined)) as unknown as { ok: true; output: { uploadId: string; name: string; size: number } };
    expect(picked).toEqual({ ok: true, output: { uploadId: expect.stringMatching(/^upl_/), name: 'people.csv', size: content.length } });
    expect(JSON.stringify(picked)).not.toContain(rendererDir);
    const started = await invoke('profiles.import.start', { uploadId: picked.output.uploadId });
    expect(started).toMatchObject({ ok: true, output: { file: 'people.csv' } });
    await expect.poll(async () => ((await invoke('profiles.stats', {})).output as unknown as { profiles: number }).profiles).toBe(1);

    fake.openDialog.answer = [];
    expect(await invoke('studio:pick-file', undefined)).toEqual({ ok: true, output: null });
    expect(await invoke('studio:pick-file', undefined, { url: 'https://evil.example/', parent: null })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(fake.openDialog.shown).toHaveLength(2);
  });

  it('saves an export through the save dialog, streamed to the chosen file; a foreign sender or a bad request gets nothing', async () => {
    const out = path.join(os.tmpdir(), `js-export-${process.pid}.csv`);
    fake.saveDialog.answer = out;
    const saved = await invoke('studio:saveExport', { what: 'report', format: 'csv' });
    expect(saved).toMatchObject({ ok: true, output: { saved: true } });
    expect(fake.saveDialog.asked.at(-1)?.defaultPath).toMatch(/^Push-report-.*\.csv$/);
    expect(readFileSync(out, 'utf8')).toMatch(/^report,Push report,from,beginning/);
    rmSync(out);
    fake.saveDialog.answer = undefined;
    expect(await invoke('studio:saveExport', { what: 'log', format: 'json' })).toMatchObject({ ok: true, output: { saved: false } });
    expect(await invoke('studio:saveExport', { what: 'log', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke('studio:saveExport', { format: 'exe' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke('studio:saveExport', { format: 'csv' }, { url: 'https://evil.example/', parent: null })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('opens one window with the secure options and the preload, at the app:// origin', () => {
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/dist/app/preload.cjs',
    });
    expect(window.loadedUrl).toBe('app://studio/index.html');
    expect(fake.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
  });

  it('answers the studio page and refuses a foreign sender or a sub-frame', async () => {
    const ok = await invoke('journeys.create', { name: 'From the desktop' });
    expect(ok).toMatchObject({ ok: true, output: { name: 'From the desktop' } });

    const foreign = await invoke('journeys.create', { name: 'x' }, { url: 'https://evil.example/', parent: null });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const framed = await invoke('journeys.create', { name: 'x' }, { url: 'app://studio/index.html', parent: {} });
    expect(framed).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const missing = await invoke('journeys.list', {}, null);
    expect(missing).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const list = await invoke('journeys.list', {});
    expect((list.output as unknown as { name: string }[]).map((j) => j.name)).toEqual(['From the desktop']);
  });

  it('runs on real time unless started with --virtual-time', async () => {
    expect(await invoke('engine.clock.get', {})).toMatchObject({ ok: true, output: { adjustable: false, aheadSeconds: 0 } });
    expect(await invoke('engine.clock.advance', { seconds: 3600 })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('--virtual-time') } });
  });

  it('validates IPC input like any other host', async () => {
    expect(await invoke('journeys.create', { name: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('forwards core events to the window', async () => {
    const window = fake.windows[0]!;
    await invoke('journeys.create', { name: 'Evented' });
    expect(window.webContents.sent.at(-1)).toMatchObject({ channel: 'studio:event', payload: { name: 'journeys.changed' } });
  });

  it('blocks navigation away from the app and opens only http(s) links outside it', () => {
    const contents = fake.createdWebContents();
    const navigate = (url: string) => {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      contents.emit('will-navigate', event, url);
      return event.prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://studio/index.html#/profiles')).toBe(false);

    expect(contents.windowOpenHandler?.({ url: 'https://developer.apple.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://developer.apple.com/']);

    const webview = { prevented: false, preventDefault() { this.prevented = true; } };
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('denies every permission request (camera, notifications, ...)', async () => {
    expect(await fake.permission('media')).toBe(false);
    expect(await fake.permission('notifications')).toBe(false);
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    const page = await handler({ url: 'app://studio/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('Journey Studio');
    expect((await handler({ url: 'app://studio/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
    expect((await handler({ url: 'app://other/index.html' })).status).toBe(404);
  });

  it('picks a workspace folder in the native dialog and switches to it through the contract, the window told each step', async () => {
    const picked = path.join(root, 'Spring campaign');
    mkdirSync(picked);
    fake.openDialog.answer = [picked];
    const shown = fake.openDialog.shown.length;
    expect(await invoke('studio:pick-folder', 'open')).toEqual({ ok: true, output: picked });
    expect(fake.openDialog.shown[shown]).toMatchObject({ properties: ['openDirectory', 'createDirectory'], buttonLabel: 'Open' });
    expect(await invoke('studio:pick-folder', 'create')).toEqual({ ok: true, output: picked });
    expect(fake.openDialog.shown[shown + 1]).toMatchObject({ title: 'Choose where to keep the new workspace' });
    fake.openDialog.answer = [];
    expect(await invoke('studio:pick-folder', 'open')).toEqual({ ok: true, output: null });
    expect(await invoke('studio:pick-folder', '/etc')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke('studio:pick-folder', 'open', { url: 'https://evil.example/', parent: null })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke('workspaces.open', { path: picked }, { url: 'https://evil.example/', parent: null })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    // An empty folder is refused unless the page asks to make a workspace there.
    expect(await invoke('workspaces.open', { path: picked })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const window = fake.windows[0]!;
    const before = window.webContents.sent.length;
    expect(await invoke('workspaces.open', { path: picked, create: true })).toEqual({ ok: true, output: { name: 'Spring campaign', path: picked } });
    const steps = window.webContents.sent
      .slice(before)
      .filter((m) => (m.payload as { name: string }).name === 'workspaces.switch')
      .map((m) => (m.payload as { payload: { state: string } }).payload.state);
    expect(steps).toEqual(['closing', 'opening', 'done']);
    expect((await invoke('app.info', {})).output).toMatchObject({ name: 'Spring campaign', path: picked });
    expect((await invoke('journeys.list', {})).output).toEqual([]);
    // The file picker and the exports follow the open workspace.
    fake.openDialog.answer = [path.join(rendererDir, 'index.html')];
    expect(await invoke('studio:pick-file', undefined)).toMatchObject({ ok: true });
    expect(existsSync(path.join(root, 'config', 'recent-workspaces.json'))).toBe(true);

    const list = (await invoke('workspaces.list', {})).output as unknown as { recent: { path: string }[] };
    expect(list.recent.map((r) => r.path)).toEqual([path.join(root, 'workspace')]);
    expect(await invoke('workspaces.open', { path: path.join(root, 'workspace') })).toMatchObject({ ok: true });
    expect(((await invoke('journeys.list', {})).output as unknown as { name: string }[]).map((j) => j.name)).toContain('From the desktop');
  });
});
