// The notification policy's settings, their defaults and their checks. Checked once, when the
// policy is built, so a bad setting fails loudly at start-up instead of silencing alerts later.

export interface QuietHours {
  /** Local time "HH:MM"; the quiet hours include it. */
  readonly start: string;
  /** Local time "HH:MM"; the quiet hours end just before it. Before `start` = wraps midnight. */
  readonly end: string;
}

export interface PolicySettings {
  /** false: nothing is ever sent. */
  readonly enabled: boolean;
  /** At most one alert or repeat notification per model per this many minutes. */
  readonly perModelMinutes: number;
  /** At most this many notifications in any sliding hour; beyond, one digest. */
  readonly perHour: number;
  /** A notified critical alert still active is repeated this many hours after its last notification… */
  readonly criticalRepeatHours: number;
  /** …at most this many times. Warnings never repeat. */
  readonly criticalRepeats: number;
  /** Nothing is sent inside them; one digest follows. null = none. */
  readonly quietHours: QuietHours | null;
}

export const DEFAULT_POLICY_SETTINGS: PolicySettings = {
  enabled: true,
  perModelMinutes: 15,
  perHour: 6,
  criticalRepeatHours: 4,
  criticalRepeats: 3,
  quietHours: null,
};

export const MINUTES_PER_DAY = 1440;

/** Fills defaults; throws a RangeError naming the first bad setting, its value and what is allowed. */
export function resolvePolicySettings(input: Partial<PolicySettings> = {}): PolicySettings {
  const d = DEFAULT_POLICY_SETTINGS;
  const settings: PolicySettings = {
    enabled: input.enabled ?? d.enabled,
    perModelMinutes: input.perModelMinutes ?? d.perModelMinutes,
    perHour: input.perHour ?? d.perHour,
    criticalRepeatHours: input.criticalRepeatHours ?? d.criticalRepeatHours,
    criticalRepeats: input.criticalRepeats ?? d.criticalRepeats,
    quietHours: input.quietHours === undefined ? d.quietHours : input.quietHours,
  };
  if (typeof settings.enabled !== 'boolean') throw new RangeError(`enabled must be true or false (got ${shown(settings.enabled)}).`);
  requireWhole('perModelMinutes', settings.perModelMinutes, 0, MINUTES_PER_DAY);
  // 0 per hour would be "disabled" in disguise: that is what `enabled` is for.
  requireWhole('perHour', settings.perHour, 1, 60);
  const hours: unknown = settings.criticalRepeatHours;
  if (typeof hours !== 'number' || !(hours >= 1 && hours <= 168)) {
    throw new RangeError(`criticalRepeatHours must be a number of hours, 1–168 (got ${shown(hours)}).`);
  }
  requireWhole('criticalRepeats', settings.criticalRepeats, 0, 100);
  const quiet: unknown = settings.quietHours;
  if (quiet !== null) {
    if (typeof quiet !== 'object') throw new RangeError(`quietHours must be { start, end } or null (got ${shown(quiet)}).`);
    const { start, end } = quiet as Record<string, unknown>;
    parseClock('quietHours.start', start);
    parseClock('quietHours.end', end);
    if (start === end) throw new RangeError(`quietHours.start and quietHours.end must differ (both ${shown(start)}).`);
  }
  return settings;
}

/** Minutes after midnight of an "HH:MM" time; throws a RangeError naming `field` otherwise. */
export function parseClock(field: string, value: unknown): number {
  const match = typeof value === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value) : null;
  if (!match) throw new RangeError(`${field} must be HH:MM, 00:00–23:59 (got ${shown(value)}).`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Whether a local minute of the day lies in the quiet hours (start included, end excluded). */
export function isQuietMinute(quietHours: QuietHours | null, minuteOfDay: number): boolean {
  if (quietHours === null) return false;
  const start = parseClock('quietHours.start', quietHours.start);
  const end = parseClock('quietHours.end', quietHours.end);
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

function requireWhole(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number, ${min}–${max} (got ${shown(value)}).`);
  }
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
