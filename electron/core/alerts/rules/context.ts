// What a rule sees for one model at one poll.
import type { RecentWindows } from '../../poller/poll-result';
import type { BaselineBook, ModelBaseline } from '../baselines';
import type { RuleThresholds } from '../thresholds';
import type { AlertFigures, AlertKey, Finding, RuleName, Severity, Verdict } from '../types';

export interface ModelContext {
  readonly at: Date;
  readonly model: string;
  readonly recent: RecentWindows;
  readonly book: BaselineBook;
  readonly baseline: ModelBaseline | undefined;
  readonly thresholds: RuleThresholds;
}

export function finding(rule: RuleName, model: string | null, className: string | null, verdict: Verdict, severity: Severity, summary: string, figures: AlertFigures): Finding {
  const key: AlertKey = { rule, model, className };
  return { key, verdict, severity, summary, figures };
}

/** Too little data: the alert keeps its state and nothing is claimed. */
export function unknown(rule: RuleName, model: string | null, className: string | null, severity: Severity, why: string): Finding {
  return finding(rule, model, className, 'unknown', severity, why, {});
}
