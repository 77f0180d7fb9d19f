import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULE_THRESHOLDS,
  parseAlertThresholdSettings,
  resolveThresholds,
  ThresholdError,
  type AlertThresholdSettings,
  type RuleThresholds,
  type ThresholdOverrides,
} from '../../../electron/core/alerts/thresholds';
import { RULE_NAMES, type RuleName } from '../../../electron/core/alerts/types';

/** The error that `work` throws; fails the test when it throws none or something else. */
function caught(work: () => unknown): ThresholdError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ThresholdError);
    return error as ThresholdError;
  }
  throw new Error('expected a ThresholdError, got none');
}

const parseMessage = (input: unknown) => caught(() => parseAlertThresholdSettings(input)).message;

describe('resolveThresholds', () => {
  it('without settings gives the defaults, for the workspace and for every model', () => {
    for (const resolved of [resolveThresholds(), resolveThresholds({}), resolveThresholds({ rules: {}, models: {} })]) {
      expect(resolved.forModel(null)).toEqual(DEFAULT_RULE_THRESHOLDS);
      expect(resolved.forModel('hard-hat')).toEqual(DEFAULT_RULE_THRESHOLDS);
    }
  });

  it('accepts its own defaults as overrides', () => {
    const { silentMinutes: _workspaceWide, ...modelSilent } = DEFAULT_RULE_THRESHOLDS.ModelSilent;
    const settings: AlertThresholdSettings = { rules: DEFAULT_RULE_THRESHOLDS, models: { 'hard-hat': { ...DEFAULT_RULE_THRESHOLDS, ModelSilent: modelSilent } } };
    expect(resolveThresholds(settings).forModel('hard-hat')).toEqual(DEFAULT_RULE_THRESHOLDS);
  });

  it('keeps silentMinutes workspace-wide: the poller fetches one short window for every model', () => {
    expect(() => resolveThresholds({ models: { 'hard-hat': { ModelSilent: { silentMinutes: 45 } } } })).toThrow(
      'alerts.models["hard-hat"].ModelSilent.silentMinutes cannot differ between models: set it for all of them in alerts.rules.ModelSilent.silentMinutes.',
    );
    expect(resolveThresholds({ rules: { ModelSilent: { silentMinutes: 45 } } }).forModel('hard-hat').ModelSilent.silentMinutes).toBe(45);
  });

  it('layers defaults ← rules ← the model\'s overrides', () => {
    const resolved = resolveThresholds({
      rules: { TrafficDrop: { maxRatio: 0.4 }, LatencyUp: { factor: 2 } },
      models: { 'hard-hat': { TrafficDrop: { maxRatio: 0.3 }, ConfidenceDrop: { enabled: false } } },
    });
    const hardHat = resolved.forModel('hard-hat');
    expect(hardHat.TrafficDrop).toEqual({ ...DEFAULT_RULE_THRESHOLDS.TrafficDrop, maxRatio: 0.3 });
    expect(hardHat.LatencyUp).toEqual({ ...DEFAULT_RULE_THRESHOLDS.LatencyUp, factor: 2 });
    expect(hardHat.ConfidenceDrop).toEqual({ ...DEFAULT_RULE_THRESHOLDS.ConfidenceDrop, enabled: false });
    expect(hardHat.ErrorRateUp).toEqual(DEFAULT_RULE_THRESHOLDS.ErrorRateUp);

    for (const other of [resolved.forModel(null), resolved.forModel('forklift')]) {
      expect(other.TrafficDrop.maxRatio).toBe(0.4);
      expect(other.LatencyUp.factor).toBe(2);
      expect(other.ConfidenceDrop.enabled).toBe(true);
    }
  });

  it('a model can switch back on a rule switched off for all', () => {
    const resolved = resolveThresholds({ rules: { ClassMixShift: { enabled: false } }, models: { 'hard-hat': { ClassMixShift: { enabled: true } } } });
    expect(resolved.forModel('hard-hat').ClassMixShift.enabled).toBe(true);
    expect(resolved.forModel('forklift').ClassMixShift.enabled).toBe(false);
  });

  it('an undefined override leaves the value below it', () => {
    const resolved = resolveThresholds({ rules: { TrafficDrop: { maxRatio: 0.4 } }, models: { m: { TrafficDrop: { maxRatio: undefined } } } });
    expect(resolved.forModel('m').TrafficDrop.maxRatio).toBe(0.4);
  });

  it('answers with the same frozen object each time', () => {
    const resolved = resolveThresholds({ models: { m: { LatencyUp: { factor: 3 } } } });
    expect(resolved.forModel('m')).toBe(resolved.forModel('m'));
    expect(resolved.forModel('x')).toBe(resolved.forModel(null));
    const thresholds: RuleThresholds = resolved.forModel('m');
    expect(Object.isFrozen(thresholds)).toBe(true);
    expect(Object.isFrozen(thresholds.LatencyUp)).toBe(true);
    expect(() => {
      thresholds.LatencyUp.factor = 9;
    }).toThrow(TypeError);
  });

  it('does not take a model id from the prototype', () => {
    expect(resolveThresholds({ models: { m: { LatencyUp: { factor: 3 } } } }).forModel('constructor')).toEqual(DEFAULT_RULE_THRESHOLDS);
  });
});

