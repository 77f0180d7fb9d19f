// Turns `pulsebar poll` arguments and environment into validated options. Pure: no I/O.
import { CONNECTION_ARGS, connectionFrom, type ConnectionOptions } from './connection-options';
import { parseCommandArgs } from './parse-args';

export interface PollOptions extends ConnectionOptions {
  json: boolean;
}

export function parsePollOptions(args: string[], env: Record<string, string | undefined>): PollOptions {
  const values = parseCommandArgs(args, { ...CONNECTION_ARGS, once: { type: 'boolean' }, json: { type: 'boolean' } });
  return { ...connectionFrom(values, env), json: values.json ?? false };
}
