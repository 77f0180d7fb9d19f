// Every IPC payload is checked in main before a handler sees it: the renderer is the least
// trusted part of the app (it renders data from the network), so main treats it like a client.
import * as v from 'valibot';
import { MAX_SERIES_PER_CALL, type IpcMethod } from '../contract';

const isoTime = v.pipe(v.string(), v.isoTimestamp('expected an ISO 8601 time'));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const scope = v.variant('level', [
  v.object({ level: v.literal('workspace') }),
  v.object({ level: v.literal('model'), model: text(200) }),
  v.object({ level: v.literal('class'), model: text(200), className: text(200) }),
]);
const metric = v.picklist(['inferences', 'errors', 'errorRate', 'avgConfidence', 'medianConfidence', 'avgResponseTimeSeconds', 'detections']);

/** One tuple schema per method: its arguments, exactly. */
export const IPC_ARGS = {
  appInfo: v.tuple([]),
  getOverview: v.tuple([]),
  // A Now view of 30 rows asks for ~94 series; a few hundred is plenty, and bounds the work one call can ask of main.
  getSeries: v.tuple([v.pipe(v.array(v.strictObject({ scope, metric, from: isoTime, to: isoTime })), v.maxLength(MAX_SERIES_PER_CALL, `expected at most ${MAX_SERIES_PER_CALL} series in one call`))]),
  getSnapshotAt: v.tuple([isoTime]),
  listAlerts: v.tuple([v.strictObject({ from: isoTime, to: isoTime })]),
  snooze: v.tuple([v.strictObject({ rule: text(40), model: v.nullable(text(200)), for: v.picklist(['1h', '8h', 'resolved']) })]),
  acknowledgeAlert: v.tuple([v.pipe(v.number(), v.integer(), v.minValue(1))]),
  getSettings: v.tuple([]),
  updateSettings: v.tuple([v.record(v.string(), v.unknown())]),
  // strictTuple: a plain tuple would match [key] and silently drop the options.
  setApiKey: v.union([v.strictTuple([text(500), v.strictObject({ allowWeakProtection: v.optional(v.boolean()) })]), v.strictTuple([text(500)])]),
  testConnection: v.tuple([v.strictObject({ workspace: text(200), baseUrl: v.optional(text(500)), apiKey: v.optional(text(500)) })]),
  pollNow: v.tuple([]),
  setPaused: v.tuple([v.boolean()]),
  exportHistory: v.tuple([v.strictObject({ format: v.picklist(['csv', 'json']), from: v.optional(isoTime), to: v.optional(isoTime), snapshots: v.optional(v.boolean()) })]),
} satisfies Record<IpcMethod, v.GenericSchema>;

export class IpcPayloadError extends TypeError {
  override readonly name = 'IpcPayloadError';
}

/** The arguments if they match the method's schema; otherwise an error naming what was wrong (never the values: one could be the key). */
export function checkArgs(method: IpcMethod, args: readonly unknown[]): unknown[] {
  const result = v.safeParse(IPC_ARGS[method], args);
  if (result.success) return result.output as unknown[];
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  throw new IpcPayloadError(`Pulsebar refused a malformed ${method} request${path === '' ? '' : ` (argument ${path})`}: ${issue?.message ?? 'invalid'}.`);
}
