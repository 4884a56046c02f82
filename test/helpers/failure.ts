/** The MigrateError a promise rejects with; the test fails when it resolves or rejects with anything else. */
import { expect } from 'vitest';
import { MigrateError } from '../../src/errors.js';

export async function failure(promise: Promise<unknown>): Promise<MigrateError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MigrateError);
    return error as MigrateError;
  }
  throw new Error('expected a failure');
}
