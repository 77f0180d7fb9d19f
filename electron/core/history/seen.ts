// The models and classes the history has ever seen, with when: the fetch times of the first and
// the last stored answer (snapshot or hour) that named the model. Sorted by name.
import type { StoreContext } from './context';
import type { SeenSeries } from './types';

interface SeenModel {
  firstSeen: number;
  lastSeen: number;
  readonly classes: string[];
}

export function seenSeries({ connection, series }: StoreContext): SeenSeries[] {
  return connection.read('read the models seen', () => {
    const models = new Map<string, SeenModel>();
    const modelOf = (name: string, firstSeen: number, lastSeen: number): SeenModel => {
      let model = models.get(name);
      if (model === undefined) {
        model = { firstSeen, lastSeen, classes: [] };
        models.set(name, model);
      }
      return model;
    };
    const records = series.all();
    for (const record of records) {
      if (record.scope.level !== 'model') continue;
      const model = modelOf(record.scope.model, record.firstSeen, record.lastSeen);
      model.firstSeen = Math.min(model.firstSeen, record.firstSeen);
      model.lastSeen = Math.max(model.lastSeen, record.lastSeen);
    }
    for (const record of records) {
      if (record.scope.level === 'class') modelOf(record.scope.model, record.firstSeen, record.firstSeen).classes.push(record.scope.className);
    }
    return [...models]
      .sort(([a], [b]) => compare(a, b))
      .map(([model, seen]) => ({ model, classes: seen.classes.sort(compare), firstSeen: new Date(seen.firstSeen), lastSeen: new Date(seen.lastSeen) }));
  });
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
