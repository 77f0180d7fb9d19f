// The six figures as the hourly and daily tables hold them (averages in micro-units), and their
// conversions to and from rows and domain values.
import { fromMicro, type MicroFigures } from './micro';
import type { HourlyBucket } from './types';
import { numberOrNull, type Row } from './values';

export const FIGURE_COLUMNS = 'inferences, errors, avg_confidence, median_confidence, avg_response_time, detections';

export function microFromRow(row: Row): MicroFigures {
  return {
    inferences: numberOrNull(row.inferences),
    errors: numberOrNull(row.errors),
    avgConfidence: numberOrNull(row.avg_confidence),
    medianConfidence: numberOrNull(row.median_confidence),
    avgResponseTime: numberOrNull(row.avg_response_time),
    detections: numberOrNull(row.detections),
  };
}

/** In FIGURE_COLUMNS order. */
export function microValues(figures: MicroFigures): [number | null, number | null, number | null, number | null, number | null, number | null] {
  return [figures.inferences, figures.errors, figures.avgConfidence, figures.medianConfidence, figures.avgResponseTime, figures.detections];
}

export function figuresFromMicro(figures: MicroFigures): Omit<HourlyBucket, 'scope' | 'hour' | 'complete'> {
  return {
    inferences: figures.inferences,
    errors: figures.errors,
    avgConfidence: fromMicro(figures.avgConfidence),
    medianConfidence: fromMicro(figures.medianConfidence),
    avgResponseTimeSeconds: fromMicro(figures.avgResponseTime),
    detections: figures.detections,
  };
}
