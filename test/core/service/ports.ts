// In-memory settings and secrets for the monitor service (the app backs them with electron-store
// and safeStorage), and a ready-made service on the demo scenario.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyStatus, SetKeyResult } from '../../../electron/contract';
import { DEFAULT_RETENTION } from '../../../electron/core/history';
import { validateSettingsPatch } from '../../../electron/core/settings';
import type { Clock } from '../../../electron/core/poller';
import { createDemoSource, createMonitorService, type MonitorService, type SecretsPort, type ServiceSettings, type SettingsPort } from '../../../electron/core/service';
import type { AlertNotification } from '../../../electron/core/alerts';
import { loadScenario } from '../../../electron/sim';
import type { StatsSource } from '../../../electron/core/stats';

export const BASE_SETTINGS: ServiceSettings = {
  workspace: null,
  baseUrl: 'https://api.roboflow.com',
  models: [],
  intervalMinutes: 5,
  window: '24h',
  demo: false,
  launchAtLogin: false,
  retention: DEFAULT_RETENTION,
  alerts: {},
  onboarded: false,
};


export function memorySettings(initial: Partial<ServiceSettings> = {}): SettingsPort & { current: ServiceSettings } {
  const port = {
    current: { ...BASE_SETTINGS, ...initial },
    notices: [] as string[],
    get: () => port.current,
    update(patch: Readonly<Record<string, unknown>>) {
      // The app's own checks (the settings store runs the same), kept in memory here.
      const checked = validateSettingsPatch(patch);
      port.current = { ...port.current, ...(checked as Partial<ServiceSettings>) };
      return port.current;
    },
  };
  return port;
}

export function memorySecrets(key: string | null = null): SecretsPort & { key: string | null } {
  const status = (): KeyStatus => ({ set: port.key !== null, last4: port.key === null ? null : port.key.slice(-4), protection: port.key === null ? null : 'os', problem: null });
  const port = {
    key,
    apiKey: () => port.key,
    status,
    setApiKey(value: string): SetKeyResult {
      if (value.trim().length < 8) return { ok: false, reason: 'invalid', message: 'That is too short to be a Roboflow API key.' };
      port.key = value.trim();
      return { ok: true, status: status() };
    },
  };
  return port;
}

/** A service on the bundled demo scenario, with its data in a fresh temp folder. */
export function demoService(
  clock: Clock,
  options: { settings?: Partial<ServiceSettings>; fetch?: typeof fetch; scenario?: string; wrapSource?: (source: StatsSource) => StatsSource } = {},
): {
  service: MonitorService;
  settings: ReturnType<typeof memorySettings>;
  secrets: ReturnType<typeof memorySecrets>;
  notifications: AlertNotification[];
  dataDir: string;
} {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulsebar-service-'));
  const settings = memorySettings({ demo: true, ...options.settings });
  const secrets = memorySecrets();
  const notifications: AlertNotification[] = [];
  const scenario = loadScenario(options.scenario ?? 'demo');
  const service = createMonitorService({
    dataDir: join(dataDir, 'data'),
    fetch: options.fetch ?? (() => Promise.reject(new Error('the demo needs no network'))),
    clock,
    settings,
    secrets,
    notifier: { notify: (n) => void notifications.push(n) },
    demoSource: () => {
      const demo = createDemoSource(scenario, clock);
      return options.wrapSource === undefined ? demo : { ...demo, source: options.wrapSource(demo.source) };
    },
  });
  return { service, settings, secrets, notifications, dataDir };
}