describe('bad values', () => {
  const cases: [settings: unknown, message: string][] = [
    [{ rules: { ModelSilent: { pendingPolls: 0 } } }, 'alerts.rules.ModelSilent.pendingPolls must be a whole number from 1 to 20 (got 0).'],
    [{ rules: { ModelSilent: { recoverPolls: 2.5 } } }, 'alerts.rules.ModelSilent.recoverPolls must be a whole number from 1 to 20 (got 2.5).'],
    [{ rules: { LatencyUp: { pendingPolls: 21 } } }, 'alerts.rules.LatencyUp.pendingPolls must be a whole number from 1 to 20 (got 21).'],
    [{ rules: { ModelSilent: { silentMinutes: 4 } } }, 'alerts.rules.ModelSilent.silentMinutes must be a whole number from 5 to 1440 (got 4).'],
    [{ rules: { ModelSilent: { silentMinutes: 1441 } } }, 'alerts.rules.ModelSilent.silentMinutes must be a whole number from 5 to 1440 (got 1441).'],
    [{ rules: { ErrorRateUp: { minRequests: 0 } } }, 'alerts.rules.ErrorRateUp.minRequests must be a whole number, 1 or more (got 0).'],
    [{ rules: { ErrorRateUp: { minErrors: 1.5 } } }, 'alerts.rules.ErrorRateUp.minErrors must be a whole number, 1 or more (got 1.5).'],
    [{ rules: { MonitorUnavailable: { failedPolls: Number.POSITIVE_INFINITY } } }, 'alerts.rules.MonitorUnavailable.failedPolls must be a whole number, 1 or more (got Infinity).'],
    [{ rules: { ClassMixShift: { minExpected: 0.5 } } }, 'alerts.rules.ClassMixShift.minExpected must be a number, 1 or more (got 0.5).'],
    [{ models: { 'hard-hat': { ConfidenceDrop: { minDrop: 2 } } } }, 'alerts.models["hard-hat"].ConfidenceDrop.minDrop must be a number from 0 (excluded) to 1 (got 2).'],
    [{ models: { 'hard-hat': { ConfidenceDrop: { minDrop: 0 } } } }, 'alerts.models["hard-hat"].ConfidenceDrop.minDrop must be a number from 0 (excluded) to 1 (got 0).'],
    [{ rules: { TrafficDrop: { maxRatio: Number.NaN } } }, 'alerts.rules.TrafficDrop.maxRatio must be a number from 0 (excluded) to 1 (got NaN).'],
    [{ rules: { TrafficDrop: { maxRatio: '0.5' } } }, 'alerts.rules.TrafficDrop.maxRatio must be a number from 0 (excluded) to 1 (got "0.5").'],
    [{ rules: { TrafficDrop: { maxRatio: null } } }, 'alerts.rules.TrafficDrop.maxRatio must be a number from 0 (excluded) to 1 (got null).'],
    [{ rules: { LatencyUp: { ewmaLambda: 1.1 } } }, 'alerts.rules.LatencyUp.ewmaLambda must be a number from 0 (excluded) to 1 (got 1.1).'],
    [{ rules: { ClassMixShift: { maxP: 0.6 } } }, 'alerts.rules.ClassMixShift.maxP must be a number from 0 (excluded) to 0.5 (got 0.6).'],
    [{ rules: { ConfidenceDrop: { maxVariance: 0.3 } } }, 'alerts.rules.ConfidenceDrop.maxVariance must be a number from 0 (excluded) to 0.25 (got 0.3).'],
    [{ rules: { ErrorRateUp: { minZ: 0.5 } } }, 'alerts.rules.ErrorRateUp.minZ must be a number from 1 to 10 (got 0.5).'],
    [{ rules: { TrafficDrop: { maxZ: -0.5 } } }, 'alerts.rules.TrafficDrop.maxZ must be a number from -10 to -1 (got -0.5).'],
    [{ rules: { ConfidenceDrop: { maxRobustZ: 3 } } }, 'alerts.rules.ConfidenceDrop.maxRobustZ must be a number from -10 to -1 (got 3).'],
    [{ rules: { LatencyUp: { factor: 1 } } }, 'alerts.rules.LatencyUp.factor must be a number from 1 (excluded) to 100 (got 1).'],
    [{ rules: { ErrorRateUp: { factor: 101 } } }, 'alerts.rules.ErrorRateUp.factor must be a number from 1 (excluded) to 100 (got 101).'],
    [{ rules: { ClassMixShift: { minPsi: 11 } } }, 'alerts.rules.ClassMixShift.minPsi must be a number from 0 (excluded) to 10 (got 11).'],
    [{ rules: { LatencyUp: { minIncreaseSeconds: -1 } } }, 'alerts.rules.LatencyUp.minIncreaseSeconds must be a number from 0 to 60 (got -1).'],
    [{ rules: { LatencyUp: { ewmaWidth: 0 } } }, 'alerts.rules.LatencyUp.ewmaWidth must be a number from 1 to 10 (got 0).'],
    [{ rules: { ServerVersionChange: { enabled: 'yes' } } }, 'alerts.rules.ServerVersionChange.enabled must be true or false (got "yes").'],
    [{ models: { yolo: { LatencyUp: { enabled: 1 } } } }, 'alerts.models["yolo"].LatencyUp.enabled must be true or false (got 1).'],
  ];

  it.each(cases)('%j', (settings, message) => {
    expect(parseMessage(settings)).toBe(message);
    // The same checks apply to settings built in code.
    expect(caught(() => resolveThresholds(settings as AlertThresholdSettings)).message).toBe(message);
  });

  it('are RangeErrors that carry the path', () => {
    const error = caught(() => resolveThresholds({ models: { 'hard-hat': { ConfidenceDrop: { minDrop: 2 } } } }));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe('ThresholdError');
    expect(error.path).toBe('alerts.models["hard-hat"].ConfidenceDrop.minDrop');
  });

  it('a long string is clipped in the message', () => {
    const message = parseMessage({ rules: { TrafficDrop: { maxRatio: 'x'.repeat(500) } } });
    expect(message.length).toBeLessThan(150);
  });
});

