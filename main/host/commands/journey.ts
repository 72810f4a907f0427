import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { JourneySummary } from '../../../shared/domain/journey.js';
import type { JourneyDetail } from '../../../shared/domain/journey-version.js';
import { StudioError } from '../../../shared/errors.js';
import { parseJourneyFile } from '../../../shared/journey-file.js';
import { validateJourney } from '../../../shared/journey-validation.js';
import type { Core } from '../../core.js';

export const JOURNEY_HELP = `journey-studio journey <validate|import|export|simulate>

  journey validate FILE        the file's problems as JSON; exit 1 if there are any
  journey import FILE          create a journey from a journey file
  journey export ID --out FILE write a journey (its draft, else its newest version) to a file
  journey simulate FILE [--now ISO] [--days N]
                               dry run of a journey file against the workspace's profiles (nothing
                               is sent): counts per step and link as JSON (default: now, 30 days)`;

export class JourneyUsageError extends Error {}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new StudioError('invalid_input', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
}

/** `journey validate` needs no workspace: it checks the file on its own. */
export function validateJourneyFile(file: string, out: (line: string) => void): number {
  const parsed = parseJourneyFile(read(file));
  if (!parsed.ok) {
    out(JSON.stringify({ file, valid: false, errors: [{ code: 'file', message: parsed.reason }] }, null, 2));
    return 1;
  }
  const messages = new Map(
    parsed.file.messages.map((m) => [m.id, { name: String(m.name ?? m.id), channelId: typeof m.channelId === 'string' ? m.channelId : undefined }]),
  );
  const errors = validateJourney(parsed.file.graph, { messages });
  out(JSON.stringify({ file, valid: errors.length === 0, errors }, null, 2));
  return errors.length === 0 ? 0 : 1;
}

export async function journeyCommand(args: string[], core: Core, io: { out(line: string): void }, json: boolean): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'import': {
      if (rest.length !== 1) throw new JourneyUsageError('journey import takes one file.');
      const journey = (await core.dispatch('journeys.importFile', { content: read(rest[0]!) })) as JourneySummary;
      io.out(json ? JSON.stringify(journey, null, 2) : `Imported “${journey.name}” as ${journey.id} (a draft).`);
      return 0;
    }
    case 'export': {
      const { values, positionals } = parseArgs({ args: rest, options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
      if (positionals.length !== 1 || !values.out) throw new JourneyUsageError('journey export takes a journey id and --out FILE.');
      const detail = (await core.dispatch('journeys.open', { id: positionals[0] })) as JourneyDetail;
      const file = (await core.dispatch('journeys.exportFile', { versionId: detail.version.id })) as { content: string };
      writeFileSync(values.out, file.content);
      io.out(json ? JSON.stringify({ id: detail.journey.id, version: detail.version.number, out: values.out }) : `Wrote “${detail.journey.name}” version ${detail.version.number} to ${values.out}.`);
      return 0;
    }
    case 'simulate': {
      const { values, positionals } = parseArgs({ args: rest, options: { now: { type: 'string' }, days: { type: 'string' } }, allowPositionals: true, strict: true });
      if (positionals.length !== 1) throw new JourneyUsageError('journey simulate takes one file.');
      const now = values.now ? new Date(values.now) : undefined;
      if (now && Number.isNaN(now.getTime())) throw new JourneyUsageError(`--now must be an ISO date and time, not "${values.now}".`);
      const days = values.days === undefined ? 30 : Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > 365) throw new JourneyUsageError('--days must be a whole number from 1 to 365.');
      const parsed = parseJourneyFile(read(positionals[0]!));
      if (!parsed.ok) throw new StudioError('invalid_input', parsed.reason);
      // The file's messages are used as they are (not added to the workspace); audiences and channels are the workspace's.
      const messages = new Map(parsed.file.messages.map((m) => [m.id, { ...m, createdAt: '', updatedAt: '' }]));
      const result = await core.engine.dryRun('jv_simulated', { graph: parsed.file.graph, journeyId: 'jny_simulated', messages, now, days });
      const { versionId: _unused, ...counts } = result;
      void _unused;
      io.out(JSON.stringify({ file: positionals[0], name: parsed.file.name, ...counts }, null, json ? 0 : 2));
      return 0;
    }
    default:
      throw new JourneyUsageError(sub ? `Unknown journey command "${sub}".` : 'journey needs a command: validate, import, export or simulate.');
  }
}
