import { describe, expect, it } from 'vitest';
import { formatReport, runSyncBench } from '../../bench/sync';

describe('the sync benchmark', () => {
  it('measures every figure it reports, on a small knowledge base', async () => {
    const report = await runSyncBench({ practices: 20, changes: 3, edits: 5, photos: 2 });
    for (const figure of [
      'publishMs',
      'catchUpMs',
      'catchUpCpuMs',
      'changeWriteP50Ms',
      'changeWriteP95Ms',
      'changeApplyP50Ms',
      'changeApplyP95Ms',
      'sharedMB',
      'photoPublishMs',
      'photoFetchMs',
    ] as const)
      expect(report[figure], figure).toBeGreaterThan(0);
    expect(report).toMatchObject({ practices: 20, edits: 5, photos: 2, blobsMB: 4 });
    // So small a knowledge base stays under the size from which a checkpoint is worth writing.
    expect(report.checkpointMB).toBe(0);
    expect(formatReport(report)).toMatch(/sync, 20 practices/);
  }, 120_000);
});