describe('the shape of the settings', () => {
  it('refuses unknown rule names, listing the known ones', () => {
    expect(parseMessage({ rules: { TraficDrop: {} } })).toBe(`alerts.rules.TraficDrop is not a known rule; the known ones are ${RULE_NAMES.join(', ')}.`);
    expect(parseMessage({ models: { m: { Latency: { factor: 2 } } } })).toBe(`alerts.models["m"].Latency is not a known rule; the known ones are ${RULE_NAMES.join(', ')}.`);
  });

  it('refuses unknown thresholds, listing the rule\'s', () => {
    expect(parseMessage({ rules: { TrafficDrop: { maxratio: 0.4 } } })).toBe(
      'alerts.rules.TrafficDrop.maxratio is not a known TrafficDrop threshold; the known ones are enabled, maxRatio, maxZ, minBaseline, recoverRatio, pendingPolls, recoverPolls.',
    );
    expect(parseMessage({ rules: { ServerVersionChange: { pendingPolls: 2 } } })).toBe(
      'alerts.rules.ServerVersionChange.pendingPolls is not a known ServerVersionChange threshold; the known ones are enabled.',
    );
  });

  it('refuses unknown top-level settings', () => {
    expect(parseMessage({ rule: {} })).toBe('alerts.rule is not a known setting; the known ones are rules, models.');
    expect(parseMessage(JSON.parse('{"__proto__": {}}'))).toBe('alerts.__proto__ is not a known setting; the known ones are rules, models.');
  });

  it('refuses values that are not objects', () => {
    expect(parseMessage(null)).toBe('alerts must be an object with rules and/or models (got null).');
    expect(parseMessage([])).toBe('alerts must be an object with rules and/or models (got a list).');
    expect(parseMessage('strict')).toBe('alerts must be an object with rules and/or models (got "strict").');
    expect(parseMessage({ rules: [] })).toBe('alerts.rules must be an object of rule names to thresholds (got a list).');
    expect(parseMessage({ rules: { TrafficDrop: true } })).toBe('alerts.rules.TrafficDrop must be an object of TrafficDrop thresholds (got true).');
    expect(parseMessage({ models: ['hard-hat'] })).toBe('alerts.models must be an object of model ids to rule overrides (got a list).');
    expect(parseMessage({ models: { constructor: {} } })).toBe('alerts.models cannot hold the model id "constructor" (__proto__, prototype, constructor are reserved).');
    expect(parseMessage({ models: { 'hard-hat': 3 } })).toBe('alerts.models["hard-hat"] must be an object of rule names to thresholds (got 3).');
  });
});

