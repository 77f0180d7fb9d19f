import { windowEndingAt } from '../core/headline-window';
import { createRoboflowSource } from '../core/stats/roboflow-source';
import { StatsError } from '../core/stats/errors';
import { EXIT, exitCodeForStatsError } from './exit-codes';
import type { CliIo } from './io';
import { parsePollOptions } from './poll-options';
import { formatSummary } from './summary';

export async function pollCommand(args: string[], io: CliIo): Promise<number> {
  const options = parsePollOptions(args, io.env);
  const source = createRoboflowSource({
    baseUrl: options.baseUrl,
    workspace: options.workspace,
    apiKey: options.apiKey,
    fetch: io.fetch,
    timeoutMs: options.timeoutMs,
  });
  const window = windowEndingAt(io.clock.now(), options.window);
  try {
    const snapshot = await source.fetchStats({ window, models: options.models });
    io.stdout(options.json ? `${JSON.stringify(snapshot, null, 2)}\n` : `${formatSummary(snapshot, options.workspace, options.window)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof StatsError) {
      io.stderr(`pulsebar poll: ${error.message}\n`);
      return exitCodeForStatsError(error);
    }
    throw error;
  }
}
