// The weighted median by its definition (sort everything, add weights up from the smallest
// value): the reference the simulator's faster median is checked against.
export interface WeightedSample {
  readonly value: number;
  readonly weight: number;
}

export function referenceWeightedMedian(samples: readonly WeightedSample[]): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, s) => sum + s.weight, 0);
  let cumulative = 0;
  for (const { value, weight } of sorted) {
    cumulative += weight;
    if (cumulative >= total / 2) return value;
  }
  return sorted[sorted.length - 1]?.value ?? null;
}
