// Each alert's life: ok → pending → firing → recovering → ok. A breach must hold for
// `pendingPolls` polls before it fires and the recovery condition for `recoverPolls` before it
// resolves (hysteresis); an alert that keeps switching is marked flapping.
import type { AlertEvent, AlertFigures, AlertKey, AlertState, Finding, Severity } from './types';
import { alertKeyId } from './types';

export interface LifecycleLimits {
  readonly pendingPolls: number;
  readonly recoverPolls: number;
  /** An event, not a state (ServerVersionChange): it fires once and is never open. */
  readonly instant?: boolean;
}

export interface TrackerOptions {
  /** Polls after start during which nothing fires (the baselines and the EWMA settle). Default 2. */
  readonly warmupPolls?: number;
  /** Flapping: this many changes between firing and not firing… Default 4. */
  readonly flapChanges?: number;
  /** …within this many evaluations. Default 20. */
  readonly flapWindow?: number;
}

export interface OpenAlert {
  readonly key: AlertKey;
  readonly state: AlertState;
  readonly severity: Severity;
  readonly message: string;
  readonly figures: AlertFigures;
  readonly startedAt: Date;
  readonly flapping: boolean;
}

export interface Evaluation {
  readonly events: AlertEvent[];
  /** Alerts firing or recovering after this poll. */
  readonly active: OpenAlert[];
}

export interface AlertTracker {
  apply(at: Date, findings: readonly Finding[], limits: (key: AlertKey) => LifecycleLimits): Evaluation;
  /** Pending, firing or recovering. */
  isOpen(key: AlertKey): boolean;
  state(key: AlertKey): AlertState;
}

interface Tracked {
  key: AlertKey;
  state: AlertState;
  /** Consecutive polls confirming the current move (pending → firing, recovering → ok). */
  streak: number;
  severity: Severity;
  message: string;
  figures: AlertFigures;
  startedAt: Date;
  /** Firing or not, for the last flapWindow evaluations. */
  visible: boolean[];
}

/** "hard-hat: helmet confidence 0.86 → 0.66 in the last hour"; workspace alerts have no prefix. */
export function messageOf(finding: Finding): string {
  return finding.key.model === null ? finding.summary : `${finding.key.model}: ${finding.summary}`;
}

export function createAlertTracker(options: TrackerOptions = {}): AlertTracker {
  const warmupPolls = options.warmupPolls ?? 2;
  const flapChanges = options.flapChanges ?? 4;
  const flapWindow = options.flapWindow ?? 20;
  const tracked = new Map<string, Tracked>();
  let polls = 0;

  const isVisible = (state: AlertState) => state === 'firing' || state === 'recovering';
  const flapping = (t: Tracked) => t.visible.reduce((changes, v, i) => (i > 0 && v !== t.visible[i - 1] ? changes + 1 : changes), 0) >= flapChanges;

  function step(t: Tracked, finding: Finding | undefined, limits: LifecycleLimits, at: Date, events: AlertEvent[]): void {
    const verdict = finding?.verdict ?? 'unknown';
    const fire = () => {
      t.state = 'firing';
      t.streak = 0;
      t.startedAt = at;
      events.push({ at, event: 'firing', key: t.key, severity: t.severity, message: t.message, figures: t.figures, startedAt: at });
    };
    if (finding !== undefined && verdict === 'breach') {
      t.severity = finding.severity;
      t.message = messageOf(finding);
      t.figures = finding.figures;
    }
    switch (t.state) {
      case 'ok':
        if (verdict !== 'breach') return;
        t.streak = 1;
        if (t.streak >= limits.pendingPolls) fire();
        else t.state = 'pending';
        return;
      case 'pending':
        if (verdict === 'breach') {
          t.streak += 1;
          if (t.streak >= limits.pendingPolls) fire();
        } else if (verdict !== 'unknown') {
          t.state = 'ok';
          t.streak = 0;
        }
        return;
      case 'firing':
      case 'recovering':
        if (verdict === 'recovered') {
          t.streak = t.state === 'recovering' ? t.streak + 1 : 1;
          t.state = 'recovering';
          if (t.streak >= limits.recoverPolls && finding !== undefined) {
            t.state = 'ok';
            t.streak = 0;
            events.push({ at, event: 'resolved', key: t.key, severity: t.severity, message: `${messageOf(finding)} (recovered)`, figures: finding.figures, startedAt: t.startedAt });
          }
        } else if (verdict === 'breach' || verdict === 'holding') {
          t.state = 'firing';
          t.streak = 0;
        }
        return;
    }
  }

  return {
    apply(at, findings, limits) {
      polls += 1;
      const events: AlertEvent[] = [];
      if (polls <= warmupPolls) return { events, active: [] };
      const byKey = new Map(findings.map((f) => [alertKeyId(f.key), f]));
      for (const [id, finding] of byKey) {
        if (tracked.has(id) || finding.verdict !== 'breach') continue;
        if (limits(finding.key).instant === true) {
          events.push({ at, event: 'firing', key: finding.key, severity: finding.severity, message: messageOf(finding), figures: finding.figures, startedAt: at });
          continue;
        }
        tracked.set(id, { key: finding.key, state: 'ok', streak: 0, severity: finding.severity, message: messageOf(finding), figures: finding.figures, startedAt: at, visible: [] });
      }
      const active: OpenAlert[] = [];
      for (const [id, t] of tracked) {
        step(t, byKey.get(id), limits(t.key), at, events);
        t.visible.push(isVisible(t.state));
        if (t.visible.length > flapWindow) t.visible.shift();
        if (isVisible(t.state)) active.push({ key: t.key, state: t.state, severity: t.severity, message: t.message, figures: t.figures, startedAt: t.startedAt, flapping: flapping(t) });
        // Forget alerts that have been quiet for a whole flap window: the map stays small.
        if (t.state === 'ok' && t.visible.every((v) => !v) && t.visible.length >= flapWindow) tracked.delete(id);
      }
      return { events, active };
    },
    isOpen(key) {
      const t = tracked.get(alertKeyId(key));
      return t !== undefined && t.state !== 'ok';
    },
    state(key) {
      return tracked.get(alertKeyId(key))?.state ?? 'ok';
    },
  };
}
