// Loaded with `node --import` into the web-mode core by the UI bench: perf_hooks' event-loop delay histogram, printed to stderr and reset on SIGUSR2.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EVENT_LOOP_DELAY_LINE, type EventLoopDelayReport } from './eventLoopDelayReport.js';

function startProbe(): void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
  process.on('SIGUSR2', () => {
    const report: EventLoopDelayReport = {
      count: histogram.count,
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
      meanMs: ms(histogram.mean),
    };
    histogram.reset();
    process.stderr.write(`${EVENT_LOOP_DELAY_LINE}${JSON.stringify(report)}\n`);
  });
}

startProbe();
