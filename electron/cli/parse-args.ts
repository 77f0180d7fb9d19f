import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage';

/** node:util parseArgs, strict, with its errors turned into usage errors that point at help. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run "pulsebar help" for the options.`);
  }
}
