import { isLoopbackHost } from '../core/base-url';
import { loadScenario } from '../sim/scenario';
import { offsetToEndAt, startSimulator } from '../sim/server';
import { EXIT } from './exit-codes';
import type { CliIo } from './io';
import { parseCommandArgs } from './parse-args';
import { UsageError } from './usage';

export async function simCommand(args: string[], io: CliIo): Promise<number> {
  const options = parseSimOptions(args);
  const scenario = loadScenario(options.scenario);
  const startedAt = io.clock.now().getTime();
  const offsetMs = offsetToEndAt(scenario, startedAt);
  const log = (line: string) => io.stdout(`${io.clock.now().toISOString().slice(11, 19)}  ${line}\n`);
  const sim = await startSimulator({ scenario, host: options.host, port: options.port, offsetMs, log, now: () => io.clock.now().getTime() }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`port ${options.port} on ${options.host} is already in use. Pick another with --port N (0 picks a free one).`);
    throw error;
  });
  io.stdout(
    [
      `Simulating workspace "${scenario.workspace}" (scenario ${scenario.name}) at ${sim.url}`,
      `Its ${scenario.hours} hours are laid to end now; time runs on from here.`,
      `Try: ROBOFLOW_API_KEY=${scenario.apiKey} npx pulsebar poll --base-url ${sim.url} --workspace ${scenario.workspace}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await io.waitForStop();
  await sim.close();
  return EXIT.ok;
}

function parseSimOptions(args: string[]): { scenario: string; host: string; port: number } {
  const values = parseCommandArgs(args, { scenario: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } });
  if (!values.scenario) throw new UsageError('no scenario given. Pass --scenario FILE, or a bundled one: --scenario demo (or quiet, incidents).');
  const host = values.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new UsageError(`--host ${host} is not a loopback address. The simulator only serves this machine: use 127.0.0.1 or ::1.`);
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port "${values.port}" is not a port number (0-65535).`);
  return { scenario: values.scenario, host: host.replace(/^\[|\]$/g, ''), port };
}
