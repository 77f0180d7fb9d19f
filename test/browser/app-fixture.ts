// The whole app behind the real renderer: the monitor service on a scenario (the demo by
// default), whose network can be cut, with the real handlers and an export folder.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { systemClock } from '../../electron/core/poller';
import { NetworkError } from '../../electron/core/stats';
import type { ServiceSettings } from '../../electron/core/service';
import { createIpcHandlers } from '../../electron/shell/handlers';
import { loadScenario } from '../../electron/sim';
import { demoService } from '../core/service/ports';
import { emitEvent, installPreload } from './harness';

export interface AppFixture {
  readonly service: ReturnType<typeof demoService>['service'];
  readonly settings: ReturnType<typeof demoService>['settings'];
  /** Makes every request fail as an unreachable network would (true), or work again. */
  cutNetwork(cut: boolean): void;
  /** Polls n times (each joins the poll in flight, then evaluates alerts). */
  poll(times?: number): Promise<void>;
  /** Files written by "Export", by name. */
  exported(): { path: string; content: string }[];
  install(page: Page): Promise<void>;
  stop(): Promise<void>;
}

export async function startApp(options: { settings?: Partial<ServiceSettings>; scenario?: string } = {}): Promise<AppFixture> {
  let cut = false;
  const workspace = loadScenario(options.scenario ?? 'demo').workspace;
  const exportDir = mkdtempSync(join(tmpdir(), 'pulsebar-export-'));
  const written: string[] = [];
  const app = demoService(systemClock, {
    ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
    settings: { demo: true, ...options.settings },
    wrapSource: (source) => ({
      fetchStats: (query, fetchOptions) =>
        cut ? Promise.reject(new NetworkError({ workspace, host: 'api.roboflow.com', code: 'ENOTFOUND', reason: 'DNS lookup failed, ENOTFOUND' })) : source.fetchStats(query, fetchOptions),
    }),
  });
  app.service.start();
  await app.service.pollNow();
  const handlers = createIpcHandlers({
    appInfo: () => ({ name: 'Pulsebar', version: '0.1.0' }),
    service: app.service,
    saveFile: async (content, name) => {
      const path = join(exportDir, name);
      await writeFile(path, content, 'utf8');
      written.push(path);
      return { saved: true, path };
    },
  });
  return {
    service: app.service,
    settings: app.settings,
    cutNetwork: (value) => void (cut = value),
    async poll(times = 1) {
      for (let i = 0; i < times; i++) await app.service.pollNow();
      await new Promise((resolve) => setTimeout(resolve, 50)); // alerts are evaluated after the poll
    },
    exported: () => written.map((path) => ({ path, content: readFileSync(path, 'utf8') })),
    async install(page) {
      await installPreload(page, handlers);
      // As main does with webContents.send: the service's events reach the page.
      const forward = <E extends 'overview-changed' | 'poll-state'>(event: E) =>
        app.service.on(event, (payload) => void emitEvent(page, event, payload as never).catch(() => undefined));
      const offs = [forward('overview-changed'), forward('poll-state')];
      page.once('close', () => offs.forEach((off) => off()));
    },
    stop: () => app.service.stop(),
  };
}
