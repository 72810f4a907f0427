/** Where the core writes what went wrong. Hosts may pass their own (a file, a test sink). */
export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, error) => console.error(message, error instanceof Error ? error.stack ?? error.message : (error ?? '')),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };
