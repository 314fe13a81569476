// What the event-loop probe in the web-mode core prints on SIGUSR2, and how the UI bench finds it in that process's stderr.

/** The line the bench looks for in the process's stderr, followed by the histogram as JSON. */
export const EVENT_LOOP_DELAY_LINE = 'skein-bench event-loop-delay ';

export interface EventLoopDelayReport {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/**
 * Milliseconds the loop ran a timer late. Node's histogram records the whole interval between two
 * runs of its timer, the resolution included: an idle loop reads 10.2 ms at p50 with a 10 ms
 * resolution (nodejs/node#34661; OpenTelemetry's and Elastic's agents subtract it as well).
 */
export function delayMs(intervalNs: number, resolutionMs: number): number {
  return Math.round(Math.max(0, intervalNs / 1e6 - resolutionMs) * 100) / 100;
}

/** The last report in `stderr`, or undefined when there is none yet. */
export function lastEventLoopDelayReport(stderr: string): EventLoopDelayReport | undefined {
  const at = stderr.lastIndexOf(EVENT_LOOP_DELAY_LINE);
  if (at < 0) return undefined;
  const end = stderr.indexOf('\n', at);
  if (end < 0) return undefined;
  return JSON.parse(stderr.slice(at + EVENT_LOOP_DELAY_LINE.length, end)) as EventLoopDelayReport;
}
