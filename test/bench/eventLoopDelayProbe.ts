// Loaded with `node --import` into the web-mode core by the UI bench: how late the event loop runs a timer, printed to stderr and reset on SIGUSR2.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { delayMs, EVENT_LOOP_DELAY_LINE, type EventLoopDelayReport } from './eventLoopDelayReport.js';

/** How often the histogram's timer samples the loop. */
const RESOLUTION_MS = 10;

function startProbe(): void {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  process.on('SIGUSR2', () => {
    const report: EventLoopDelayReport = {
      count: histogram.count,
      p50Ms: delayMs(histogram.percentile(50), RESOLUTION_MS),
      p99Ms: delayMs(histogram.percentile(99), RESOLUTION_MS),
      maxMs: delayMs(histogram.max, RESOLUTION_MS),
      meanMs: delayMs(histogram.mean, RESOLUTION_MS),
    };
    histogram.reset();
    process.stderr.write(`${EVENT_LOOP_DELAY_LINE}${JSON.stringify(report)}\n`);
  });
}

startProbe();