describe('thresholds that must keep their order', () => {
  it('names both fields and their values, and where an inherited one came from', () => {
    expect(caught(() => resolveThresholds({ rules: { TrafficDrop: { maxRatio: 0.8 } } })).message).toBe(
      'alerts.rules.TrafficDrop: recoverRatio (0.7, the default) must be greater than maxRatio (0.8), so that recovering takes a clear margin past the firing threshold.',
    );
    const error = caught(() => resolveThresholds({ rules: { LatencyUp: { recoverFactor: 1.4 } }, models: { yolo: { LatencyUp: { factor: 1.3 } } } }));
    expect(error.path).toBe('alerts.models["yolo"].LatencyUp');
    expect(error.message).toMatch(/^alerts\.models\["yolo"\]\.LatencyUp: recoverFactor \(1\.4, from alerts\.rules\) must be less than factor \(1\.3\)/);
  });

  const cases: [overrides: ThresholdOverrides, path: string, fields: [string, string]][] = [
    [{ TrafficDrop: { maxRatio: 0.6, recoverRatio: 0.6 } }, 'TrafficDrop', ['recoverRatio (0.6)', 'maxRatio (0.6)']],
    [{ ConfidenceDrop: { recoverDrop: 0.06 } }, 'ConfidenceDrop', ['recoverDrop (0.06)', 'minDrop (0.05, the default)']],
    [{ ClassMixShift: { minPsi: 0.04 } }, 'ClassMixShift', ['recoverPsi (0.05, the default)', 'minPsi (0.04)']],
    [{ LatencyUp: { factor: 1.2 } }, 'LatencyUp', ['recoverFactor (1.2, the default)', 'factor (1.2)']],
    [{ ErrorRateUp: { minIncrease: 0.005 } }, 'ErrorRateUp', ['recoverMargin (0.01, the default)', 'minIncrease (0.005)']],
  ];

  it.each(cases)('%j', (overrides, rule, [first, second]) => {
    for (const settings of [{ rules: overrides }, { models: { m: overrides } }]) {
      const error = caught(() => parseAlertThresholdSettings(settings));
      const path = settings.rules === undefined ? `alerts.models["m"].${rule}` : `alerts.rules.${rule}`;
      expect(error.path).toBe(path);
      expect(error.message).toContain(`${path}: ${first} must be `);
      expect(error.message).toContain(` than ${second}`);
    }
  });

  it('are checked on the values in force, so a model can fix what its own override needs', () => {
    const settings = { rules: { TrafficDrop: { recoverRatio: 0.9 } }, models: { m: { TrafficDrop: { maxRatio: 0.8 } } } };
    expect(resolveThresholds(settings).forModel('m').TrafficDrop).toMatchObject({ maxRatio: 0.8, recoverRatio: 0.9 });
  });
});

