import { describe, expect, it } from 'vitest';
import { formatReport, parseArgs, runStoreBench } from '../../bench/store';

describe('the store benchmark', () => {
  it('measures every figure the JSON report promises, on a small knowledge base, in bundled child processes', async () => {
    const report = await runStoreBench({ practices: 20, annotationsPerPractice: 2, writes: 6, naiveWrites: 2 });
    expect(report).toMatchObject({ practices: 20, annotations: 40, writes: 6, naiveWrites: 2, runtime: 'bundled' });
    const figures = [
      'storeMB',
      'loadMs',
      'writeP50Ms',
      'writeP95Ms',
      'exportMs',
      'importMs',
      'rssMB',
      'storeRssMB',
      'naiveLoadMs',
      'naiveWriteP95Ms',
    ] as const;
    for (const figure of figures) expect(report[figure], figure).toBeGreaterThan(0);
    expect(report.storeRssMB).toBeCloseTo(report.rssMB - report.rssBeforeOpenMB, 6);
    expect(formatReport(report)).toMatch(/20 practices, 40 annotations/);
  }, 180_000);

  it('reads its size from the command line and refuses a size that is not a positive whole number', () => {
    expect(parseArgs(['--json', '--practices', '500'])).toMatchObject({ json: true, practices: 500 });
    expect(parseArgs([])).toMatchObject({ json: false, practices: 10_000 });
    expect(() => parseArgs(['--practices=0'])).toThrow(/positive whole number/);
  });
});
