/** API faults from the scenario, looked up by scenario time. */
import type { Fault } from './scenario-schema';

export interface TimedFault {
  fromMs: number;
  toMs: number;
  fault: Fault;
}

export function timeFaults(faults: readonly Fault[]): TimedFault[] {
  return faults.map((fault) => ({ fromMs: Date.parse(fault.from), toMs: Date.parse(fault.to), fault }));
}

/** The fault active at `scenarioMs` ([from, to)); the first listed wins when several overlap. */
export function faultAt(faults: readonly TimedFault[], scenarioMs: number): Fault | undefined {
  return faults.find((timed) => scenarioMs >= timed.fromMs && scenarioMs < timed.toMs)?.fault;
}
