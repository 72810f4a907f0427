import { redactSecrets } from './vault/redact.js';

/** Where the core writes what went wrong. Hosts may pass their own (a file, a test sink). */
export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Writes to the console with secrets scrubbed: a key must never reach a log, whatever failed. */
export const consoleLogger: Logger = {
  info: (message) => console.log(redactSecrets(message)),
  error: (message, error) =>
    console.error(redactSecrets(message), redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error ?? ''))),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };
