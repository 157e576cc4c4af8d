import type { ErrorCode, ErrorParams, KbErrorInfo } from '../../shared/errors';

/** An expected failure of the core, carried to the renderer as a typed error. */
export class KbError extends Error {
  readonly code: ErrorCode;
  /** Values for the localized message, e.g. the record and field a bundle was refused for. */
  readonly params?: ErrorParams;
  constructor(code: ErrorCode, detail?: string, options?: ErrorOptions & { params?: ErrorParams }) {
    super(detail ?? code, options);
    this.name = 'KbError';
    this.code = code;
    if (options?.params) this.params = printableParams(options.params);
  }
  get info(): KbErrorInfo {
    return { code: this.code, detail: this.message, ...(this.params ? { params: this.params } : {}) };
  }
}

const MAX_PARAM_LENGTH = 100;

/**
 * Parameters can come from a hostile file (a key, an id): control characters
 * are shown as escapes and long values are cut, so a message stays one short line.
 */
function printableParams(params: ErrorParams): ErrorParams {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => {
      if (typeof value !== 'string') return [key, value];
      const printable = value.replace(
        /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
      return [key, printable.length > MAX_PARAM_LENGTH ? `${printable.slice(0, MAX_PARAM_LENGTH - 1)}…` : printable];
    }),
  );
}
