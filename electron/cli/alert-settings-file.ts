// `--alerts FILE`: thresholds, per-model overrides and notification settings for watch and
// replay, in the format docs/alerts.md describes.
import { readFileSync } from 'node:fs';
import { parseAlertSettings, type ResolvedAlertSettings } from '../core/alerts/alert-settings';
import { UsageError } from './usage';

export function readAlertSettings(path: string | undefined): ResolvedAlertSettings {
  if (path === undefined) return parseAlertSettings(undefined);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the alert settings ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path given to --alerts.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the alert settings ${path} are not valid JSON (${(error as Error).message}).`);
  }
  try {
    return parseAlertSettings(json);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
}
