// The domain view of one inference-stats answer. Every figure keeps the API's own nullness:
// `null` means "the API did not say" (no traffic in that period, or a figure it leaves out),
// never zero. Nothing here is invented; consumers decide what null means for them (the
// detector, for one, treats a null count as 0).

/** A period of time, start inclusive; the API's resolution is one second. */
export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

/** The four headline figures of one period. Each is `null` when unknown. */
export interface Figures {
  readonly inferences: number | null;
  readonly errors: number | null;
  /** Mean confidence per detection, 0..1 (the no-detection class counts as 0). */
  readonly avgConfidence: number | null;
  readonly avgResponseTimeSeconds: number | null;
}

/** A value for the requested period and for the period of equal length just before it. */
export interface PeriodPair<T> {
  readonly current: T;
  readonly previous: T;
}

/** The class name Roboflow uses for inferences that detected nothing. */
export const NO_DETECTION_CLASS = '';

/** One model's totals, gathered from its rows. */
export interface ModelStats {
  readonly model: string;
  /** `model_num_inferences` / `prev_model_num_inferences` (rows without traffic in a period say null). */
  readonly inferences: PeriodPair<number | null>;
  /** Union over the model's rows, in first-seen order. */
  readonly deploymentTypes: readonly string[];
  readonly serverVersions: readonly string[];
}

/** One (model, predicted class) row. */
export interface ClassStats {
  readonly model: string;
  /** `""` (NO_DETECTION_CLASS) is the row for inferences that detected nothing. */
  readonly className: string;
  readonly current: Figures;
  readonly previous: Figures;
  /** Current period only; the API gives no previous median. */
  readonly medianConfidence: number | null;
  /** `class_count`: detections of this class in the current period (several per inference). */
  readonly detections: number | null;
  readonly deploymentTypes: readonly string[];
  readonly serverVersions: readonly string[];
}

/** The figures of one answer, independent of the window they were asked for. */
export interface StatsFigures {
  readonly totals: PeriodPair<Figures>;
  /** One entry per distinct model, in the order the rows first name it. */
  readonly models: readonly ModelStats[];
  /** The API's rows, in the API's order. */
  readonly classes: readonly ClassStats[];
}

/** One answer from a stats source, with the windows it describes. */
export interface StatsSnapshot extends StatsFigures {
  /** The window that was asked for. */
  readonly window: TimeWindow;
  /** The window of equal length ending where `window` starts (what the `prev_*` figures cover). */
  readonly previousWindow: TimeWindow;
}
