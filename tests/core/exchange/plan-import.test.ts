import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/base/canonical-json';
import { recordsJson } from '../../../core/bundle/record-spans';
import { planImport } from '../../../core/exchange/plan-import';
import { loadStarterContent } from '../../../core/store/starter-content';
import { seedData } from '../../../core/store/store';
import { createContext } from '../../../core/write/context';
import type { Bundle } from '../../../shared/bundle';
import { encode, smallBundle } from '../../helpers/bundles';
import { MemoryStore } from '../../helpers/memory-store';

const decode = (json: string | Uint8Array | undefined) =>
  json instanceof Uint8Array ? Buffer.from(json).toString('utf8') : json;

describe('an import plan', () => {
  it("knows the JSON of what it puts, exactly as JSON.stringify writes it: the file's records and their origins", () => {
    const bytes = encode(canonicalJson(smallBundle({ practices: 3, annotations: 2 })));
    const bundle = JSON.parse(Buffer.from(bytes).toString('utf8')) as Bundle;
    const store = new MemoryStore({ ...seedData(loadStarterContent()), installationId: crypto.randomUUID() });
    const plan = planImport(bundle, {
      store,
      history: createContext(store).history,
      now: '2026-12-05T10:00:00.000Z',
      origin: {
        importId: 'sync-0b6f2a52',
        importedAt: '2026-12-05T10:00:00.000Z',
        fileName: 'x/"c-000000001".json',
        exportedBy: { organisationId: 'org-tempelhof-schoeneberg', installationId: bundle.exportedBy.installationId },
      },
      undo: false,
      json: recordsJson(bundle.content, bytes),
    });
    const puts = plan.changes.filter((c) => c.op === 'put');
    const origins = puts.filter((c) => c.collection === 'origins');
    expect(origins.length).toBeGreaterThanOrEqual(3 + 2);
    expect(origins).toHaveLength(puts.length - origins.length);
    for (const change of puts) {
      expect(plan.json.has(change.record)).toBe(true);
      expect(decode(plan.json.get(change.record))).toBe(JSON.stringify(change.record));
    }
  });
});
