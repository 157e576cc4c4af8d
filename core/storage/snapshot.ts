/**
 * The snapshot: the whole store as one JSON document, written durably. The
 * document is laid out one record per line, so it is still plain JSON (lowdb,
 * `JSON.parse`, any editor can read it) yet can be written and read as a
 * stream: the store never has to hold its whole text in memory at once, which
 * keeps peak memory close to the size of the records themselves.
 *
 *     {"storeLayout":"twinning-kb.lines.v2","journalSeq":42,"savedAt":"…","schemaVersion":1,…,
 *     "practices":[
 *     {…one record…},
 *     {…one record…}
 *     ],
 *     "checksum":"crc32:1a2b3c4d"}
 *
 * The checksum covers every byte before its own line, so a snapshot that was
 * cut short or changed on disk is detected rather than loaded half. Each
 * record is written canonicalized (its keys in canonical order), so the
 * records read back need no sorting; v1 snapshots, from before, are still
 * read, and say that their records are in any order.
 * Any other JSON document (a store file from before this layout, a
 * hand-edited file) is returned whole for the caller to validate fully;
 * but one with a key of the line layout is a snapshot whose header was
 * damaged, never an old document (it would be read at batch 0, without its
 * checksum, and the journal after it would not fit).
 */
import { crc32 } from 'node:zlib';
import type { Adapter } from 'lowdb';
import { canonicalize } from '../base/canonical-json';
import { writeFileDurably, writeFileDurablyIf } from '../base/durable-write';
import { DamageError } from './damage';
import type { KnownJson } from './types';
import { isNotFound, nodeFileSystem, type FileSystem } from '../base/file-system';

export const SNAPSHOT_LAYOUT = 'twinning-kb.lines.v2';
/** The same layout with records in any key order. */
const UNORDERED_LAYOUT = 'twinning-kb.lines.v1';

export interface Snapshot {
  /** The last journal batch this snapshot includes; later batches are replayed on top. */
  journalSeq: number;
  /** When it was taken (ISO 8601): it holds every change saved before. */
  savedAt: string;
  /** Everything that is not a collection: schema version, installation id, settings. */
  fields: Record<string, unknown>;
  collections: Record<string, readonly unknown[]>;
  /** Whether every record is canonicalized already (the store's own state always is): written without another pass. */
  canonical?: boolean;
  /** Records' JSON known already, copied as it is (only to write: never read back into a snapshot). */
  json?: KnownJson;
}

export type SnapshotRead =
  /** Written by this module, checksum verified; `canonical`: its records are canonicalized. */
  | { layout: 'lines'; snapshot: Snapshot; canonical: boolean }
  /** Some other JSON document, parsed but not checked: the caller validates it. */
  | { layout: 'document'; value: unknown };

/** The snapshot file as a lowdb adapter: lowdb stays the store's foundation, this decides the bytes. */
export class SnapshotFile implements Adapter<Snapshot> {
  readonly file: string;
  readonly #fs: FileSystem;

  constructor(file: string, fs: FileSystem = nodeFileSystem) {
    this.file = file;
    this.#fs = fs;
  }

