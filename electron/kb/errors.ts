import type { ErrorCode, KbErrorInfo } from '../../shared/contract';

/** An expected failure of the core, carried to the renderer as a typed error. */
export class KbError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, detail?: string, options?: ErrorOptions) {
    super(detail ?? code, options);
    this.name = 'KbError';
    this.code = code;
  }
  get info(): KbErrorInfo {
    return { code: this.code, detail: this.message };
  }
}
