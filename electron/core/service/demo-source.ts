// "Explore with demo data": the bundled demo scenario, laid so that its last hour ends when the
// demo starts, answered in memory through the real client (no socket, no account).
import type { Clock } from '../poller';
import { createRoboflowSource, type StatsSource } from '../stats';
import { createSimulatorFetch, offsetToEndAt, type Scenario } from '../../sim';

export function createDemoSource(scenario: Scenario, clock: Pick<Clock, 'now'>): { source: StatsSource; workspace: string } {
  const offsetMs = offsetToEndAt(scenario, clock.now().getTime());
  const sim = createSimulatorFetch({ scenario, offsetMs, now: () => clock.now().getTime() });
  return { source: createRoboflowSource({ baseUrl: sim.url, workspace: scenario.workspace, apiKey: scenario.apiKey, fetch: sim.fetch, now: () => clock.now() }), workspace: scenario.workspace };
}