describe('parseAlertThresholdSettings', () => {
  it('gives back valid settings', () => {
    const settings = { rules: { TrafficDrop: { maxRatio: 0.4 } }, models: { 'hard-hat': { ConfidenceDrop: { enabled: false } } } };
    expect(parseAlertThresholdSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
  });

  it('takes nothing as no settings', () => {
    expect(parseAlertThresholdSettings(undefined)).toEqual({});
    expect(parseAlertThresholdSettings({})).toEqual({});
  });
});

// A second statement of the ranges, so that a change to the module's is a change to make twice.
const double = (min: number, max: number, minExcluded = false) => fc.double({ min, max, minExcluded, noNaN: true });
const whole = (min: number, max: number) => fc.integer({ min, max });
const polls = whole(1, 20);
const count = whole(1, 1_000_000);
const share = double(0, 1, true);
const factor = double(1, 100, true);

const ARBITRARIES: { [R in RuleName]: { [K in keyof RuleThresholds[R]]: fc.Arbitrary<RuleThresholds[R][K]> } } = {
  ModelSilent: { enabled: fc.boolean(), silentMinutes: whole(5, 1440), minBaseline: count, pendingPolls: polls, recoverPolls: polls },
  TrafficDrop: { enabled: fc.boolean(), maxRatio: share, maxZ: double(-10, -1), minBaseline: count, recoverRatio: share, pendingPolls: polls, recoverPolls: polls },
  ErrorRateUp: {
    enabled: fc.boolean(),
    factor,
    minIncrease: share,
    minZ: double(1, 10),
    minRequests: count,
    minErrors: count,
    criticalRate: share,
    recoverMargin: share,
    pendingPolls: polls,
    recoverPolls: polls,
  },
  ConfidenceDrop: {
    enabled: fc.boolean(),
    minDrop: share,
    minRelativeDrop: share,
    minZ: double(1, 10),
    maxVariance: double(0, 0.25, true),
    maxRobustZ: double(-10, -1),
    minDetections: count,
    minRobustDetections: count,
    recoverDrop: share,
    pendingPolls: polls,
    recoverPolls: polls,
  },
  ClassMixShift: { enabled: fc.boolean(), maxP: double(0, 0.5, true), minPsi: double(0, 10, true), minInferences: count, minExpected: double(1, 1e6), recoverPsi: double(0, 10, true), pendingPolls: polls, recoverPolls: polls },
  LatencyUp: { enabled: fc.boolean(), factor, minIncreaseSeconds: double(0, 60), ewmaLambda: share, ewmaWidth: double(1, 10), minRequests: count, recoverFactor: factor, pendingPolls: polls, recoverPolls: polls },
  ServerVersionChange: { enabled: fc.boolean() },
  MonitorUnavailable: { enabled: fc.boolean(), failedPolls: count, recoverPolls: polls },
};

/** Recovery past firing, on the override laid over the defaults. */
function keepsOrder(rule: RuleName, override: Record<string, unknown>): boolean {
  const values: Record<string, unknown> = { ...DEFAULT_RULE_THRESHOLDS[rule], ...override };
  const n = (key: string) => Number(values[key]);
  switch (rule) {
    case 'TrafficDrop':
      return n('recoverRatio') > n('maxRatio');
    case 'ErrorRateUp':
      return n('recoverMargin') < n('minIncrease');
    case 'ConfidenceDrop':
      return n('recoverDrop') < n('minDrop');
    case 'ClassMixShift':
      return n('recoverPsi') < n('minPsi');
    case 'LatencyUp':
      return n('recoverFactor') < n('factor');
    default:
      return true;
  }
}

const overridesArbitrary: fc.Arbitrary<ThresholdOverrides> = fc.record(
  Object.fromEntries(
    RULE_NAMES.map((rule) => [
      rule,
      fc.record(ARBITRARIES[rule] as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] }).filter((override) => keepsOrder(rule, override)),
    ]),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<ThresholdOverrides>;

function expectLayered(thresholds: RuleThresholds, overrides: ThresholdOverrides): void {
  for (const rule of RULE_NAMES) {
    const override: Record<string, unknown> = overrides[rule] ?? {};
    for (const [key, value] of Object.entries(thresholds[rule])) {
      expect(value).toBe(key in override ? override[key] : (DEFAULT_RULE_THRESHOLDS[rule] as Record<string, unknown>)[key]);
    }
  }
}

describe('any valid overrides', () => {
  it('resolve for the workspace, and keep the defaults they do not touch', () => {
    fc.assert(
      fc.property(overridesArbitrary, (rules) => {
        const resolved = resolveThresholds({ rules });
        expectLayered(resolved.forModel(null), rules);
        expectLayered(resolved.forModel('any-model'), rules);
        expect(parseAlertThresholdSettings(JSON.parse(JSON.stringify({ rules })))).toEqual({ rules });
      }),
    );
  });

  it('resolve for one model, leaving the others at the defaults', () => {
    fc.assert(
      fc.property(overridesArbitrary, (generated) => {
        const { silentMinutes: _workspaceWide, ...modelSilent } = generated.ModelSilent ?? {};
        const overrides: ThresholdOverrides = { ...generated, ...(generated.ModelSilent === undefined ? {} : { ModelSilent: modelSilent }) };
        const resolved = resolveThresholds({ models: { 'hard-hat': overrides } });
        expectLayered(resolved.forModel('hard-hat'), overrides);
        expect(resolved.forModel('forklift')).toEqual(DEFAULT_RULE_THRESHOLDS);
      }),
    );
  });
});
