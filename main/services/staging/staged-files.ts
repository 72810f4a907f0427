import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StudioError } from '../../../shared/errors.js';
import { newId } from '../ids.js';

/**
 * Files handed to the core for an operation (an import today), named by an upload id that contract
 * inputs refer to. Host-neutral: the headless host streams an HTTP upload into the workspace with
 * `stageStream`; the desktop edge and the CLI, which can read the user's file where it is, register
 * it with `stagePath`. Nothing in a contract input is ever a raw filesystem path.
 */
export interface StagedFile {
  uploadId: string;
  name: string;
  size: number;
  path: string;
}

export interface StagedFiles {
  stageStream(body: Readable, name: string, maxBytes: number): Promise<StagedFile>;
  stagePath(file: string): StagedFile;
  get(uploadId: string): StagedFile;
  /** Forget a staged file; one uploaded into the workspace is deleted. */
  release(uploadId: string): void;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'upload').slice(0, 200);
}

export function createStagedFiles(workspaceDir: string): StagedFiles {
  const dir = path.join(workspaceDir, 'staging');
  const files = new Map<string, StagedFile & { owned: boolean }>();
  // Uploads left by a previous run (a crash mid-import) are of no use now.
  try {
    for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { force: true });
  } catch {
    // no staging folder yet
  }
  return {
    async stageStream(body, name, maxBytes) {
      mkdirSync(dir, { recursive: true });
      const uploadId = newId('upl');
      const target = path.join(dir, uploadId);
      let size = 0;
      try {
        await pipeline(
          body,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              size += chunk.length;
              if (size > maxBytes) {
                throw new StudioError('invalid_input', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, the most the studio takes in one upload. Split it into parts.`);
              }
              yield chunk;
            }
          },
          createWriteStream(target, { flags: 'wx', mode: 0o600 }),
        );
      } catch (error) {
        rmSync(target, { force: true });
        throw error;
      }
      const staged = { uploadId, name: cleanName(name), size, path: target, owned: true };
      files.set(uploadId, staged);
      return { uploadId, name: staged.name, size, path: target };
    },
    stagePath(file) {
      const absolute = path.resolve(file);
      let size: number;
      try {
        const st = statSync(absolute);
        if (!st.isFile()) throw new Error('not a file');
        size = st.size;
      } catch {
        throw new StudioError('not_found', `There is no file at ${absolute}. Check the path.`);
      }
      const uploadId = newId('upl');
      const staged = { uploadId, name: cleanName(absolute), size, path: absolute, owned: false };
      files.set(uploadId, staged);
      return { uploadId, name: staged.name, size, path: absolute };
    },
    get(uploadId) {
      const staged = files.get(uploadId);
      if (!staged) throw new StudioError('not_found', 'That uploaded file is no longer here (it was used or the studio restarted). Choose the file again.');
      return staged;
    },
    release(uploadId) {
      const staged = files.get(uploadId);
      if (!staged) return;
      files.delete(uploadId);
      if (staged.owned) rmSync(staged.path, { force: true });
    },
  };
}
