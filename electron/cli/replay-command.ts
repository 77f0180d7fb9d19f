// `pulsebar replay --scenario FILE|NAME [--json]`: the alert pipeline over a scenario in
// simulated time, printed as it happens, then scored against the scenario's incidents.
import { runReplay } from '../replay/run-replay';
import { readAlertSettings } from './alert-settings-file';
import { replayJson, type ReplayLine } from '../replay/replay-lines';
import { scoreReplay, type ReplayScore } from '../replay/score';
import { loadScenario } from '../sim/scenario';
import { EXIT } from './exit-codes';
import type { CliIo } from './io';
import { parseCommandArgs } from './parse-args';
import { table } from './text-table';
import { UsageError } from './usage';

export async function replayCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs(args, { scenario: { type: 'string' }, json: { type: 'boolean' }, alerts: { type: 'string' } });
  if (!values.scenario) throw new UsageError('no scenario given. Pass --scenario FILE, or a bundled one: --scenario incidents (or demo, quiet).');
  const scenario = loadScenario(values.scenario);
  const { thresholds, policy } = readAlertSettings(values.alerts);
  const json = values.json === true;
  if (!json) io.stdout(`Replaying scenario ${scenario.name} (${scenario.hours} h of workspace "${scenario.workspace}", a poll every ${scenario.pollMinutes} min) in simulated time…\n\n`);
  const result = await runReplay({
    scenario,
    thresholds,
    policy,
    onError: (message) => io.stderr(`pulsebar replay: ${message}\n`),
    onLines: (lines) => io.stdout(lines.map((line) => (json ? replayJson(line) : timelineRow(line))).join('\n') + '\n'),
  });
  if (!json) io.stdout(`\n${summary(scoreReplay(result))}\n`);
  return EXIT.ok;
}

const EVENT_WORD: Readonly<Record<ReplayLine['event'], string>> = { firing: 'FIRING  ', resolved: 'resolved', notified: 'notified' };

function timelineRow(line: ReplayLine): string {
  const subject = line.model === null ? 'workspace' : line.class === null ? line.model : `${line.model} / ${line.class === '' ? 'no detection' : line.class}`;
  const what = line.event === 'notified' ? line.message : `${line.rule} (${line.severity}) ${subject}: ${line.message.startsWith(`${line.model ?? ''}: `) ? line.message.slice((line.model ?? '').length + 2) : line.message}`;
  return `${line.at.slice(0, 16).replace('T', ' ')}Z  ${EVENT_WORD[line.event]}  ${what}`;
}

export function summary(score: ReplayScore): string {
  const out = [
    `${score.polls} polls (${score.failedPolls} failed), ${score.notifications} notifications, replayed in ${score.wallSeconds.toFixed(1)} s.`,
    `False alarms (warning or critical outside any incident): ${score.falseAlarms.length}.`,
  ];
  if (score.incidents.length > 0) {
    const rows = [['incident', 'model', 'started', 'rule', 'caught after', 'notified'], ...score.incidents.map((i) => [i.kind, i.model, i.from.slice(0, 16).replace('T', ' '), i.rule, i.delayMinutes === null ? 'MISSED' : `${i.delayMinutes} min${i.caught ? '' : ' (late)'}`, `${i.notifications}${i.reminders > 0 ? ` + ${i.reminders} reminder${i.reminders === 1 ? '' : 's'}` : ''} + ${i.resolvedNotifications} resolved`])];
    out.push('', table(rows, ['l', 'l', 'l', 'l', 'r', 'r']), '', `Caught within 60 min: ${score.incidents.length - score.missed} of ${score.incidents.length}.`);
  }
  return out.join('\n');
}
