/** Damage found in a store file, as opposed to an I/O error: damaged files are set aside (recovery.ts), I/O errors are reported. */
import path from 'node:path';

export class DamageError extends Error {
  constructor(file: string, reason: string, options?: ErrorOptions) {
    super(`${path.basename(file)}: ${reason}`, options);
    this.name = 'DamageError';
  }
}
