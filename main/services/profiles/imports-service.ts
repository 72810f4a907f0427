import type { ImportFormat, ImportReport } from '../../../shared/domain/profile.js';
import { StudioError } from '../../../shared/errors.js';
import { newId } from '../ids.js';
import type { StagedFiles } from '../staging/staged-files.js';
import { newImportReport, runImport } from './import/importer.js';
import type { ProfileStore } from './profile-store.js';

export interface StartImport {
  uploadId: string;
  kind: 'profiles' | 'events';
  format?: ImportFormat;
  idNamespace?: string;
}

/**
 * Import jobs: one at a time per workspace (they write the same tables), each with a live report
 * and a cancel switch. Reports of finished jobs are kept for the session so the UI can show them.
 */
export function createImportsService(store: ProfileStore, staged: StagedFiles, onProgress: (report: ImportReport) => void) {
  const jobs = new Map<string, { report: ImportReport; abort: AbortController; done: Promise<ImportReport> }>();
  let running: string | undefined;

  return {
    start(input: StartImport): { report: ImportReport; done: Promise<ImportReport> } {
      if (running) throw new StudioError('conflict', 'An import is already running. Wait for it to finish, or cancel it, then start this one.');
      const file = staged.get(input.uploadId);
      const jobId = newId('imp');
      const abort = new AbortController();
      const job = {
        report: newImportReport({
          jobId,
          kind: input.kind,
          fileName: file.name,
          format: input.format,
          idNamespace: input.idNamespace,
          totalBytes: file.size,
          startedAt: new Date(),
        }),
        abort,
        done: Promise.resolve(undefined as unknown as ImportReport),
      };
      running = jobId;
      jobs.set(jobId, job);
      const finish = () => {
        if (running === jobId) running = undefined;
        staged.release(input.uploadId);
      };
      job.done = runImport(store, {
        jobId,
        file: file.path,
        fileName: file.name,
        kind: input.kind,
        format: input.format,
        idNamespace: input.idNamespace,
        signal: abort.signal,
        onProgress: (report) => {
          job.report = report;
          // Free the slot before saying the import is over, so that a listener can start the next one.
          if (report.state !== 'running') finish();
          onProgress(report);
        },
      }).finally(finish);
      return { report: job.report, done: job.done };
    },
    get(jobId: string): ImportReport {
      const job = jobs.get(jobId);
      if (!job) throw new StudioError('not_found', 'There is no such import in this session.');
      return job.report;
    },
    async cancel(jobId: string): Promise<ImportReport> {
      const job = jobs.get(jobId);
      if (!job) throw new StudioError('not_found', 'There is no such import in this session.');
      job.abort.abort();
      return job.done;
    },
    /** Waits for the running import (used when the workspace closes). */
    async idle(): Promise<void> {
      if (running) {
        const job = jobs.get(running);
        job?.abort.abort();
        await job?.done;
      }
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
