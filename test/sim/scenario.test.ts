import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_SCENARIOS_DIR,
  ScenarioError,
  bundledScenarioNames,
  resolveScenarioPath,
  loadScenario,
  parseScenarioText,
  validateScenario,
} from '../../electron/sim/scenario';
import { rawScenario } from './helpers';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/scenarios/${name}`, import.meta.url));

/** The message of the ScenarioError that `load` throws. */
function failure(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}

function rejection(edit: (raw: ReturnType<typeof rawScenario>) => void): string {
  const raw = rawScenario();
  edit(raw);
  return failure(() => validateScenario(raw, 'scenarios/x.json'));
}

describe('shipped scenarios', () => {
  it('lists the bundled names', () => {
    expect(bundledScenarioNames()).toEqual(expect.arrayContaining(['demo', 'quiet', 'incidents']));
  });

  it('finds bundled files from the source location, not the working folder', () => {
    expect(resolve(BUNDLED_SCENARIOS_DIR)).toBe(fileURLToPath(new URL('../../scenarios', import.meta.url)));
    expect(resolveScenarioPath('demo')).toBe(join(BUNDLED_SCENARIOS_DIR, 'demo.json'));
    expect(resolveScenarioPath('scenarios/demo.json')).toBe(resolve(process.cwd(), 'scenarios/demo.json'));
  });

  it.each(['demo', 'quiet', 'incidents'])('loads %s by name', (name) => {
    const scenario = loadScenario(name);
    expect(scenario.name).toBe(name);
    expect(scenario.models).toHaveLength(4);
  });

  it('demo: a week, four models of clearly different volumes, one incident', () => {
    const demo = loadScenario('demo');
    expect(demo.hours).toBe(168);
    const volumes = demo.models.map((model) => model.requestsPerHour).sort((a, b) => a - b);
    expect(volumes[0]).toBeLessThanOrEqual(20);
    expect(volumes[3]).toBeGreaterThanOrEqual(2000);
    expect(demo.incidents).toHaveLength(1);
  });

  it('quiet: four weeks with a strong daily cycle and nothing going wrong', () => {
    const quiet = loadScenario('quiet');
    expect(quiet.hours).toBe(4 * 168);
    expect(quiet.incidents).toEqual([]);
    expect(quiet.faults).toEqual([]);
    for (const model of quiet.models) expect(model.diurnalAmplitude).toBeGreaterThanOrEqual(0.8);
  });

  it('incidents: one incident of every kind and every kind of fault', () => {
    const scenario = loadScenario('incidents');
    expect(scenario.incidents.map((incident) => incident.kind).sort()).toEqual(
      ['class_shift', 'confidence_drop', 'error_rise', 'latency_rise', 'outage', 'server_version', 'traffic_drop'],
    );
    expect(new Set(scenario.incidents.map((incident) => new Date(incident.from).getUTCHours())).size).toBe(7);
    const kinds = scenario.faults.map((fault) => fault.kind ?? fault.status);
    expect(kinds).toEqual(expect.arrayContaining([503, 429, 'timeout', 'malformed_json', 'html_error', 'reset']));
    expect(scenario.faults.find((fault) => fault.status === 429)?.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('the SCENARIOS.md example', () => {
  it('loads from a path, with defaults for what it leaves out', () => {
    const scenario = loadScenario(fixture('spec-example.json'));
    expect(scenario.workspace).toBe('demo-workspace');
    expect(scenario.pollMinutes).toBe(5);
    expect(scenario.incidents[0]).toMatchObject({ kind: 'confidence_drop', class: 'helmet', delta: -0.2 });
    expect(scenario.faults[0]).toMatchObject({ status: 503 });
    expect(scenario.models[0]?.classes[0]).toMatchObject({ name: 'helmet', share: 0.6, detectionsPerInference: 1.8 });
  });
});

describe('the example in docs/scenarios.md', () => {
  it('loads, and uses the features it shows', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/scenarios.md', import.meta.url)), 'utf8');
    const block = /## A complete small example\s+```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const scenario = parseScenarioText(block ?? '', 'docs/scenarios.md');
    expect(scenario.models[1]?.from).toBe('2026-11-01T12:00:00Z');
    expect(scenario.incidents.map((incident) => incident.kind)).toEqual(['confidence_drop', 'server_version']);
  });
});

