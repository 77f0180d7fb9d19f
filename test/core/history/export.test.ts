import { describe, expect, it } from 'vitest';
import { csvText, hourlyCsv, hourlyJson, snapshotsCsv, snapshotsJson } from '../../../electron/core/history/export';
import type { HourlyBucket } from '../../../electron/core/history/types';
import { figures, hourWindow, seedSnapshot, snapshotOf, tempHistory } from './helpers';

const H = new Date('2026-11-02T10:00:00Z');
const bucket = (scope: HourlyBucket['scope'], values: Partial<HourlyBucket> = {}): HourlyBucket => ({
  scope,
  hour: H,
  inferences: 12,
  errors: null,
  avgConfidence: 0.931106,
  medianConfidence: null,
  avgResponseTimeSeconds: 0.000001,
  detections: 24,
  complete: true,
  ...values,
});

describe('hourlyCsv', () => {
  it('writes a header and one row per bucket: ISO UTC hours, exact figures, empty cells for nulls', () => {
    const csv = hourlyCsv([bucket({ level: 'workspace' }, { errors: 0 }), bucket({ level: 'model', model: 'm' }, { complete: false }), bucket({ level: 'class', model: 'm', className: '' }, { inferences: null })]);
    expect(csv).toBe(
      [
        'hour,level,model,class,inferences,errors,avg_confidence,median_confidence,avg_response_time_seconds,detections,complete',
        '2026-11-02T10:00:00.000Z,workspace,,,12,0,0.931106,,0.000001,24,true',
        '2026-11-02T10:00:00.000Z,model,m,,12,,0.931106,,0.000001,24,false',
        '2026-11-02T10:00:00.000Z,class,m,,,,0.931106,,0.000001,24,true',
        '',
      ].join('\n'),
    );
  });

  it('escapes names and guards against formula injection', () => {
    const csv = hourlyCsv([bucket({ level: 'class', model: 'a,b', className: 'say "hi"\nthere' }), bucket({ level: 'class', model: '=HYPERLINK("x")', className: '@SUM(A1)' })]);
    const lines = csv.split('\n');
    expect(lines[1]).toBe('2026-11-02T10:00:00.000Z,class,"a,b","say ""hi""');
    expect(lines[2]).toBe('there",12,,0.931106,,0.000001,24,true');
    expect(lines[3]).toBe(`2026-11-02T10:00:00.000Z,class,"'=HYPERLINK(""x"")",'@SUM(A1),12,,0.931106,,0.000001,24,true`);
  });

  it('guards every character a spreadsheet starts a formula with', () => {
    expect(['=1+1', '+1', '-1', '@x', '\tx', '\rx', 'plain', '', "'quoted"].map(csvText)).toEqual(["'=1+1", "'+1", "'-1", "'@x", "'\tx", `"'\rx"`, 'plain', '', "'quoted"]);
  });

  it('writes exactly what the store holds', () => {
    const { store } = tempHistory();
    const window = hourWindow('2026-11-02T10:00:00Z');
    store.saveHour(seedSnapshot(window), new Date('2026-11-02T11:00:10Z'), true);
    const lines = hourlyCsv(store.hourlyBuckets(window)).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 8);
    expect(lines[1]).toBe('2026-11-02T10:00:00.000Z,workspace,,,120,0,0.925417,,0.164644,236,true');
    expect(lines).toContain('2026-11-02T10:00:00.000Z,class,cards-3z9gn,Playingcards,106,,0.931106,0.92689,0.176653,211,true');
  });
});

describe('JSON exports', () => {
  it('writes the hourly buckets as one object per line', () => {
    const text = hourlyJson([bucket({ level: 'workspace' }), bucket({ level: 'class', model: 'm', className: 'c' }, { avgConfidence: null })]);
    expect(text.split('\n')).toHaveLength(5);
    expect(JSON.parse(text)).toEqual([
      { hour: '2026-11-02T10:00:00.000Z', level: 'workspace', model: '', class: '', inferences: 12, errors: null, avg_confidence: 0.931106, median_confidence: null, avg_response_time_seconds: 0.000001, detections: 24, complete: true },
      { hour: '2026-11-02T10:00:00.000Z', level: 'class', model: 'm', class: 'c', inferences: 12, errors: null, avg_confidence: null, median_confidence: null, avg_response_time_seconds: 0.000001, detections: 24, complete: true },
    ]);
    expect(hourlyJson([])).toBe('[]\n');
  });

  it('writes stored snapshots with ISO times, optionally one model only', () => {
    const snapshot = seedSnapshot();
    const stored = [{ id: 7, fetchedAt: new Date('2026-11-03T00:00:05Z'), snapshot }];
    const all = JSON.parse(snapshotsJson(stored)) as Record<string, unknown>[];
    expect(all[0]).toMatchObject({ id: 7, fetchedAt: '2026-11-03T00:00:05.000Z', window: { start: '2026-11-02T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z' } });
    expect(all[0]?.classes).toHaveLength(6);
    const one = JSON.parse(snapshotsJson(stored, 'coco')) as { models: { model: string }[]; classes: unknown[] }[];
    expect(one[0]?.models.map((m) => m.model)).toEqual(['coco']);
    expect(one[0]?.classes).toHaveLength(1);
  });

  it('writes snapshots as CSV: the workspace, each model and each class row', () => {
    const snapshot = snapshotOf(hourWindow('2026-11-02T10:00:00Z'), figures(3, 1, 0.5, 0.25), [{ model: 'm', className: 'c', current: figures(3, null, 0.5, 0.25), previous: figures(2, null, 0.4, null), detections: 6, median: 0.55 }], figures(2, 0, 0.4, 0.2));
    const csv = snapshotsCsv([{ id: 1, fetchedAt: new Date('2026-11-02T11:00:00Z'), snapshot }]);
    expect(csv.trimEnd().split('\n')).toEqual([
      'snapshot_id,fetched_at,window_start,window_end,level,model,class,inferences,errors,avg_confidence,median_confidence,avg_response_time_seconds,detections,prev_inferences,prev_errors,prev_avg_confidence,prev_avg_response_time_seconds,deployment_types,server_versions',
      '1,2026-11-02T11:00:00.000Z,2026-11-02T10:00:00.000Z,2026-11-02T11:00:00.000Z,workspace,,,3,1,0.5,,0.25,,2,0,0.4,0.2,,',
      '1,2026-11-02T11:00:00.000Z,2026-11-02T10:00:00.000Z,2026-11-02T11:00:00.000Z,model,m,,3,,,,,,,,,,hosted,0.16.0',
      '1,2026-11-02T11:00:00.000Z,2026-11-02T10:00:00.000Z,2026-11-02T11:00:00.000Z,class,m,c,3,,0.5,0.55,0.25,6,2,,0.4,,hosted,0.16.0',
    ]);
    expect(snapshotsCsv([{ id: 1, fetchedAt: new Date('2026-11-02T11:00:00Z'), snapshot }], 'other').trimEnd().split('\n')).toHaveLength(1);
  });
});
