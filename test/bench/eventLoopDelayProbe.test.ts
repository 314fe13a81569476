// The event-loop probe the UI bench loads into web mode: it reports how late the loop ran, not the sampling interval.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { delayMs, lastEventLoopDelayReport, type EventLoopDelayReport } from './eventLoopDelayReport.js';

const here = dirname(fileURLToPath(import.meta.url));

test('an interval of exactly the resolution is no delay; what comes on top of it is', () => {
  assert.equal(delayMs(10e6, 10), 0);
  assert.equal(delayMs(9.5e6, 10), 0);
  assert.equal(delayMs(28.2e6, 10), 18.2);
});

test('an idle Node process with the probe loaded reports a delay near zero, not the 10 ms sampling interval', async () => {
  // A process that only waits: its loop is never busy, so its timers run on time.
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', join(here, 'eventLoopDelayProbe.ts'), '-e', 'setTimeout(() => {}, 30_000)'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGUSR2');
    let report: EventLoopDelayReport | undefined;
    for (let waited = 0; !report && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      report = lastEventLoopDelayReport(stderr);
    }
    assert.ok(report, `the probe printed no report; stderr: ${stderr}`);
    assert.ok(report.count > 20, `the histogram took ${report.count} samples`);
    assert.ok(report.p50Ms < 5, `an idle loop was reported ${report.p50Ms} ms late at p50: the sampling interval is being counted as delay`);
  } finally {
    child.kill('SIGKILL');
  }
});
