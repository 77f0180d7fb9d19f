// A headline snapshot as one compact row: the window and workspace totals as columns, the rest
// as a compressed payload. At a poll every 5 minutes a year of snapshots must fit in tens of
// megabytes, so the payload is:
// - quantized: averages in micro-units (micro.ts), counts as they are, nulls kept as null;
// - columnar JSON arrays (one array per figure compresses better than one array per row);
// - predicted: a figure that tracks another is stored as the difference (previous period from
//   current, median from mean confidence, detections from inferences, a class's latency from
//   the class before it in the same model, series ids from the id before), leaving fewer
//   digits to compress (~15% smaller);
// - names as series ids, version and deployment lists as indexes into a table of distinct lists;
// - deflated (raw deflate, level 9). Measured on 24 h simulator answers with 200 rows (20
//   models × 9 classes and the no-detection row): 3.8 KB, deflate 0.19 ms (p99 0.32), the whole
//   encode 0.4 ms; brotli at quality 5-9 gives the same size in 0.25-0.33 ms (p99 up to 0.6),
//   quality 10 and 11 save 14-16% in 3.4 and 9.8 ms: too slow for the append, used for the day
//   archives instead (snapshot-archive.ts). The JSON of the same StatsSnapshot is 84 KB.
// Decoding gives back the snapshot exactly, except averages, which are rounded to 1e-6.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ClassStats, Figures, ModelStats, StatsSnapshot } from '../stats/types';
import { checkCount, fromMicro, toMicro } from './micro';
import { PayloadError, at, columnsOf, listReader, modelNameOf, nullableNumbers, numberAt, numbers, valueAt, type Predicted } from './payload-reading';
import type { SeriesScope } from './types';

export { PayloadError } from './payload-reading';

const FORMAT = 1;
const DEFLATE_LEVEL = 9;

/** The columns of the `snapshots` row (averages in micro-units). */
export interface SnapshotColumns {
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly inferences: number | null;
  readonly errors: number | null;
  readonly avgConfidence: number | null;
  readonly avgResponseTime: number | null;
}

export interface EncodedSnapshot {
  readonly columns: SnapshotColumns;
  readonly payload: Buffer;
}

type Quantized = number | null;

export function encodeSnapshot(snapshot: StatsSnapshot, idOf: (scope: SeriesScope) => number): EncodedSnapshot {
  const start = snapshot.window.start.getTime();
  const current = quantize(snapshot.totals.current);
  const lists = new ListTable();
  const models = snapshot.models;
  const classes = snapshot.classes;
  const rows = classes.map((row) => ({ current: quantize(row.current), previous: quantize(row.previous), median: toMicro(row.medianConfidence), detections: checkCount(row.detections) }));
  const payload = [
    FORMAT,
    [snapshot.previousWindow.start.getTime() - start, snapshot.previousWindow.end.getTime() - start],
    quantizedList(quantize(snapshot.totals.previous)),
    lists.strings,
    lists.lists,
    [
      deltas(models.map((model) => idOf({ level: 'model', model: model.model }))),
      models.map((model) => checkCount(model.inferences.current)),
      models.map((model) => predict(checkCount(model.inferences.previous), model.inferences.current)),
      models.map((model) => lists.indexOf(model.deploymentTypes)),
      models.map((model) => lists.indexOf(model.serverVersions)),
    ],
    [
      deltas(classes.map((row) => idOf({ level: 'class', model: row.model, className: row.className }))),
      rows.map((row) => row.current.inferences),
      rows.map((row) => predict(row.previous.inferences, row.current.inferences)),
      rows.map((row) => row.current.errors),
      rows.map((row) => predict(row.previous.errors, row.current.errors)),
      rows.map((row) => row.current.avgConfidence),
      rows.map((row) => predict(row.previous.avgConfidence, row.current.avgConfidence)),
      rows.map((row, i) => predict(row.current.avgResponseTime, i > 0 && classes[i - 1]?.model === classes[i]?.model ? (rows[i - 1]?.current.avgResponseTime ?? null) : null)),
      rows.map((row) => predict(row.previous.avgResponseTime, row.current.avgResponseTime)),
      rows.map((row) => predict(row.median, row.current.avgConfidence)),
      rows.map((row) => predict(row.detections, row.current.inferences)),
      classes.map((row) => lists.indexOf(row.deploymentTypes)),
      classes.map((row) => lists.indexOf(row.serverVersions)),
    ],
  ];
  return {
    columns: {
      windowStart: start,
      windowEnd: snapshot.window.end.getTime(),
      inferences: current.inferences,
      errors: current.errors,
      avgConfidence: current.avgConfidence,
      avgResponseTime: current.avgResponseTime,
    },
    payload: deflateRawSync(JSON.stringify(payload), { level: DEFLATE_LEVEL }),
  };
}

export function decodeSnapshot(columns: SnapshotColumns, payload: Buffer, scopeOf: (id: number) => SeriesScope | undefined): StatsSnapshot {
  return decodeSnapshotData(columns, readPayload(payload), scopeOf);
}

/** The payload's data (the JSON arrays), for the day archives to keep as they are. */
export function readPayload(payload: Buffer): unknown {
  try {
    return JSON.parse(inflateRawSync(payload).toString('utf8'));
  } catch (error) {
    throw new PayloadError(`unreadable snapshot payload (${error instanceof Error ? error.message : String(error)})`);
  }
}

