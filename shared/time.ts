/**
 * The one way a record spells a time, apart from the model so that every
 * schema module (attachments included) can use it without an import cycle.
 */
import { z } from 'zod';

/** A time as RFC 3339 with seconds, `Z` or an offset. */
export const Timestamp = z.iso.datetime({ offset: true });

/**
 * A time (RFC 3339, with seconds); one with an offset is read as the same instant in UTC, as the app writes times.
 * A time already in that form is kept as it is, which is what converting it would give: the format check
 * before the transform admits only real dates and times (no 31 April, no 24:00, no leap second).
 */
export const UtcTimestamp = Timestamp.transform((time) => (isUtcTimestamp(time) ? time : new Date(time).toISOString()));

/** Whether `time` is already in the one form the app writes (UTC, milliseconds, `Z`). */
export const isUtcTimestamp = (time: string): boolean => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(time);
