// `pulsebar watch`: poll and store until stopped. `--demo` monitors the bundled demo scenario,
// served in-process on a free loopback port, so a newcomer sees Pulsebar work without an account.
import { createAlertMonitor } from '../core/alerts/monitor';
import type { AlertEvent, Notifier } from '../core/alerts/types';
import { demoHistoryPath, historyPath } from '../core/data-dir';
import { openHistory } from '../core/history';
import { MIN_INTERVAL_MINUTES, createPoller, type PollResult } from '../core/poller';
import { createRoboflowSource } from '../core/stats/roboflow-source';
import { loadScenario } from '../sim/scenario';
import { offsetToEndAt, startSimulator, type RunningSimulator } from '../sim/server';
import { readAlertSettings } from './alert-settings-file';
import { CONNECTION_ARGS, connectionFrom, type ConnectionOptions } from './connection-options';
import { EXIT } from './exit-codes';
import { DATA_ARGS, dataDirOf } from './history-file';
import type { CliIo } from './io';
import { allNotifiers, findOnPath, notifySendNotifier, printingNotifier } from './notifiers';
import { parseCommandArgs } from './parse-args';
import { UsageError } from './usage';

const MAX_INTERVAL_MINUTES = 24 * 60;

export async function watchCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs(args, { ...CONNECTION_ARGS, ...DATA_ARGS, interval: { type: 'string' }, notify: { type: 'boolean' }, alerts: { type: 'string' } });
  const intervalMinutes = parseInterval(values.interval);
  const alertSettings = readAlertSettings(values.alerts);
  const dataDir = dataDirOf(values, io);

  let demo: RunningSimulator | undefined;
  let connection: ConnectionOptions;
  let path: string;
  if (values.demo) {
    if (values.workspace || values['api-key'] || values['base-url']) {
      throw new UsageError('--demo monitors its own simulated workspace: leave out --workspace, --api-key and --base-url.');
    }
    const scenario = loadScenario('demo');
    const now = () => io.clock.now().getTime();
    demo = await startSimulator({ scenario, port: 0, offsetMs: offsetToEndAt(scenario, now()), now });
    connection = connectionFrom({ ...values, workspace: scenario.workspace, 'api-key': scenario.apiKey, 'base-url': demo.url }, {});
    path = demoHistoryPath(dataDir);
  } else {
    connection = connectionFrom(values, io.env);
    path = historyPath(dataDir, connection.workspace);
  }

  try {
    const store = openHistory(path);
    const source = createRoboflowSource({ ...connection, fetch: io.fetch });
    const { thresholds, policy } = alertSettings;
    const monitor = createAlertMonitor({
      store,
      source,
      thresholds,
      policy,
      notifier: allNotifiers([printingNotifier(io), ...desktopNotifier(values.notify === true, io)]),
      onEvents: (events) => io.stdout(events.map((event) => `${describeAlert(event)}\n`).join('')),
      onError: (message) => io.stderr(`pulsebar watch: ${message}\n`),
    });
    const poller = createPoller({
      source,
      store,
      clock: io.clock,
      settings: { intervalMinutes, window: connection.window, models: connection.models, recentWindows: true, shortWindowMinutes: thresholds.forModel(null).ModelSilent.silentMinutes },
      onPoll: (result) => {
        io.stdout(`${describePoll(result, connection.window)}\n`);
        void monitor.onPoll(result);
      },
    });
    io.stdout(
      `${values.demo ? 'DEMO: watching the simulated' : 'Watching'} workspace "${connection.workspace}" every ${intervalMinutes} min; history in ${path}\nPress Ctrl+C to stop.\n`,
    );
    poller.start();
    await io.waitForStop();
    io.stdout('Stopping after the current poll…\n');
    await poller.stop();
    await monitor.idle();
    store.close();
    io.stdout(`Stopped. Review offline with: pulsebar history${values.demo ? ' --demo' : ''}\n`);
    return EXIT.ok;
  } finally {
    await demo?.close();
  }
}

function describePoll(result: PollResult, window: string): string {
  const time = result.at.toISOString().slice(11, 19);
  if (!result.ok) return `${time}  failed (${result.error?.kind}): ${result.error?.message}`;
  const totals = result.snapshot?.totals.current;
  const inferences = totals?.inferences === null || totals === undefined ? '—' : totals.inferences.toLocaleString('en-US');
  const hours = result.hoursFetched > 0 ? ` · ${result.hoursFetched} hourly window${result.hoursFetched === 1 ? '' : 's'} stored` : '';
  return `${time}  ok  last ${window}: ${inferences} inferences${hours}`;
}

function describeAlert(event: AlertEvent): string {
  const time = event.at.toISOString().slice(11, 19);
  return `${time}  ${event.event === 'firing' ? 'ALERT   ' : 'RESOLVED'}  ${event.key.rule} (${event.severity})  ${event.message}`;
}

/** notify-send when asked for and installed; otherwise say why the desktop stays quiet. */
function desktopNotifier(wanted: boolean, io: CliIo): Notifier[] {
  if (!wanted) return [];
  const program = findOnPath('notify-send', io.env['PATH']);
  if (program === null) {
    io.stderr('pulsebar watch: --notify needs notify-send, which is not installed (Debian/Ubuntu: sudo apt install libnotify-bin). Notifications are printed here only.\n');
    return [];
  }
  return [notifySendNotifier(program, io.runProgram)];
}

function parseInterval(input: string | undefined): number {
  if (input === undefined) return 5;
  const minutes = Number(input);
  if (!Number.isFinite(minutes) || minutes < MIN_INTERVAL_MINUTES || minutes > MAX_INTERVAL_MINUTES) {
    throw new UsageError(`--interval "${input}" is not a number of minutes between ${MIN_INTERVAL_MINUTES} and ${MAX_INTERVAL_MINUTES}.`);
  }
  return minutes;
}
