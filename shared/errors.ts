import { z } from 'zod';

/**
 * Every failure that crosses the contract has one of these codes, so both hosts and the renderer
 * can react to the kind of failure without parsing messages.
 */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'workspace_too_new',
  'unauthorized',
  'unknown_channel',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const studioErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** Field-level problems for invalid input: path to the field and what is wrong with it. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export type StudioErrorShape = z.infer<typeof studioErrorSchema>;

/** The error type thrown by the core and re-created by the renderer's transports. */
export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly issues: StudioErrorShape['issues'];

  constructor(code: ErrorCode, message: string, issues?: StudioErrorShape['issues']) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.issues = issues;
  }

  toJSON(): StudioErrorShape {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static from(shape: StudioErrorShape): StudioError {
    return new StudioError(shape.code, shape.message, shape.issues);
  }
}

/** Turns zod issues into messages a marketer can act on: "Name: must not be empty". */
export function invalidInput(error: z.ZodError, what: string): StudioError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const first = issues[0];
  const lead = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'it does not match the expected shape';
  return new StudioError('invalid_input', `Invalid ${what}: ${lead}`, issues);
}