describe('defaults and extensions', () => {
  it('fills in every optional field', () => {
    const raw = rawScenario();
    delete raw['name'];
    const scenario = validateScenario(raw, 'x.json', 'from-file-name');
    expect(scenario.name).toBe('from-file-name');
    expect(scenario.pollMinutes).toBe(5);
    const model = scenario.models[1];
    expect(model).toMatchObject({ deployment: 'hosted', diurnalAmplitude: 0, peakHourUtc: 12, errorRate: 0, emptyRate: 0, latencyJitter: 0.2 });
    expect(model?.from).toBeUndefined();
    const minimal = rawScenario();
    minimal.models = [{ name: 'm', serverVersion: '1', requestsPerHour: 1, latencySeconds: 0.1, classes: [{ name: 'c', share: 1, confidence: 0.5 }] }];
    delete (minimal as Record<string, unknown>)['incidents'];
    delete (minimal as Record<string, unknown>)['faults'];
    const loaded = validateScenario(minimal, 'x.json');
    expect(loaded.models[0]?.classes[0]).toEqual({ name: 'c', share: 1, confidence: 0.5, detectionsPerInference: 1, confidenceSd: 0.1 });
    expect(loaded.incidents).toEqual([]);
    expect(loaded.faults).toEqual([]);
  });

  it('ignores keys it does not know, so later additions to the format still load', () => {
    const scenario = validateScenario({ ...rawScenario(), futureKey: { anything: true } }, 'x.json');
    expect(scenario).not.toHaveProperty('futureKey');
  });

  it('accepts model from/to and every incident kind', () => {
    const raw = rawScenario();
    const model = 'hard-hat-sample-8j2w3';
    raw.models[1] = { ...raw.models[1], from: '2026-11-01T06:00:00Z', to: '2026-11-02T06:00:00+00:00' };
    raw.incidents = [
      { kind: 'confidence_drop', model, from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', delta: -0.1 },
      { kind: 'latency_rise', model, from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', factor: 2 },
      { kind: 'error_rise', model, from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', errorRate: 0.5 },
      { kind: 'traffic_drop', model, from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', factor: 0.5 },
      { kind: 'outage', model, from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z' },
      { kind: 'class_shift', model, from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', shares: { helmet: 0.2, head: 0.8 } },
      { kind: 'server_version', model, from: '2026-11-01T01:00:00Z', version: '0.16.0' },
    ];
    raw.faults = [
      { from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', status: 429, retryAfterSeconds: 30 },
      ...['timeout', 'malformed_json', 'html_error', 'reset'].map((kind) => ({ from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', kind })),
    ];
    const scenario = validateScenario(raw, 'x.json');
    expect(scenario.incidents).toHaveLength(7);
    expect(scenario.faults).toHaveLength(5);
  });
});

describe('rejections name the file and the field', () => {
  it('a class share that is not a number (fixture file)', () => {
    const message = failure(() => loadScenario(fixture('bad-share.json')));
    expect(message).toMatch(/bad-share\.json: models\[1\]\.classes\[0\]\.share: expected a number between 0 and 1, got "high"/);
    expect(message).toContain('docs/scenarios.md'); // says what to do
  });

  it('the exact line for a path given relative to the working folder', () => {
    const raw = rawScenario();
    (raw.models[1] as { classes: { share: unknown }[] }).classes[0]!.share = 'high';
    expect(failure(() => validateScenario(raw, 'scenarios/x.json')).split('\n')[0]).toBe(
      'scenarios/x.json: models[1].classes[0].share: expected a number between 0 and 1, got "high"',
    );
  });

  it('invalid JSON, with line and column', () => {
    const message = failure(() => loadScenario(fixture('bad-json.json')));
    expect(message).toMatch(/bad-json\.json: invalid JSON at line 7, column 3 \(offset \d+\): expected "," or "}" \(is a comma missing before this point\?\)/);
    expect(failure(() => parseScenarioText('{"a": [1, 2', 'x.json'))).toMatch(/x\.json: invalid JSON at line 1, column 12/);
  });

  it.each([
    ['a missing required field', (r: ReturnType<typeof rawScenario>) => delete r.models[0]!['requestsPerHour'], 'models[0].requestsPerHour: expected this field, which is required'],
    ['a rate above 1', (r: ReturnType<typeof rawScenario>) => (r.models[0]!['errorRate'] = 1.5), 'models[0].errorRate: expected a number between 0 and 1, got 1.5'],
    ['a time without a zone', (r: ReturnType<typeof rawScenario>) => (r['start'] = '2026-11-01 00:00:00'), 'start: expected an ISO 8601 time with a zone'],
    ['hours that are not whole', (r: ReturnType<typeof rawScenario>) => (r['hours'] = 1.5), 'hours: expected a whole number between 1 and'],
    ['no models', (r: ReturnType<typeof rawScenario>) => (r.models = []), 'models: expected at least one model'],
    ['shares that do not sum to 1', (r: ReturnType<typeof rawScenario>) => ((r.models[0]!['classes'] as { share: number }[])[0]!.share = 0.9), 'models[0].classes: expected class shares that sum to 1, got 1.3'],
    ['a model listed twice', (r: ReturnType<typeof rawScenario>) => (r.models[1]!['name'] = 'hard-hat-sample-8j2w3'), 'models[1].name: expected a model name used only once'],
    ['a model name with a comma', (r: ReturnType<typeof rawScenario>) => (r.models[1]!['name'] = 'a,b'), 'models[1].name: expected a model id'],
    ['a model that stops before it starts', (r: ReturnType<typeof rawScenario>) => Object.assign(r.models[1]!, { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }), 'models[1].to: expected a time after "from"'],
    ['an unknown incident kind', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'meltdown', model: 'x' }), 'incidents[0].kind: expected a kind among "confidence_drop"'],
    ['an incident on an unknown model', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'outage', model: 'nope', from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z' }), 'incidents[0].model: expected the name of a model of this scenario ("hard-hat-sample-8j2w3", "license-plate-recognition-rxg4e"), got "nope"'],
    ['an incident that ends before it starts', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'outage', model: 'hard-hat-sample-8j2w3', from: '2026-11-01T02:00:00Z', to: '2026-11-01T01:00:00Z' }), 'incidents[0].to: expected a time after "from"'],
    ['an incident outside the scenario', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'outage', model: 'hard-hat-sample-8j2w3', from: '2026-12-01T02:00:00Z', to: '2026-12-01T03:00:00Z' }), 'incidents[0].from: expected a time within the scenario'],
    ['a confidence drop on an unknown class', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'confidence_drop', model: 'hard-hat-sample-8j2w3', class: 'vest', from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', delta: -0.1 }), 'incidents[0].class: expected a class of hard-hat-sample-8j2w3 ("helmet", "head"), got "vest"'],
    ['a positive confidence "drop"', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'confidence_drop', model: 'hard-hat-sample-8j2w3', from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', delta: 0.1 }), 'incidents[0].delta: expected a negative number between -1 and 0, got 0.1'],
    ['a latency "rise" below 1', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'latency_rise', model: 'hard-hat-sample-8j2w3', from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', factor: 0.5 }), 'incidents[0].factor: expected a number greater than 1, got 0.5'],
    ['a traffic "drop" of 1 or more', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'traffic_drop', model: 'hard-hat-sample-8j2w3', from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', factor: 1 }), 'incidents[0].factor: expected a number from 0 up to 1 (excluded), got 1'],
    ['a class shift naming an unknown class', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'class_shift', model: 'hard-hat-sample-8j2w3', from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', shares: { helmet: 0.5, vest: 0.5 } }), 'incidents[0].shares.vest: expected only classes of hard-hat-sample-8j2w3'],
    ['class shift shares that do not sum to 1', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'class_shift', model: 'hard-hat-sample-8j2w3', from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', shares: { helmet: 0.5, head: 0.2 } }), 'incidents[0].shares: expected shares that sum to 1, got 0.7'],
    ['a server_version change with an end', (r: ReturnType<typeof rawScenario>) => r.incidents.push({ kind: 'server_version', model: 'hard-hat-sample-8j2w3', from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', version: '0.16.0' }), 'incidents[0].to: expected no "to"'],
    ['a fault with both a status and a kind', (r: ReturnType<typeof rawScenario>) => r.faults.push({ from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', status: 503, kind: 'reset' }), 'faults[0]: expected exactly one of "status"'],
    ['a fault with neither', (r: ReturnType<typeof rawScenario>) => r.faults.push({ from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z' }), 'faults[0]: expected exactly one of "status"'],
    ['an unknown fault kind', (r: ReturnType<typeof rawScenario>) => r.faults.push({ from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', kind: 'fire' }), 'faults[0].kind: expected a fault kind among "timeout"'],
    ['a status that is not an error', (r: ReturnType<typeof rawScenario>) => r.faults.push({ from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', status: 200 }), 'faults[0].status: expected a whole number between 400 and 599, got 200'],
    ['Retry-After on a kind fault', (r: ReturnType<typeof rawScenario>) => r.faults.push({ from: '2026-11-01T01:00:00Z', to: '2026-11-01T02:00:00Z', kind: 'timeout', retryAfterSeconds: 5 }), 'faults[0].retryAfterSeconds: expected "retryAfterSeconds" only on a fault with a "status"'],
  ])('%s', (_title, edit, expected) => {
    expect(rejection(edit)).toContain(`scenarios/x.json: ${expected}`);
  });

  it('something that is not an object at all', () => {
    expect(failure(() => parseScenarioText('[1, 2]', 'x.json'))).toContain('x.json: expected a JSON object with the scenario\'s fields, got a list');
  });

  it('an unknown bundled name lists the bundled ones', () => {
    const message = failure(() => loadScenario('no-such-scenario'));
    expect(message).toContain('no-such-scenario: no bundled scenario has this name');
    expect(message).toContain('demo');
  });

  it('a missing file', () => {
    expect(failure(() => loadScenario('./missing/nothing.json'))).toMatch(/nothing\.json: no such file/);
  });

  it('reports several problems at once', () => {
    const raw = rawScenario();
    raw.models[0]!['errorRate'] = -1;
    raw.models[1]!['latencySeconds'] = 'fast';
    const both = failure(() => validateScenario(raw, 'x.json'));
    expect(both).toContain('models[0].errorRate');
    expect(both).toContain('models[1].latencySeconds: expected a number greater than 0, got "fast"');
  });

  it('shipped files are plain JSON that other tools can read', () => {
    for (const name of ['demo', 'quiet', 'incidents']) {
      const text = readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');
      expect(() => JSON.parse(text) as unknown).not.toThrow();
    }
  });
});
