// The detector: every rule over every model at one poll. It remembers only what the rules need
// between polls (the latency EWMA, server versions, the error baseline an open alert froze).
import type { RecentWindows } from '../poller/poll-result';
import { HOUR_MS } from '../time';
import type { BaselineBook } from './baselines';
import { confidenceDrop } from './rules/confidence';
import type { ModelContext } from './rules/context';
import { classMixShift } from './rules/class-mix';
import { errorRateUp, workspaceErrorsRaised, type ErrorCount, type ModelErrorFigures } from './rules/errors';
import { latencyUp } from './rules/latency';
import { serverVersionChange, type KnownVersions } from './rules/server-version';
import { modelSilent, trafficDrop } from './rules/traffic';
import type { ResolvedThresholds } from './thresholds';
import type { AlertKey, Finding } from './types';

export interface DetectorInput {
  readonly at: Date;
  readonly recent: RecentWindows;
  readonly book: BaselineBook;
  /** Errors of the models fetched one by one this poll (see modelsToCheckForErrors). */
  readonly modelErrors: ReadonlyMap<string, ModelErrorFigures>;
  /** Whether the lifecycle has this alert open (pending, firing or recovering). */
  readonly isOpen: (key: AlertKey) => boolean;
}

export interface Detector {
  /** The models whose errors must be fetched one by one this poll. */
  modelsToCheckForErrors(recent: RecentWindows, book: BaselineBook, isOpen: (key: AlertKey) => boolean): string[];
  evaluate(input: DetectorInput): Finding[];
}

/** A server version change is named in the model's later alerts for this long. */
export const VERSION_NOTE_MS = 24 * HOUR_MS;

export function createDetector(thresholds: ResolvedThresholds): Detector {
  const ewmas = new Map<string, number | null>();
  const versions = new Map<string, KnownVersions>();
  const versionChanges = new Map<string, { at: number; version: string }>();
  const errorBaselines = new Map<string, ErrorCount>();

  function modelsOf(recent: RecentWindows, book: BaselineBook): string[] {
    const names = new Set<string>();
    for (const snapshot of [recent.hour, recent.short]) for (const m of snapshot.models) names.add(m.model);
    for (const [model, baseline] of book.models) if ([...baseline.hourCounts.values()].some((n) => n > 0)) names.add(model);
    return [...names].sort();
  }

  return {
    modelsToCheckForErrors(recent, book, isOpen) {
      const raised = workspaceErrorsRaised(recent.hour, book, thresholds.forModel(null).ErrorRateUp.minErrors);
      return modelsOf(recent, book).filter((model) => thresholds.forModel(model).ErrorRateUp.enabled && (raised || isOpen({ rule: 'ErrorRateUp', model, className: null })));
    },
    evaluate(input) {
      const findings: Finding[] = [];
      for (const model of modelsOf(input.recent, input.book)) {
        const ctx: ModelContext = { at: input.at, model, recent: input.recent, book: input.book, baseline: input.book.models.get(model), thresholds: thresholds.forModel(model) };
        const latency = latencyUp(ctx, ewmas.get(model) ?? null);
        ewmas.set(model, latency.ewma);
        const version = serverVersionChange(ctx, versions.get(model) ?? null);
        versions.set(model, version.known);
        for (const f of version.findings) versionChanges.set(model, { at: input.at.getTime(), version: String(f.figures.added) });

        const errors = input.modelErrors.get(model);
        if (errors !== undefined && !input.isOpen({ rule: 'ErrorRateUp', model, className: null })) errorBaselines.set(model, errors.previous);
        const modelFindings = [
          ...modelSilent(ctx),
          ...trafficDrop(ctx),
          ...errorRateUp(ctx, errors, errorBaselines.get(model)),
          ...confidenceDrop(ctx),
          ...classMixShift(ctx),
          ...latency.findings,
        ];
        findings.push(...withVersionNote(modelFindings, versionChanges.get(model), input.at), ...version.findings);
      }
      return findings;
    },
  };
}

/** Regressions soon after a server update say so: it is the first thing people will ask. */
function withVersionNote(findings: readonly Finding[], change: { at: number; version: string } | undefined, at: Date): Finding[] {
  if (change === undefined || at.getTime() - change.at > VERSION_NOTE_MS) return [...findings];
  const since = new Date(change.at).toISOString().slice(11, 16);
  return findings.map((f) => (f.verdict === 'breach' ? { ...f, summary: `${f.summary} (since server ${change.version} at ${since} UTC)` } : f));
}
