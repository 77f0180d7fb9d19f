// The popover's state: what main last said (overview, settings) and where the user is. One
// instance; views read it and call its actions. Everything comes from window.pulsebar.
import type { Overview, SettingsView } from '../../../electron/contract';

export type View = { name: 'now' } | { name: 'model'; model: string } | { name: 'alerts' } | { name: 'history' } | { name: 'settings' };

export class AppState {
  overview = $state<Overview | null>(null);
  settings = $state<SettingsView | null>(null);
  view = $state<View>({ name: 'now' });
  /** A failure talking to main, shown until the next success. */
  failure = $state<string | null>(null);
  /** Ticks every 30 s so "updated 2 min ago" moves on. */
  now = $state(Date.now());

  readonly firstRun = $derived(this.settings !== null && this.settings.workspace === null && !this.settings.demo);
  /** Polls are failing: the figures shown are what was stored. */
  readonly offline = $derived(this.overview?.poll.offline === true);
  /** Three poll intervals without a good poll: the numbers are stale. */
  readonly stale = $derived.by(() => {
    const last = this.overview?.poll.lastSuccessAt ?? this.overview?.fetchedAt;
    const interval = (this.settings?.intervalMinutes ?? 5) * 60_000;
    return last !== null && last !== undefined && this.now - new Date(last).getTime() > 3 * interval;
  });

  private readonly unsubscribe: (() => void)[] = [];

  async start(): Promise<void> {
    this.unsubscribe.push(
      window.pulsebar.on('overview-changed', (overview) => (this.overview = overview)),
      window.pulsebar.on('poll-state', (poll) => {
        if (this.overview !== null) this.overview = { ...this.overview, poll };
      }),
      window.pulsebar.on('open-model', (model) => (this.view = { name: 'model', model })),
      window.pulsebar.on('open-view', (view) => (this.view = view === 'now' ? { name: 'now' } : { name: view })),
    );
    const timer = setInterval(() => (this.now = Date.now()), 30_000);
    this.unsubscribe.push(() => clearInterval(timer));
    await this.refresh();
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  async refresh(): Promise<void> {
    await this.attempt(async () => {
      const [overview, settings] = await Promise.all([window.pulsebar.getOverview(), window.pulsebar.getSettings()]);
      this.overview = overview;
      this.settings = settings;
    });
  }

  async pollNow(): Promise<void> {
    await this.attempt(async () => {
      await window.pulsebar.pollNow();
      this.overview = await window.pulsebar.getOverview();
    });
  }

  async setPaused(paused: boolean): Promise<void> {
    await this.attempt(async () => {
      const poll = await window.pulsebar.setPaused(paused);
      if (this.overview !== null) this.overview = { ...this.overview, poll };
    });
  }

  open(view: View): void {
    this.view = view;
  }

  /** Runs a call to main; a failure is shown, never thrown into a view. */
  async attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work();
      this.failure = null;
      return result;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  }
}
