/**
 * The local store: one lowdb database in the user-data folder, filled from the
 * starter content on first start. A damaged store is never overwritten: it is
 * moved aside and the user is told where it went.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import type { Notice } from '../../shared/contract';
import {
  Annotation,
  ComparisonEntry,
  GlossaryTerm,
  Lang,
  Organisation,
  Practice,
  Topic,
  Visit,
} from '../../shared/model';
import { DurableJsonFile } from './durable-json-file';
import type { StarterContent } from './starter';

export const STORE_FILE = 'twinning-kb.json';
export const STORE_SCHEMA_VERSION = 1;

export const StoreData = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  installationId: z.uuid(),
  settings: z.object({
    /** null until the first start picks one from the operating system. */
    language: Lang.nullable(),
  }),
  organisations: z.array(Organisation),
  topics: z.array(Topic),
  practices: z.array(Practice),
  annotations: z.array(Annotation),
  visits: z.array(Visit),
  glossary: z.array(GlossaryTerm),
  comparison: z.array(ComparisonEntry),
});
export type StoreData = z.infer<typeof StoreData>;

export interface OpenedStore {
  db: Low<StoreData>;
  notices: Notice[];
}

export function seedData(starter: StarterContent): StoreData {
  return {
    schemaVersion: STORE_SCHEMA_VERSION,
    installationId: randomUUID(),
    settings: { language: null },
    annotations: [],
    ...structuredClone(starter),
  };
}

export async function openStore(dir: string, starter: () => StarterContent): Promise<OpenedStore> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, STORE_FILE);
  const adapter = new DurableJsonFile<StoreData>(file);
  const notices: Notice[] = [];

  let raw: unknown = null;
  let damaged = false;
  try {
    raw = await adapter.read();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error; // I/O errors are not damage: never move the file for them
    damaged = true;
  }
  const parsed = raw === null ? null : StoreData.safeParse(raw);
  if (damaged || (parsed && !parsed.success)) {
    notices.push({ kind: 'storeRecovered', movedTo: await moveAside(file) });
  }
  if (parsed?.success) return { db: new Low(adapter, parsed.data), notices };

  const db = new Low(adapter, seedData(starter()));
  await db.write();
  return { db, notices };
}

async function moveAside(file: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = file.replace(/\.json$/, `.damaged-${stamp}.json`);
  await rename(file, target);
  return target;
}