export function decodeSnapshotData(columns: SnapshotColumns, payload: unknown, scopeOf: (id: number) => SeriesScope | undefined): StatsSnapshot {
  if (!Array.isArray(payload) || payload.length < 7) throw new PayloadError('snapshot payload has the wrong shape');
  const data: unknown[] = payload;
  const [format, previousWindow, previousTotals, strings, lists, models, classes] = data;
  if (format !== FORMAT) throw new PayloadError(`unknown snapshot payload format ${String(format)}`);
  const listAt = listReader(strings, lists);
  const start = columns.windowStart;
  const [prevStart, prevEnd] = numbers(previousWindow, 2);

  const [modelIds, modelCurrent, modelPrevious, modelTypes, modelVersions] = columnsOf(models, 5);
  const modelStats = undeltas(modelIds).map((id, i): ModelStats => {
    const current = valueAt(modelCurrent, i);
    return {
      model: modelNameOf(scopeOf(id), id),
      inferences: { current, previous: unpredict(at(modelPrevious, i), current) },
      deploymentTypes: listAt(at(modelTypes, i)),
      serverVersions: listAt(at(modelVersions, i)),
    };
  });

  const [ids, inf, prevInf, err, prevErr, conf, prevConf, rt, prevRt, median, detections, types, versions] = columnsOf(classes, 13);
  const scopes = undeltas(ids).map((id) => {
    const scope = scopeOf(id);
    if (scope?.level !== 'class') throw new PayloadError(`snapshot names series ${id}, which is not a class series`);
    return scope;
  });
  let latencyBefore: Quantized = null;
  const classStats = scopes.map((scope, i): ClassStats => {
    const sameModel = i > 0 && scopes[i - 1]?.model === scope.model;
    const latency = unpredict(at(rt, i), sameModel ? latencyBefore : null);
    latencyBefore = latency;
    const current = { inferences: valueAt(inf, i), errors: valueAt(err, i), avgConfidence: valueAt(conf, i), avgResponseTime: latency };
    return {
      model: scope.model,
      className: scope.className,
      current: fromQuantized(current),
      previous: fromQuantized({
        inferences: unpredict(at(prevInf, i), current.inferences),
        errors: unpredict(at(prevErr, i), current.errors),
        avgConfidence: unpredict(at(prevConf, i), current.avgConfidence),
        avgResponseTime: unpredict(at(prevRt, i), current.avgResponseTime),
      }),
      medianConfidence: fromMicro(unpredict(at(median, i), current.avgConfidence)),
      detections: unpredict(at(detections, i), current.inferences),
      deploymentTypes: listAt(at(types, i)),
      serverVersions: listAt(at(versions, i)),
    };
  });

  const [pInf, pErr, pConf, pRt] = nullableNumbers(previousTotals, 4);
  return {
    window: { start: new Date(start), end: new Date(columns.windowEnd) },
    previousWindow: { start: new Date(start + prevStart), end: new Date(start + prevEnd) },
    totals: {
      current: fromQuantized(columns),
      previous: fromQuantized({ inferences: pInf, errors: pErr, avgConfidence: pConf, avgResponseTime: pRt }),
    },
    models: modelStats,
    classes: classStats,
  };
}

// --- quantizing and predicting --------------------------------------------------------------

interface QuantizedFigures {
  readonly inferences: Quantized;
  readonly errors: Quantized;
  readonly avgConfidence: Quantized;
  readonly avgResponseTime: Quantized;
}

const quantize = (figures: Figures): QuantizedFigures => ({
  inferences: checkCount(figures.inferences),
  errors: checkCount(figures.errors),
  avgConfidence: toMicro(figures.avgConfidence),
  avgResponseTime: toMicro(figures.avgResponseTimeSeconds),
});

const fromQuantized = (figures: QuantizedFigures): Figures => ({
  inferences: figures.inferences,
  errors: figures.errors,
  avgConfidence: fromMicro(figures.avgConfidence),
  avgResponseTimeSeconds: fromMicro(figures.avgResponseTime),
});

const quantizedList = (figures: QuantizedFigures): Quantized[] => [figures.inferences, figures.errors, figures.avgConfidence, figures.avgResponseTime];

function predict(value: Quantized, base: Quantized): Predicted {
  if (value === null || base === null) return value;
  const difference = value - base;
  return Number.isSafeInteger(value) && Number.isSafeInteger(base) && Number.isSafeInteger(difference) ? difference : [value];
}

function unpredict(stored: Predicted, base: Quantized): Quantized {
  if (stored === null) return null;
  if (Array.isArray(stored)) return stored[0];
  return base === null ? stored : stored + base;
}

function deltas(ids: readonly number[]): number[] {
  return ids.map((id, i) => id - (i === 0 ? 0 : (ids[i - 1] ?? 0)));
}

function undeltas(stored: readonly unknown[]): number[] {
  let id = 0;
  return stored.map((delta) => (id += numberAt(delta)));
}

/** Distinct string lists, each stored once as indexes into one table of strings. */
class ListTable {
  readonly strings: string[] = [];
  readonly lists: number[][] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly listIndex = new Map<string, number>();

  indexOf(list: readonly string[]): number {
    const indexes = list.map((text) => {
      let index = this.stringIndex.get(text);
      if (index === undefined) {
        index = this.strings.push(text) - 1;
        this.stringIndex.set(text, index);
      }
      return index;
    });
    const key = indexes.join(',');
    let index = this.listIndex.get(key);
    if (index === undefined) {
      index = this.lists.push(indexes) - 1;
      this.listIndex.set(key, index);
    }
    return index;
  }
}
