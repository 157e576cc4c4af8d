/**
 * The journal: every batch of changes appended as one line and fsync'd before
 * the batch counts as saved, so a write costs what the change costs, not what
 * the store costs.
 *
 *     <crc32 of the JSON, 8 hex digits>\t{"seq":43,"at":"2025-…Z","changes":[…]}\n
 *
 * Batches are numbered without gaps. The journal is split into segment files
 * named after their first batch (`twinning-kb-000000000043.journal`); when the
 * store is compacted, appends move on to a new segment, and the old ones are
 * deleted once a snapshot holding their batches is safely on disk.
 *
 * Only the last line of the last segment can be incomplete: that is a write
 * cut short by a crash, never reported as saved, and it is dropped. A crash
 * leaves a prefix of the line (maybe padded with zeros), or, after a power
 * cut, a line with zeros for the blocks that never reached the disk. A
 * complete line whose checksum fails has neither: it is damage, reported
 * with the batches that could be read before it, like damage anywhere else.
 */
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { DamageError } from './damage';
import { isNotFound, syncDirectory, type FileSystem } from '../base/file-system';
import { utf8 } from '../base/utf8';

export interface JournalBatch {
  seq: number;
  /** When the batch was saved (ISO 8601). */
  at: string;
  changes: unknown[];
}

export interface SegmentRead {
  file: string;
  firstSeq: number;
  /** Bytes holding intact batches. */
  bytes: number;
  /** The last batch in it, if any. */
  lastSeq?: number;
}

export interface JournalRead {
  /** Every segment file found, oldest first. */
  files: string[];
  /** The segments read, as far as they could be read. */
  segments: SegmentRead[];
  /** The batches read, in order, without gaps. */
  batches: JournalBatch[];
  /** A last write cut short by a crash: the last segment holds only `length` good bytes. */
  interrupted?: { file: string; length: number };
  /** Set when a segment is damaged other than by an interrupted last write; `batches` holds what came before. */
  damage?: DamageError;
}

