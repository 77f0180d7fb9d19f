// The inference-stats request URL, built in one pure function so tests can pin it down.
import { formatApiTime } from './time-format';
import type { TimeWindow } from './types';

export interface StatsUrlParams {
  /** e.g. `https://api.roboflow.com` or `http://127.0.0.1:4010/`; a trailing slash is fine. */
  readonly baseUrl: string | URL;
  readonly workspace: string;
  readonly apiKey: string;
  readonly window: TimeWindow;
  /** Model ids to filter on; absent or empty = all models (the parameter is then left out). */
  readonly models?: readonly string[] | undefined;
}

/**
 * `GET {baseUrl}/{workspace}/inference-stats?api_key=..&startTime=..&endTime=..[&modelNames=a,b]`.
 * The result carries the API key: show it only through `redactUrl`.
 */
export function buildStatsUrl(params: StatsUrlParams): URL {
  const url = new URL(String(params.baseUrl));
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${workspaceSegment(params.workspace)}/inference-stats`;
  const query = new URLSearchParams({
    api_key: params.apiKey,
    startTime: formatApiTime(params.window.start),
    endTime: formatApiTime(params.window.end),
  });
  const models = modelFilter(params.models);
  if (models.length > 0) query.set('modelNames', models.join(','));
  url.search = query.toString();
  url.hash = '';
  return url;
}

function workspaceSegment(workspace: string): string {
  const trimmed = workspace.trim();
  // "." and ".." would be read as dot-segments (even percent-encoded) and change the path.
  if (trimmed === '' || trimmed === '.' || trimmed === '..') {
    throw new TypeError(`"${workspace}" is not a workspace id. Give the workspace name from your Roboflow URL.`);
  }
  return encodeURIComponent(trimmed);
}

function modelFilter(models: readonly string[] | undefined): string[] {
  const names = (models ?? []).map((name) => name.trim()).filter((name) => name !== '');
  const withComma = names.find((name) => name.includes(','));
  if (withComma !== undefined) {
    throw new TypeError(`Model id "${withComma}" contains a comma, which the modelNames filter cannot express.`);
  }
  return [...new Set(names)];
}