  /** Only snapshots in the line layout; see readSnapshot for everything else. */
  async read(): Promise<Snapshot | null> {
    const result = await readSnapshot(this.file, this.#fs);
    if (result?.layout === 'document') throw new DamageError(this.file, 'not in the snapshot layout');
    return result?.snapshot ?? null;
  }

  async write(snapshot: Snapshot): Promise<void> {
    await writeFileDurably(this.file, snapshotPieces(snapshot), this.#fs);
  }

  /** Writes and flushes the snapshot, and puts it in place only if `commitIf` resolves true; resolves whether it did. */
  writeIf(snapshot: Snapshot, commitIf: Promise<boolean>): Promise<boolean> {
    return writeFileDurablyIf(this.file, snapshotPieces(snapshot), commitIf, this.#fs);
  }
}

const headerStart = (layout: string) => Buffer.from(`{"storeLayout":${JSON.stringify(layout)},`);
const HEADER_START = headerStart(SNAPSHOT_LAYOUT);
const UNORDERED_HEADER_START = headerStart(UNORDERED_LAYOUT);
/** Keys only the line layout has; a changed byte can hit at most one of them. */
const LAYOUT_KEYS = ['storeLayout', 'journalSeq', 'savedAt', 'checksum'];
const NEWLINE = 0x0a;
const READ_CHUNK = 1 << 20;

/** Lines are gathered to about this many characters (or bytes) per piece: each piece is encoded and summed once. */
const PIECE_SIZE = 1 << 20;
const COMMA_NEWLINE = Buffer.from(',\n');
const NEWLINE_BYTES = Buffer.from('\n');

/**
 * The snapshot's text as UTF-8, in pieces of whole lines (each line ends in a
 * newline): a piece is encoded once and its checksum taken from its bytes,
 * and written while the next one is made. A record whose JSON is known
 * (`json`) is copied as it is.
 */
export function* snapshotPieces(snapshot: Snapshot): Generator<Uint8Array> {
  let checksum = 0;
  /** The piece being gathered: bytes, then lines of text not yet encoded. */
  let parts: Uint8Array[] = [];
  let lines: string[] = [];
  let size = 0;
  const encodeLines = () => {
    if (lines.length === 0) return;
    parts.push(Buffer.from(lines.join(''), 'utf8'));
    lines = [];
  };
  const piece = (): Uint8Array => {
    encodeLines();
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    checksum = crc32(bytes, checksum);
    parts = [];
    size = 0;
    return bytes;
  };
  const header = JSON.stringify({
    storeLayout: SNAPSHOT_LAYOUT,
    journalSeq: snapshot.journalSeq,
    savedAt: snapshot.savedAt,
    ...snapshot.fields,
  });
  lines.push(`${header.slice(0, -1)},\n`);
  const known = (snapshot.canonical && snapshot.json) || undefined;
  for (const [name, records] of Object.entries(snapshot.collections)) {
    lines.push(`${JSON.stringify(name)}:[\n`);
    const last = records.length - 1;
    const inOrder = snapshot.canonical ? (record: unknown) => record : canonicalize;
    for (let i = 0; i <= last; i++) {
      const json = known?.get(records[i] as object);
      if (json instanceof Uint8Array) {
        encodeLines();
        parts.push(json, i < last ? COMMA_NEWLINE : NEWLINE_BYTES);
        size += json.length + 2;
      } else {
        const line = (json ?? JSON.stringify(inOrder(records[i]))) + (i < last ? ',\n' : '\n');
        lines.push(line);
        size += line.length;
      }
      if (size >= PIECE_SIZE) yield piece();
    }
    lines.push('],\n');
  }
  yield piece();
  yield Buffer.from(`"checksum":"crc32:${hex(checksum)}"}\n`, 'utf8');
}

/** null when there is no file; throws DamageError when its content cannot be read as a store, and I/O errors as they are. */
export async function readSnapshot(file: string, fs: FileSystem = nodeFileSystem): Promise<SnapshotRead | null> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  try {
    const start = Buffer.alloc(HEADER_START.length);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    const canonical = start.equals(HEADER_START);
    if (bytesRead === start.length && (canonical || start.equals(UNORDERED_HEADER_START))) {
      return { layout: 'lines', snapshot: await readLines(file, handle), canonical };
    }
  } finally {
    await handle.close();
  }
  const text = await fs.readFile(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new DamageError(file, text.length === 0 ? 'empty file' : 'not valid JSON', { cause: error });
  }
  // A store file from before the snapshot layout has none of its keys; one that has any is a snapshot damaged.
  if (typeof value === 'object' && value !== null && LAYOUT_KEYS.some((key) => key in value)) {
    throw new DamageError(file, 'snapshot layout not recognised');
  }
  return { layout: 'document', value };
}

type Handle = Awaited<ReturnType<FileSystem['open']>>;

async function readLines(file: string, handle: Handle): Promise<Snapshot> {
  const chunks = new ChunkReader(new LineParser(file));
  // Two buffers: the next chunk is read from disk while this one is parsed.
  const buffers = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)] as const;
  let position = 0;
  let reading = handle.read(buffers[0], 0, READ_CHUNK, position);
  try {
    for (let turn = 1; ; turn++) {
      const { bytesRead, buffer } = await reading;
      if (bytesRead === 0) break;
      position += bytesRead;
      reading = handle.read(buffers[turn % 2]!, 0, READ_CHUNK, position);
      chunks.add(buffer.subarray(0, bytesRead));
    }
  } finally {
    await reading.catch(() => undefined); // damage may stop the parse while a read is under way
  }
  return chunks.finish();
}

/** Cuts chunks of the file into lines for the parser, and keeps the checksum of everything before the last line. */
class ChunkReader {
  readonly #parser: LineParser;
  #checksum = 0;
  /** The start of a line that continues in the next chunk. */
  #carry: Buffer | null = null;

  constructor(parser: LineParser) {
    this.#parser = parser;
  }

  add(data: Buffer): void {
    let lineStart = 0;
    if (this.#carry) {
      const end = data.indexOf(NEWLINE);
      if (end < 0) {
        this.#carry = Buffer.concat([this.#carry, data]);
        return;
      }
      this.#take(Buffer.concat([this.#carry, data.subarray(0, end + 1)]));
      this.#carry = null;
      lineStart = end + 1;
    }
    // Lines are decoded one by one (mostly into one-byte strings: cheap), but checksummed a chunk at a time.
    let summedFrom = lineStart;
    for (let end = data.indexOf(NEWLINE, lineStart); end >= 0; end = data.indexOf(NEWLINE, lineStart)) {
      const text = data.toString('utf8', lineStart, end);
      if (this.#parser.isChecksumLine(text)) {
        this.#checksum = crc32(data.subarray(summedFrom, lineStart), this.#checksum);
        summedFrom = end + 1;
        this.#parser.checksum(text, this.#checksum);
      } else {
        this.#parser.line(text);
      }
      lineStart = end + 1;
    }
    this.#checksum = crc32(data.subarray(summedFrom, lineStart), this.#checksum);
    // The chunk's buffer is read into again soon: keep a copy of the unfinished line.
    this.#carry = lineStart < data.length ? Buffer.from(data.subarray(lineStart)) : null;
  }

