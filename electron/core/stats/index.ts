// The stats client's public surface: import from here rather than from the parts.
export type { ClassStats, Figures, ModelStats, PeriodPair, StatsFigures, StatsSnapshot, TimeWindow } from './types';
export { NO_DETECTION_CLASS } from './types';
export type { FetchStatsOptions, StatsQuery, StatsSource } from './stats-source';
export { buildStatsUrl, createRoboflowSource } from './roboflow-source';
export type { RoboflowSourceOptions, StatsUrlParams } from './roboflow-source';
export { AuthError, BadResponse, isStatsError, NetworkError, NotFound, PlanError, RateLimited, ServerError, StatsError, Timeout } from './errors';
export type { AnyStatsError, StatsErrorDetails, StatsErrorKind } from './errors';
export { parseInferenceStats, readWireStats } from './wire-schema';
export type { ParseOptions, WireStats, WireStatsRow } from './wire-schema';
export { checkConsistency, checkResponseConsistency } from './consistency';
export type { ConsistencyOptions } from './consistency';
export { formatApiTime } from './time-format';
export { previousWindowOf } from './time-window';
export { REDACTED, redactApiKeyParams, redactSecrets, redactText, redactUrl } from './redact';
