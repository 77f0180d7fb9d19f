// The monitor service: the API the popover talks to, on the real core and the simulator.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Overview, PollStateView } from '../../../electron/contract';
import { createSimulatorFetch, loadScenario, offsetToEndAt } from '../../../electron/sim';
import { FakeClock } from '../poller/fake-clock';
import { demoService } from './ports';

const NOW = Date.parse('2026-11-28T09:00:00Z');

function nextOverview(service: ReturnType<typeof demoService>['service']): Promise<Overview> {
  return new Promise((resolve) => {
    const off = service.on('overview-changed', (overview) => {
      off();
      resolve(overview);
    });
  });
}

describe('the monitor service', () => {
  it('says it is unconfigured before the first run is done, and answers every read anyway', () => {
    const { service } = demoService(new FakeClock(NOW), { settings: { demo: false } });
    service.start();
    const overview = service.overview();
    expect(overview).toMatchObject({ workspace: null, demo: false, health: 'unknown', totals: null, models: [], activeAlerts: [], fetchedAt: null });
    expect(overview.poll).toMatchObject({ status: 'unconfigured', offline: false });
    expect(service.alerts({ from: new Date(NOW - 86_400_000).toISOString(), to: new Date(NOW).toISOString() })).toEqual([]);
    expect(service.exportHistory({ format: 'csv' })).toBeNull();
    expect(service.settings()).toMatchObject({ workspace: null, onboarded: false, apiKey: { set: false, last4: null }, alerts: {}, retention: { hourlyDays: 90 } });
    expect(service.settings().ruleDefaults['ConfidenceDrop']).toMatchObject({ minDrop: 0.05, enabled: true });
  });

  it('runs the demo: polls at once, then tells listeners and shows the workspace with its models', async () => {
    const clock = new FakeClock(NOW);
    const { service } = demoService(clock);
    const states: string[] = [];
    service.on('poll-state', (state) => states.push(state.status));
    const changed = nextOverview(service);
    service.start();
    const overview = await changed;
    expect(overview.workspace).toBe('demo-workspace');
    expect(overview.demo).toBe(true);
    expect(overview.health).toBe('ok');
    expect(overview.fetchedAt).toBe(new Date(NOW).toISOString());
    expect(overview.totals?.inferences.current).toBeGreaterThan(1000);
    expect(overview.models.map((m) => m.model).sort()).toEqual(['forklift-detection-mz7qa', 'hard-hat-sample-8j2w3', 'license-plate-recognition-rxg4e', 'pcb-defect-detection-qx7v1']);
    expect(overview.models[0]?.figures.inferences.current).toBeGreaterThanOrEqual(overview.models[1]?.figures.inferences.current ?? 0); // busiest first when all are ok
    expect(overview.poll).toMatchObject({ status: 'idle', consecutiveFailures: 0, lastError: null, lastPollAt: new Date(NOW).toISOString() });
    expect(states.length).toBeGreaterThan(0);
    const series = service.series({ scope: { level: 'workspace' }, metric: 'inferences', from: new Date(NOW - 6 * 3_600_000).toISOString(), to: new Date(NOW).toISOString() });
    expect(series.length).toBeGreaterThan(0);
    // Time travel: the workspace as it was at a stored moment, and nothing before the first one.
    const then = service.snapshotAt(new Date(NOW + 60_000).toISOString());
    expect(then).toMatchObject({ fetchedAt: new Date(NOW).toISOString(), window: { end: new Date(NOW).toISOString() }, activeAlerts: [] });
    expect(then?.models).toHaveLength(4);
    expect(then?.totals.inferences).toEqual(overview.totals?.inferences);
    expect(service.snapshotAt(new Date(NOW - 60_000).toISOString())).toBeNull();
    const csv = service.exportHistory({ format: 'csv' });
    expect(csv?.fileName).toBe('pulsebar-demo-workspace-hourly-2026-11-28.csv');
    expect(csv?.content.split('\n')[0]).toMatch(/^hour,/);
    await service.stop();
  });

  it('tells of a poll with poll-state, then in the same turn overview-changed with the same poll state (the tray waits a microtask for it)', async () => {
    const clock = new FakeClock(NOW);
    const { service } = demoService(clock);
    const events: string[] = [];
    const states: PollStateView[] = [];
    service.on('poll-state', (state) => {
      states.push(state);
      events.push('poll-state');
      queueMicrotask(() => events.push('microtask'));
    });
    service.on('overview-changed', (overview) => {
      events.push('overview-changed');
      expect(overview.poll).toEqual(states.at(-1));
    });
    const changed = nextOverview(service);
    service.start();
    await changed;
    const again = nextOverview(service);
    await service.pollNow();
    await again;
    expect(events).toEqual(['poll-state', 'overview-changed', 'microtask', 'poll-state', 'overview-changed', 'microtask']);
    expect(states.map((s) => s.lastPollAt)).toEqual([new Date(NOW).toISOString(), new Date(NOW).toISOString()]);
    events.length = 0;
    service.pause(); // no overview follows: a listener that needs one builds it
    await Promise.resolve();
    expect(events).toEqual(['poll-state', 'microtask']);
    await service.stop();
  });

  it('refuses a bad settings change with the reason, and restarts monitoring on a good one', async () => {
    const clock = new FakeClock(NOW);
    const { service, settings } = demoService(clock);
    service.start();
    await service.pollNow();
    const message = 'intervalMinutes must be a whole number of minutes from 1 to 1440 (got 0).';
    expect(await service.updateSettings({ intervalMinutes: 0 })).toEqual({ ok: false, message, fields: { intervalMinutes: message } });
    const changed = nextOverview(service);
    const result = await service.updateSettings({ window: '1h' });
    expect(result).toMatchObject({ ok: true, settings: { window: '1h' } });
    expect(settings.current.window).toBe('1h');
    expect((await changed).window).toBe('1h');
    await service.stop();
  });

  it('watches a workspace once it has a key, and tests a connection with the real outcome', async () => {
    const clock = new FakeClock(NOW);
    const scenario = loadScenario('incidents');
    const sim = createSimulatorFetch({ scenario, offsetMs: offsetToEndAt(scenario, NOW), now: () => clock.nowMs });
    const { service, settings } = demoService(clock, { settings: { demo: false, workspace: scenario.workspace, baseUrl: sim.url }, fetch: sim.fetch });
    service.start();
    expect(service.overview().poll.status).toBe('unconfigured'); // no key yet
    expect(await service.testConnection({ workspace: scenario.workspace, baseUrl: sim.url })).toEqual({ ok: false, message: 'No API key yet: enter your Roboflow private API key first.' });
    const wrong = await service.testConnection({ workspace: scenario.workspace, baseUrl: sim.url, apiKey: 'not-the-key' });
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(/^Roboflow rejected the API key for workspace "incidents-workspace"/);
    expect(wrong.message).not.toContain('not-the-key');
    const right = await service.testConnection({ workspace: scenario.workspace, baseUrl: sim.url, apiKey: scenario.apiKey });
    expect(right).toEqual({ ok: true, message: expect.stringMatching(/^Connected to incidents-workspace: 4 models, [\d,]+ inferences in the last 24 h\.$/) });

    expect(await service.setApiKey('short')).toMatchObject({ ok: false, reason: 'invalid' });
    const changed = nextOverview(service);
    expect(await service.setApiKey(scenario.apiKey)).toMatchObject({ ok: true, status: { set: true, last4: scenario.apiKey.slice(-4) } });
    const overview = await changed;
    expect(overview.workspace).toBe('incidents-workspace');
    expect(settings.current.workspace).toBe('incidents-workspace');
    await service.pollNow();
    expect(service.overview().models).toHaveLength(4);
    await service.stop();
  });

  it('pauses and resumes polling, and refuses to snooze a rule that does not exist', async () => {
    const clock = new FakeClock(NOW);
    const { service } = demoService(clock);
    service.start();
    await service.pollNow();
    service.pause();
    expect(service.overview().poll.status).toBe('paused');
    service.resume();
    expect(service.overview().poll.status).toBe('idle');
    expect(() => service.snooze({ rule: 'Nonsense', model: 'm', for: '1h' })).toThrow('"Nonsense" is not an alert rule; the rules are ModelSilent, TrafficDrop');
    service.snooze({ rule: 'LatencyUp', model: 'hard-hat-sample-8j2w3', for: '8h' });
    service.snooze({ rule: 'ModelSilent', model: 'pcb-defect-detection-qx7v1', for: 'resolved' });
    const snoozes = service.overview().snoozes;
    expect(snoozes).toHaveLength(2);
    expect(snoozes).toContainEqual({ rule: 'ModelSilent', model: 'pcb-defect-detection-qx7v1', until: null });
    expect(snoozes).toContainEqual({ rule: 'LatencyUp', model: 'hard-hat-sample-8j2w3', until: new Date(NOW + 8 * 3_600_000).toISOString() });
    await service.stop();
  });

  it('raises a notification for an incident in progress at start (the scenario of the Electron suite)', async () => {
    const clock = new FakeClock(NOW);
    const scenario = fileURLToPath(new URL('../../fixtures/scenarios/electron-outage.json', import.meta.url));
    const { service, notifications } = demoService(clock, { scenario });
    service.start();
    // The model stops serving an hour before the scenario's end, laid at now. The first poll
    // backfills the same hours of earlier days first, so the usual traffic is known at once.
    let polls = 0;
    while (notifications.length === 0 && polls < 20) {
      await service.pollNow();
      await clock.advance(60_000);
      polls += 1;
    }
    expect(polls).toBe(4); // two warm-up polls, then two polls of silence to fire
    expect(notifications.length).toBeGreaterThanOrEqual(1);
    expect(notifications[0]).toMatchObject({ kind: 'alert', model: 'gate-camera', severity: 'critical', title: 'gate-camera: no traffic' });
    expect(service.overview().health).toBe('critical');
    // Its volume falls to 0 in the hours fetched since it stopped (the ended hour and the
    // running one), where it has no mean; the hour before them was never fetched: unknown.
    const hours = (metric: 'inferences' | 'avgConfidence') =>
      service.series({ scope: { level: 'model', model: 'gate-camera' }, metric, from: new Date(NOW - 2 * 3_600_000).toISOString(), to: new Date(NOW + 3_600_000).toISOString() }).map((p) => p.value);
    expect(hours('inferences')).toEqual([null, 0, 0]);
    expect(hours('avgConfidence')).toEqual([null, null, null]);
    const yesterday = service.series({ scope: { level: 'model', model: 'gate-camera' }, metric: 'inferences', from: new Date(NOW - 25 * 3_600_000).toISOString(), to: new Date(NOW - 23 * 3_600_000).toISOString() });
    expect(yesterday.every((p) => (p.value ?? 0) > 0)).toBe(true); // backfilled: it served then
    await service.stop();
  });
});
