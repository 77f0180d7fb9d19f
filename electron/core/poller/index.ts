// The poller's public surface: import from here rather than from the parts.
export { createPoller } from './poller';
export type { Poller, PollerOptions, PollerState, PollerStatus } from './poller';
export { pollOnce } from './poll-once';
export type { PollDeps } from './poll-once';
export type { PollError, PollErrorKind, PollResult, RecentWindows } from './poll-result';
export { systemClock } from './clock';
export type { Clock } from './clock';
export { backfillWindow, planHourlyFetches, DEFAULT_BACKFILL_HOURS, DEFAULT_MAX_BACKFILL_PER_POLL, DEFAULT_SETTLE_MS } from './backfill';
export type { HourlyFetch, HourlyFetchReason, HourlyPlanInput } from './backfill';
export { nextPollDelayMs, DEFAULT_INTERVAL_MINUTES, JITTER, MAX_BACKOFF_MS, MIN_INTERVAL_MINUTES } from './schedule';
export { resolvePollerSettings, resolvePollSettings } from './settings';
export type { PollerSettings, PollSettings, ResolvedPollerSettings, ResolvedPollSettings } from './settings';
export { ManualClock } from './manual-clock';
