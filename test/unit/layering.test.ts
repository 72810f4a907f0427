import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule, shown on fixtures: each case lints a small file as if it sat at `file` in the
 * tree, with the project's real ESLint config.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('fails a renderer file that imports from main/', async () => {
    const errors = await layeringErrors('renderer/features/bad.ts', "import { createCore } from '../../main/core';\nvoid createCore;\n");
    expect(errors).toEqual([expect.stringContaining('The renderer never imports main/')]);
  });

  it('fails a renderer file that imports Node or Electron', async () => {
    expect(await layeringErrors('renderer/bad.ts', "import fs from 'node:fs';\nvoid fs;\n")).toHaveLength(1);
    expect(await layeringErrors('renderer/bad.ts', "import fs from 'fs';\nvoid fs;\n")).toHaveLength(1);
    expect(await layeringErrors('renderer/bad.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n")).toHaveLength(1);
  });

  it('fails shared/ importing anything of ours outside shared/, or Node', async () => {
    expect(await layeringErrors('shared/domain/bad.ts', "import { x } from '../../main/core';\nvoid x;\n")).toHaveLength(1);
    expect(await layeringErrors('shared/bad.ts', "import { x } from '../renderer/App';\nvoid x;\n")).toHaveLength(1);
    expect(await layeringErrors('shared/bad.ts', "import path from 'node:path';\nvoid path;\n")).toHaveLength(1);
  });

  it('fails electron anywhere in main/ but main/app/', async () => {
    expect(await layeringErrors('main/services/bad.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([
      expect.stringContaining('Only main/app imports electron'),
    ]);
    expect(await layeringErrors('main/app/fine.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([]);
  });

  it('lets each layer import what it may', async () => {
    expect(await layeringErrors('renderer/fine.ts', "import { channels } from '../shared/contract';\nvoid channels;\n")).toEqual([]);
    expect(await layeringErrors('shared/domain/fine.ts', "import { z } from 'zod';\nimport { x } from '../errors';\nvoid z; void x;\n")).toEqual([]);
    expect(await layeringErrors('main/core2.ts', "import path from 'node:path';\nimport { channels } from '../shared/contract';\nvoid path; void channels;\n")).toEqual([]);
  });
});
