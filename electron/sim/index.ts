/** The simulator's public surface, for the CLI (`pulsebar sim`), replay and demo mode. */
export {
  loadScenario,
  parseScenarioText,
  validateScenario,
  resolveScenarioPath,
  bundledScenarioNames,
  BUNDLED_SCENARIOS_DIR,
  ScenarioError,
} from './scenario';
export type { Scenario, ScenarioModel, ScenarioClass, Incident, IncidentKind, Fault, FaultKind } from './scenario';
export { createSimulation, type Simulation, type StatsQuery } from './generate';
export type { InferenceStatsResponse, InferenceStatsRow } from './response';
export { startSimulator, offsetToEndAt, type SimulatorOptions, type RunningSimulator } from './server';
export { createSimulatorFetch, type SimulatorFetch, type SimulatorFetchOptions } from './in-memory-fetch';
export { answer, type Reply, type RequestClock } from './api';
export { faultReply, type FaultOutcome } from './fault-reply';
export { parseApiTime, formatApiTime } from './api-time';
export { scenarioStartMs, scenarioEndMs } from './timeline';
