import { expect } from 'vitest';
import { StudioError } from '../../../shared/errors';

/** Awaits a call that must fail with a StudioError, and returns the error to look at. */
export async function failure(promise: Promise<unknown>): Promise<StudioError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return error as StudioError;
  }
  throw new Error('expected the call to fail');
}
