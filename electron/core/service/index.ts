// The monitor service: the one API behind IPC.
export { createMonitorService, type MonitorService, type MonitorServiceDeps } from './monitor-service';
export type { SecretsPort, ServiceSettings, SettingsPort } from './ports';
export { OFFLINE_AFTER_FAILURES } from './views';
export { createDemoSource } from './demo-source';
