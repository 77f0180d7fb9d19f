// `pulsebar`: the core, headless. Each command returns its exit code; nothing here exits the
// process, so the whole CLI runs in-process in tests.
import { HistoryError } from './core/history';
import { exportCommand } from './cli/export-command';
import { historyCommand } from './cli/history-command';
import { pollCommand } from './cli/poll-command';
import { replayCommand } from './cli/replay-command';
import { simCommand } from './cli/sim-command';
import { watchCommand } from './cli/watch-command';
import { EXIT } from './cli/exit-codes';
import type { CliIo } from './cli/io';
import { USAGE, UsageError } from './cli/usage';
import { redactText } from './core/stats/redact';
import { ScenarioError } from './sim/scenario';

export type { CliIo } from './cli/io';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'poll':
        return await pollCommand(args, io);
      case 'sim':
        return await simCommand(args, io);
      case 'watch':
        return await watchCommand(args, io);
      case 'replay':
        return await replayCommand(args, io);
      case 'history':
        return await historyCommand(args, io);
      case 'export':
        return await exportCommand(args, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}". Commands: poll, watch, history, export, sim, replay, help.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`pulsebar${command ? ` ${command}` : ''}: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof HistoryError) {
      io.stderr(`pulsebar ${command}: ${error.message}\n`);
      return EXIT.storage;
    }
    if (error instanceof ScenarioError) {
      io.stderr(`pulsebar ${command}: ${error.message}\n`);
      return EXIT.usage;
    }
    // A bug, not a user error: still one line, and the key scrubbed from it whatever it was.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`pulsebar: unexpected failure: ${redactText(message, keysIn(argv, io.env))}. Please report it.\n`);
    return EXIT.internal;
  }
}

function keysIn(argv: string[], env: CliIo['env']): string[] {
  const keys = [env['ROBOFLOW_API_KEY'] ?? ''];
  argv.forEach((arg, i) => {
    if (arg === '--api-key') keys.push(argv[i + 1] ?? '');
    else if (arg.startsWith('--api-key=')) keys.push(arg.slice('--api-key='.length));
  });
  return keys.filter(Boolean);
}