interface Segment {
  file: string;
  firstSeq: number;
  /** Bytes known to hold complete batches; a failed append is cut back to this. */
  bytes: number;
  /** Whether the file exists durably (its folder entry fsync'd). */
  created: boolean;
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const CLOSE = Buffer.from('}');
const LINE_END = Buffer.from('}\n');
const SEQ_DIGITS = 12;

export function segmentName(base: string, firstSeq: number): string {
  return `${base}-${String(firstSeq).padStart(SEQ_DIGITS, '0')}.journal`;
}

function segmentPattern(base: string): RegExp {
  return new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{${SEQ_DIGITS}})\\.journal$`);
}

/** The journal's segment files in `dir`, oldest first. */
export async function listSegments(
  dir: string,
  base: string,
  fs: FileSystem,
): Promise<{ file: string; firstSeq: number }[]> {
  const pattern = segmentPattern(base);
  return (await fs.readdir(dir))
    .flatMap((name) => {
      const match = pattern.exec(name);
      return match ? [{ file: path.join(dir, name), firstSeq: Number(match[1]) }] : [];
    })
    .sort((a, b) => a.firstSeq - b.firstSeq);
}

/**
 * Reads the segments that may hold batches after `afterSeq` (a segment ends
 * where the next one starts, so older ones need no reading) and changes
 * nothing on disk.
 */
export async function readJournal(dir: string, base: string, fs: FileSystem, afterSeq: number): Promise<JournalRead> {
  const all = await listSegments(dir, base, fs);
  const isStale = (index: number) => index + 1 < all.length && all[index + 1]!.firstSeq <= afterSeq + 1;
  const result: JournalRead = { files: all.map((s) => s.file), segments: [], batches: [] };
  const toRead = all.filter((_, index) => !isStale(index));
  for (const [index, segment] of toRead.entries()) {
    const bytes = await fs.readFile(segment.file);
    const read = parseSegment(bytes, segment.firstSeq, result.batches.at(-1)?.seq);
    result.batches.push(...read.batches);
    result.segments.push({ ...segment, bytes: read.validLength, lastSeq: read.batches.at(-1)?.seq });
    if (read.validLength === bytes.length) continue;
    if (index === toRead.length - 1 && !read.damaged) {
      result.interrupted = { file: segment.file, length: read.validLength };
    } else {
      result.damage = new DamageError(segment.file, `damaged at byte ${read.validLength}`);
      break;
    }
  }
  return result;
}

/**
 * Reads complete, intact lines from the start. What follows the last intact
 * line is an interrupted write when it has no line ending, or one as its last
 * byte after zeros (one append is one line; a crash leaves a prefix of it,
 * maybe padded with zeros, or zeros where blocks were lost); anything else
 * there, or wrong numbering, is damage.
 */
function parseSegment(bytes: Buffer, firstSeq: number, previousSeq: number | undefined) {
  const batches: JournalBatch[] = [];
  let expected = firstSeq;
  if (bytes.length > 0 && previousSeq !== undefined && previousSeq + 1 !== firstSeq) {
    return { batches, validLength: 0, damaged: true };
  }
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(NEWLINE, start);
    const batch = end < 0 ? null : parseLine(bytes.subarray(start, end));
    if (!batch) {
      // A crash leaves a prefix of the last line, maybe with zeros for blocks never written; a complete line that fails is damage.
      const interrupted = end < 0 || (end === bytes.length - 1 && bytes.subarray(start, end).includes(0));
      return { batches, validLength: start, damaged: !interrupted };
    }
    if (batch.seq !== expected) return { batches, validLength: start, damaged: true };
    batches.push(batch);
    expected++;
    start = end + 1;
  }
  return { batches, validLength: start, damaged: false };
}

function parseLine(line: Buffer): JournalBatch | null {
  if (line.length < 10 || line[8] !== TAB) return null;
  const json = line.subarray(9);
  if (line.toString('latin1', 0, 8) !== hex(crc32(json))) return null;
  try {
    const value = JSON.parse(json.toString('utf8')) as Partial<JournalBatch>;
    if (Number.isSafeInteger(value.seq) && typeof value.at === 'string' && Array.isArray(value.changes)) {
      return value as JournalBatch;
    }
  } catch {
    // falls through: not a batch
  }
  return null;
}

export async function truncateDurably(file: string, length: number, fs: FileSystem): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Appends batches, one at a time, each durable before it is reported saved. */
export class Journal {
  readonly #dir: string;
  readonly #base: string;
  readonly #fs: FileSystem;
  #seq: number;
  #segments: Segment[];
  /** Segments whose batches are all in a snapshot being written. */
  #retired: Segment[] = [];
  /** A failed append that could not be cut back: the journal must be repaired before the next one. */
  #needsRepair = false;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * `seq` is the last batch already in the store; `segments` those holding
   * batches after the last snapshot, the last of them ending with batch `seq`
   * (appends continue there), or none.
   */
  constructor(dir: string, base: string, seq: number, segments: readonly SegmentRead[], fs: FileSystem) {
    this.#dir = dir;
    this.#base = base;
    this.#fs = fs;
    this.#seq = seq;
    this.#segments = segments.map(({ file, firstSeq, bytes }) => ({ file, firstSeq, bytes, created: true }));
    if (this.#segments.length === 0) this.#startSegment();
  }

  /** The last batch saved. */
  get seq(): number {
    return this.#seq;
  }

  /** Bytes of batches not yet in a durable snapshot. */
  get bytes(): number {
    return this.#retired.reduce((sum, s) => sum + s.bytes, this.bytesSinceRotation);
  }

  /** Bytes appended since the last snapshot was started. */
  get bytesSinceRotation(): number {
    return this.#segments.reduce((sum, s) => sum + s.bytes, 0);
  }

  /**
   * Appends one batch (`changes` already serialized) and waits until it is on
   * disk; then calls `commit` with its number, before any later batch is
   * written. On failure the journal is as it was and nothing is committed.
   */
  append(changesJson: string, at: string, commit: (seq: number) => void): Promise<void> {
    return this.exclusive(async () => {
      const seq = this.#seq + 1;
      // Encoded once and checksummed as bytes: big batches (an import) cost one pass, not three.
      const head = Buffer.from(`{"seq":${seq},"at":${JSON.stringify(at)},"changes":`);
      const body = utf8(changesJson);
      const checksum = crc32(CLOSE, crc32(body, crc32(head)));
      const parts = [Buffer.from(`${hex(checksum)}\t`), head, body, LINE_END];
      // A big batch (an import) is written in parts, as joining them would copy it once more; a small one in one write.
      await this.#write(body.length > 1 << 20 ? parts : [Buffer.concat(parts)]);
      this.#seq = seq;
      commit(seq);
    });
  }

  /** Runs `task` with no append in flight and none starting until it is done. */
  exclusive<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Call inside `exclusive`, when taking a snapshot of batches up to `seq`:
   * later batches go to a new segment. The old segments are kept until
   * `release` says the snapshot is safely on disk. Fails, changing nothing,
   * when a partly written batch cannot be removed first: only the last
   * segment may end in one.
   */
  async rotate(): Promise<void> {
    await this.#repair();
    const current = this.#segments.at(-1)!;
    // An empty current segment already starts at the next batch (and may exist as a file): keep using it.
    const keep = current.bytes === 0 ? [current] : [];
    this.#retired.push(...this.#segments.filter((s) => !keep.includes(s)));
    this.#segments = keep;
    if (keep.length === 0) this.#startSegment();
  }

  /** Deletes the segments rotated out, now that a durable snapshot holds all their batches (up to `seq`). */
  async release(seq: number): Promise<void> {
    for (const segment of this.#retired.filter((s) => s.firstSeq <= seq)) {
      await this.#fs.rm(segment.file, { force: true });
      this.#retired.splice(this.#retired.indexOf(segment), 1);
    }
  }

  #startSegment(): void {
    const firstSeq = this.#seq + 1;
    this.#segments.push({
      file: path.join(this.#dir, segmentName(this.#base, firstSeq)),
      firstSeq,
      bytes: 0,
      created: false,
    });
  }

  /** Appends one line, given in parts. */
  async #write(line: readonly Buffer[]): Promise<void> {
    await this.#repair();
    const segment = this.#segments.at(-1)!;
    try {
      const handle = await this.#fs.open(segment.file, 'a');
      try {
        for (const part of line) {
          for (let offset = 0; offset < part.length;) {
            offset += (await handle.write(part, offset, part.length - offset)).bytesWritten;
          }
        }
        await handle.datasync();
      } finally {
        await handle.close();
      }
      if (!segment.created) {
        await syncDirectory(this.#dir, this.#fs); // a new file's name must survive a power cut as well as its content
        segment.created = true;
      }
    } catch (error) {
      await this.#cutBack(segment).catch(() => {
        this.#needsRepair = true;
      });
      throw error;
    }
    segment.bytes += line.reduce((sum, part) => sum + part.length, 0);
  }

  /** Cuts off what an earlier failed append left, if that could not be done at the time. */
  async #repair(): Promise<void> {
    if (!this.#needsRepair) return;
    await this.#cutBack(this.#segments.at(-1)!);
    this.#needsRepair = false;
  }

  /** Removes a partly written batch so that the next one follows complete lines. */
  async #cutBack(segment: Segment): Promise<void> {
    try {
      await this.#fs.truncate(segment.file, segment.bytes);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

function hex(checksum: number): string {
  return checksum.toString(16).padStart(8, '0');
}