  finish(): Snapshot {
    if (this.#carry) this.#take(this.#carry);
    return this.#parser.finish();
  }

  /** One line as bytes, with its newline unless it is the file's last. */
  #take(line: Buffer): void {
    const text = line.toString('utf8', 0, line.at(-1) === NEWLINE ? line.length - 1 : line.length);
    if (this.#parser.isChecksumLine(text)) {
      this.#parser.checksum(text, this.#checksum);
    } else {
      this.#parser.line(text);
      this.#checksum = crc32(line, this.#checksum);
    }
  }
}

/** Reads the line layout one line at a time, checking its structure as it goes. */
class LineParser {
  readonly #file: string;
  #header: Record<string, unknown> | null = null;
  #collections: Record<string, unknown[]> = {};
  #current: unknown[] | null = null;
  #done = false;
  readonly #strings = new StringPool();

  constructor(file: string) {
    this.#file = file;
  }

  /** The last line: `"checksum":"…"}` (a collection named checksum would read `"checksum":[`). */
  isChecksumLine(text: string): boolean {
    return this.#current === null && text.startsWith('"checksum":"');
  }

  /** Checks the last line against the checksum of every byte before it. */
  checksum(text: string, actual: number): void {
    if (this.#done || this.#header === null) throw this.#damage('unexpected checksum');
    if (text !== `"checksum":"crc32:${hex(actual)}"}`) throw this.#damage('checksum mismatch');
    this.#done = true;
  }

  /** Any other line, without its newline. */
  line(text: string): void {
    if (this.#done) throw this.#damage('content after the checksum');
    if (this.#header === null) {
      if (!text.endsWith(',')) throw this.#damage('bad header');
      this.#header = this.#parse(`${text.slice(0, -1)}}`) as Record<string, unknown>;
    } else if (this.#current) {
      if (text === '],') this.#current = null;
      else this.#current.push(this.#strings.shareFields(this.#parse(text.endsWith(',') ? text.slice(0, -1) : text)));
    } else if (text.endsWith(':[')) {
      const name = this.#parse(text.slice(0, -2));
      if (typeof name !== 'string' || name in this.#collections) throw this.#damage('bad collection name');
      this.#current = this.#collections[name] = [];
    } else {
      throw this.#damage('unexpected line');
    }
  }

  finish(): Snapshot {
    if (!this.#done || !this.#header) throw this.#damage('cut short');
    const { storeLayout: _layout, journalSeq, savedAt, ...fields } = this.#header;
    if (
      typeof journalSeq !== 'number' ||
      !Number.isSafeInteger(journalSeq) ||
      journalSeq < 0 ||
      typeof savedAt !== 'string'
    ) {
      throw this.#damage('bad header');
    }
    return { journalSeq, savedAt, fields, collections: this.#collections };
  }

  #parse(text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw this.#damage('not valid JSON', error);
    }
  }

  #damage(reason: string, cause?: unknown): DamageError {
    return new DamageError(this.#file, reason, { cause });
  }
}

/**
 * Lets records share equal short strings (organisation and practice ids,
 * authors, timestamps, kinds) instead of each holding its own copy, as
 * JSON.parse would leave them: a tenth fewer bytes to keep and to collect.
 */
class StringPool {
  /** JSON.parse already shares strings this short (V8 internalizes them). */
  static readonly MIN_LENGTH = 11;
  static readonly MAX_LENGTH = 64;
  readonly #pool = new Map<string, string>();

  /** Replaces the record's short string fields, and short strings in its string lists, by shared copies. */
  shareFields(record: unknown): unknown {
    if (typeof record !== 'object' || record === null) return record;
    const fields = record as Record<string, unknown>;
    for (const key in fields) {
      const value = fields[key];
      if (typeof value === 'string') {
        if (key !== 'id' && StringPool.#worthSharing(value)) fields[key] = this.#share(value);
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (typeof item === 'string' && StringPool.#worthSharing(item)) value[i] = this.#share(item);
        }
      }
    }
    return record;
  }

  static #worthSharing(value: string): boolean {
    return value.length >= StringPool.MIN_LENGTH && value.length <= StringPool.MAX_LENGTH;
  }

  #share(value: string): string {
    const shared = this.#pool.get(value);
    if (shared !== undefined) return shared;
    this.#pool.set(value, value);
    return value;
  }
}

function hex(checksum: number): string {
  return checksum.toString(16).padStart(8, '0');
}
