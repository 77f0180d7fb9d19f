// Windows whose ends carry milliseconds. The API's times have one-second resolution, and the
// client's request drops the milliseconds (electron/core/stats/time-format.ts), but the
// snapshot reports the window as asked. These tests pin down what a caller may rely on,
// whichever way the client settles it (report the window it sent, or round so that the
// figures fit the window asked for, or refuse the window up front):
// - the figures of a snapshot are those of the window the snapshot reports;
// - a window too short for the API's resolution is not sent as an invalid request that comes
//   back as a server error blaming the model names.
// The app's own headline windows are whole seconds (electron/core/headline-window.ts), so
// these cases only arise for other callers of StatsSource.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsError } from '../../electron/core/stats';
import { createSimulation, loadScenario } from '../../electron/sim';
import { HOUR, at, expectSnapshotMatchesRaw, fetchWindow, rejectionOf, startHarness, type Harness } from './helpers';

const scenario = loadScenario('demo');
const sim = createSimulation(scenario);
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(scenario);
});
afterAll(() => harness.close());

const T = at('2026-11-05T10:00:00Z');

describe('windows with milliseconds', () => {
  it('a window with milliseconds is refused up front, never answered for another window than it reports', async () => {
    // [10:00:00.500, 11:00:00.500) holds the minutes 10:01 .. 11:00, but the API can only be
    // asked [10:00:00, 11:00:00), which holds 10:00 .. 10:59.
    const outcome = await rejectionOf(fetchWindow(harness.client(), T + 500, T + HOUR + 500));
    expect(outcome).toBeInstanceOf(RangeError);
    expect((outcome as Error).message).toMatch(/whole seconds/);
  });

  it('a window shorter than the API\'s one-second resolution is not sent as an invalid request', async () => {
    let outcome: unknown;
    try {
      outcome = await fetchWindow(harness.client(), T + 200, T + 900);
    } catch (error) {
      outcome = error;
    }
    // Refusing it up front (a RangeError, like any malformed window) or answering it as empty
    // are both fine; a StatsError means it went to the server, which answered 400.
    expect(outcome instanceof StatsError ? `${outcome.name} ${outcome.status ?? ''}: ${outcome.message}` : 'not sent as an invalid request').toBe(
      'not sent as an invalid request',
    );
  });

  it('for comparison: the same window in whole seconds is answered and matches', async () => {
    const snapshot = await fetchWindow(harness.client(), T + 1000, T + HOUR + 1000);
    expectSnapshotMatchesRaw(snapshot, sim.stats({ startMs: T + 1000, endMs: T + HOUR + 1000 }), T + 1000, T + HOUR + 1000);
    // and an inverted window is still the caller's error, before any request
    expect(await rejectionOf(fetchWindow(harness.client(), T + HOUR, T))).toBeInstanceOf(RangeError);
  });
});
