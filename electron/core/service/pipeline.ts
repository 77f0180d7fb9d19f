// One running monitor: the history file, the source (Roboflow, or the demo simulator), the
// poller and the alert monitor, built from the settings and torn down as a whole when they change.
import { createAlertMonitor, parseAlertSettings, type AlertMonitor, type MonitorReport, type Notifier } from '../alerts';
import { demoHistoryPath, historyPath } from '../data-dir';
import { openHistory, type LocalHistory } from '../history';
import { createPoller, type Clock, type Poller, type PollResult } from '../poller';
import { createRoboflowSource, type StatsSource } from '../stats';
import type { ServiceSettings } from './ports';

export interface PipelineDeps {
  readonly dataDir: string;
  readonly fetch: typeof globalThis.fetch;
  readonly clock: Clock;
  readonly notifier: Notifier;
  /** The demo's source (the bundled scenario in memory), built by the host. */
  readonly demoSource: () => { readonly source: StatsSource; readonly workspace: string };
  readonly onPoll: (result: PollResult, report: MonitorReport) => void;
  readonly onError: (message: string) => void;
}

export interface Pipeline {
  readonly workspace: string;
  readonly demo: boolean;
  readonly store: LocalHistory;
  readonly source: StatsSource;
  readonly poller: Poller;
  readonly monitor: AlertMonitor;
  stop(): Promise<void>;
}

/** Throws (RangeError, HistoryError) when the settings cannot run: the service reports it. */
export function startPipeline(settings: ServiceSettings, apiKey: string | null, deps: PipelineDeps): Pipeline | null {
  const alerts = parseAlertSettings(settings.alerts);
  let source: StatsSource;
  let workspace: string;
  let path: string;
  if (settings.demo) {
    ({ source, workspace } = deps.demoSource());
    path = demoHistoryPath(deps.dataDir);
  } else {
    if (settings.workspace === null || apiKey === null) return null; // first run: nothing to watch yet
    workspace = settings.workspace;
    source = createRoboflowSource({ baseUrl: settings.baseUrl, workspace, apiKey, fetch: deps.fetch, now: () => deps.clock.now() });
    path = historyPath(deps.dataDir, workspace);
  }
  const store = openHistory(path, { now: () => deps.clock.now() });
  const monitor = createAlertMonitor({ store, source, thresholds: alerts.thresholds, policy: alerts.policy, notifier: deps.notifier, onError: deps.onError });
  const poller = createPoller({
    source,
    store,
    clock: deps.clock,
    settings: {
      intervalMinutes: settings.intervalMinutes,
      window: settings.window,
      models: settings.models.length > 0 ? settings.models : undefined,
      retention: settings.retention,
      recentWindows: true,
      shortWindowMinutes: alerts.thresholds.forModel(null).ModelSilent.silentMinutes,
    },
    onPoll: (result) => {
      void monitor.onPoll(result).then((report) => deps.onPoll(result, report));
    },
  });
  poller.start();
  return {
    workspace,
    demo: settings.demo,
    store,
    source,
    poller,
    monitor,
    async stop() {
      await poller.stop();
      await monitor.idle();
      store.close();
    },
  };
}
