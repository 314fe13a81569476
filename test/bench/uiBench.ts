// The UI half of npm run bench: web mode on a real sshd, driven in Debian's Chromium — throughput, Ctrl-C, echo, core event loop, host search, heap.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SavedHostSchema, type SavedHost } from '../../app/hosts.js';
import { DEFAULT_POOL_OPTIONS } from '../../main/pool/poolOptions.js';
import { DEFAULT_TAB_FLOW } from '../../main/service/shellTab.js';
import { filterHosts, indexHostsForSearch } from '../../renderer/hosts/filterHosts.js';
import { chromiumLaunchOptions } from '../fixtures/chromiumLaunchOptions.js';
import { OpenSshServer } from '../fixtures/openSshServer.js';
import { savedHostView } from '../fixtures/savedHostView.js';
import { SshHome } from '../fixtures/sshHome.js';
import { WebModeProcess } from '../fixtures/webModeProcess.js';
import type { BenchRow, Verdict } from './benchTable.js';
import { BENCH_PAGE_GLOBAL, type BenchPage } from './benchPageApi.js';
import type { Cleanup } from './Cleanup.js';
import { colouredListing } from './colouredListing.js';
import { lastEventLoopDelayReport, type EventLoopDelayReport } from './eventLoopDelayReport.js';
import { latencyStats, type LatencyStats } from './latencyStats.js';
import { withTimeout } from './withTimeout.js';

const SIZES = {
  throughputBytes: 100 * 1024 * 1024,
  ctrlCRuns: 12,
  echoIdleKeys: 30,
  echoFloodKeys: 100,
  tabs: 20,
  scrollbackLines: 10_000,
  hosts: 2000,
  loopIdleMs: 5000,
  loopFloodMs: 10_000,
} as const;
/** The 100 MB leg fails, not hangs, past this; the reference terminal gets the same limit. */
const THROUGHPUT_LIMIT_MS = 120_000;
/** What the core lets be in flight to a tab, unacknowledged; the reference terminal gets the same. */
const CORE_HIGH_WATER = DEFAULT_TAB_FLOW.highWater;
/** ...and what the shell's server may send ahead of the core: all of it is drawn after Ctrl-C. */
const IN_FLIGHT_AFTER_KEY = DEFAULT_TAB_FLOW.highWater + DEFAULT_POOL_OPTIONS.shellWindowBytes;
const PROMPT = 'skb$ ';
const BEGIN_MARKER = 'SKEIN-BENCH-BEGIN';
const END_MARKER = 'SKEIN-BENCH-END';
const VIEWPORT = { width: 1200, height: 760 };

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

const ms = (x: number): string => `${x.toFixed(1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const verdict = (ok: boolean): Verdict => (ok ? 'PASS' : 'FAIL');
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));

/** A call into the page's probe (page/benchPage.ts). */
function probe<M extends keyof BenchPage>(page: Page, method: M, ...args: Parameters<BenchPage[M]>): Promise<Awaited<ReturnType<BenchPage[M]>>> {
  return page.evaluate(
    ({ name, method, args }) => {
      const api = (globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[name];
      if (!api) throw new Error('the bench probe is not in the page');
      return (api[method] as (...a: unknown[]) => unknown)(...args);
    },
    { name: BENCH_PAGE_GLOBAL, method, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<BenchPage[M]>>>;
}

/** The page-side probe, bundled with the same xterm.js the app uses. */
async function probeScript(): Promise<string> {
  const out = await build({ entryPoints: [join(here, 'page', 'benchPage.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  return (out.outputFiles[0] as { text: string }).text;
}

/** Files the shells read: the 100 MB listing between markers (sha256 of exactly that), a listing for scrollback, and the prompt. */
function writeShellFiles(home: string): { throughputPath: string; scrollbackPath: string; sha256: string; bytes: number } {
  writeFileSync(join(home, '.bash_profile'), `PS1='${PROMPT}'\n`);
  const throughputPath = join(home, 'throughput.txt');
  const hash = createHash('sha256');
  const fd = openSync(throughputPath, 'w');
  let bytes = 0;
  let chunk = '';
  const put = (text: string, flush = false): void => {
    chunk += text;
    if (chunk.length < 1 << 20 && !flush) return;
    const buffer = Buffer.from(chunk);
    hash.update(buffer);
    writeSync(fd, buffer);
    bytes += buffer.byteLength;
    chunk = '';
  };
  put(`${BEGIN_MARKER}\r\n`);
  for (const line of colouredListing(SIZES.throughputBytes)) put(line);
  put(END_MARKER, true);
  closeSync(fd);
  const scrollbackPath = join(home, 'scrollback.txt');
  const lines: string[] = [];
  for (const line of colouredListing(Infinity)) {
    // The shell's tty adds the CR itself here: this one is printed with output processing on.
    lines.push(line.replace('\r\n', '\n'));
    if (lines.length === SIZES.scrollbackLines) break;
  }
  writeFileSync(scrollbackPath, lines.join(''));
  return { throughputPath, scrollbackPath, sha256: hash.digest('hex'), bytes };
}

const WORDS = ['web', 'db', 'cache', 'api', 'queue', 'mail', 'proxy', 'build', 'log', 'auth'];
const GROUPS = ['prod', 'staging', 'dev', 'lab', 'edge'];
const TAGS = ['eu', 'us', 'asia', 'linux', 'bsd', 'gpu', 'ssd'];

/** 1,999 generated hosts and the bench's sshd, as hosts.json holds them, each checked by the core's own schema. */
function savedHosts(sshd: OpenSshServer): SavedHost[] {
  const hosts: SavedHost[] = [
    SavedHostSchema.parse({ id: 'bench-sshd', label: 'bench sshd', host: sshd.host, port: sshd.port, username: sshd.username, auth: { method: 'key', keyPath: sshd.clientKey.privateKeyPath } }),
  ];
  for (let i = 1; i < SIZES.hosts; i++) {
    const word = WORDS[i % WORDS.length] as string;
    const group = GROUPS[i % GROUPS.length] as string;
    hosts.push(
      SavedHostSchema.parse({
        id: `h${i}`,
        label: `${word}-${i}`,
        host: `${word}${i}.${group}.example.com`,
        username: i % 3 === 0 ? 'deploy' : 'alice',
        auth: { method: 'agent' },
        group,
        tags: [TAGS[i % TAGS.length] as string, TAGS[(i * 3) % TAGS.length] as string].filter((t, k, a) => a.indexOf(t) === k),
      }),
    );
  }
  return hosts;
}

/** What the count above the host list reads for `query`, by the renderer's own filter. */
function countTextFor(hosts: readonly SavedHost[], query: string): string {
  const index = indexHostsForSearch(hosts.map((h) => savedHostView(h)));
  if (query.trim() === '') return `${hosts.length} hosts`;
  return `${filterHosts(index, query).length} of ${hosts.length} hosts match`;
}

interface Heap {
  usedBytes: number;
  backingBytes: number;
}

/** The page's JS heap after a full GC, and the ArrayBuffer memory (xterm.js keeps its buffer in typed arrays) beside it. */
async function heapOf(page: Page): Promise<Heap> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return { usedBytes: usage.usedSize, backingBytes: usage.backingStorageSize ?? 0 };
  } finally {
    await cdp.detach();
  }
}

class UiDriver {
  constructor(readonly page: Page) {}

  searchBox() {
    return this.page.getByRole('searchbox', { name: 'Search hosts' });
  }

  /** Types into the focused terminal, waiting for the prompt to come back after the last line. */
  async runInTerminal(line: string, timeoutMs = 60_000): Promise<void> {
    await probe(this.page, 'armPrompt', PROMPT);
    await this.page.keyboard.type(`${line}\n`);
    await probe(this.page, 'armed', timeoutMs);
  }

  /** Opens a tab on the bench's sshd as a person would (search, Enter) and waits for its prompt. */
  async openTab(): Promise<void> {
    const before = await this.page.getByTestId('tab').count();
    await this.searchBox().fill('bench sshd');
    await this.searchBox().press('Enter');
    await this.page.getByTestId('tab').nth(before).waitFor();
    const terminal = this.page.locator('[data-testid="terminal"]:visible');
    await terminal.waitFor();
    await withTimeout(this.waitForPrompt(), `the prompt of tab ${before + 1}`, 60_000);
    await terminal.click();
  }

  async showTab(index: number): Promise<void> {
    await this.page.getByTestId('tab').nth(index).click();
    await this.page.locator('[data-testid="terminal"]:visible').click();
  }

  private async waitForPrompt(): Promise<void> {
    for (;;) {
      const shown = await this.page.locator('[data-testid="terminal"]:visible').evaluate((element, prompt) => {
        const buffer = (element as unknown as { xtermBuffer?: { baseY: number; cursorY: number; getLine(y: number): { translateToString(t: boolean): string } | undefined } }).xtermBuffer;
        return buffer?.getLine(buffer.baseY + buffer.cursorY)?.translateToString(true).trimEnd() === prompt.trimEnd();
      }, PROMPT);
      if (shown) return;
      await sleep(100);
    }
  }
}

interface ThroughputResult {
  /** Bytes of the source the app wrote: all of it, or what it managed before the limit. */
  sourceBytes: number;
  appMs: number;
  /** The reference terminal's time for the same frames. */
  referenceMs: number;
  sha256: string;
  sourceSha256: string;
  /** Time the app's terminal had written all it had received: waiting on the core, the socket or the browser's own WebSocket intake. */
  starvedMs?: number;
  /** Set when the app did not write the whole source within the limit. */
  timedOut?: string;
  error?: string;
}

async function throughputLeg(ui: UiDriver, file: { throughputPath: string; sha256: string; bytes: number }, log: (s: string) => void): Promise<ThroughputResult> {
  const { page } = ui;
  const result: ThroughputResult = { sourceBytes: 0, appMs: NaN, referenceMs: NaN, sha256: '', sourceSha256: file.sha256 };
  // Output processing off: the tty passes the file's bytes (CR LF already) as they are, so the hashes can match.
  await page.keyboard.type(`stty -opost; cat ${file.throughputPath}; stty opost`);
  const tabId = await probe(page, 'lastInputTab');
  if (tabId === undefined) throw new Error('typing in the terminal sent no input frame');
  await probe(page, 'record', tabId);
  await page.keyboard.press('Enter');
  const started = performance.now();
  try {
    let done = false;
    while (!done) {
      const status = await probe(page, 'recordStatus', END_MARKER);
      done = status.done;
      if (!done && performance.now() - started > THROUGHPUT_LIMIT_MS) {
        result.timedOut = `timed out after ${THROUGHPUT_LIMIT_MS / 1000} s with ${mb(status.acked)} of ${mb(file.bytes)} written`;
        break;
      }
      if (!done) await sleep(500);
    }
    if (result.timedOut === undefined) {
      const leg = await probe(page, 'recordedLeg', BEGIN_MARKER, END_MARKER);
      Object.assign(result, { appMs: leg.ms, sourceBytes: leg.sourceBytes, sha256: leg.sha256, starvedMs: leg.starvedMs });
    } else {
      const partial = await probe(page, 'partialLeg', BEGIN_MARKER);
      Object.assign(result, { appMs: partial.ms, sourceBytes: partial.writtenBytes });
      // The rest of the file is not waited for.
      await page.keyboard.press('Control+C');
    }
    log(`throughput: app wrote ${mb(result.sourceBytes)} in ${ms(result.appMs)}${result.starvedMs === undefined ? '' : `, idle waiting for data ${ms(result.starvedMs)} of it`}${result.timedOut ? ` (${result.timedOut})` : ''}`);
    result.referenceMs = await probe(page, 'referenceWrite', BEGIN_MARKER, result.timedOut === undefined ? END_MARKER : undefined, CORE_HIGH_WATER, THROUGHPUT_LIMIT_MS);
    log(`throughput: xterm.js fed directly wrote the same frames in ${ms(result.referenceMs)}`);
  } catch (err) {
    // Playwright appends its call log on further lines; the first says what went wrong.
    result.error = (err as Error).message.split('\n')[0];
    log(`throughput: ${result.error}`);
  } finally {
    await probe(page, 'forget');
  }
  return result;
}

/** Latency of each Ctrl-C, and the bytes of `yes` output still drawn after it (what the flow control let be in flight). */
async function ctrlCLeg(ui: UiDriver): Promise<{ ms: LatencyStats; bytesAfterKey: LatencyStats }> {
  const samples: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < SIZES.ctrlCRuns; i++) {
    await ui.page.keyboard.type('yes\n');
    await sleep(1000);
    await probe(ui.page, 'armPrompt', PROMPT);
    await ui.page.keyboard.press('Control+C');
    const { ms, bytesAfterKey } = await probe(ui.page, 'armed', 20_000);
    samples.push(ms);
    bytes.push(bytesAfterKey);
  }
  return { ms: latencyStats(samples), bytesAfterKey: latencyStats(bytes) };
}

async function echoSamples(ui: UiDriver, keys: number): Promise<LatencyStats> {
  const samples: number[] = [];
  for (let i = 0; i < keys; i++) {
    await probe(ui.page, 'armEcho');
    await ui.page.keyboard.press(String.fromCharCode(97 + (i % 26)));
    samples.push((await probe(ui.page, 'armed', 10_000)).ms);
    // A line of letters is cleared now and then (Ctrl-U), unmeasured, so the shell's line editor stays short.
    if (i % 40 === 39) await ui.page.keyboard.press('Control+U');
    await sleep(20 + Math.random() * 40);
  }
  return latencyStats(samples);
}

async function searchLeg(ui: UiDriver, hosts: readonly SavedHost[]): Promise<LatencyStats> {
  // Names, numbers, groups, tags and users, alone and together: each typed key is one sample where it changes the list.
  const queries = [
    ...WORDS.map((w, i) => `${w}-${i + 1}`),
    ...GROUPS.map((g, i) => `${WORDS[i] as string} ${g}`),
    ...TAGS.map((t, i) => `${t} ${i + 2}`),
    'deploy edge',
    'alice staging 4',
    'example.com 77',
  ];
  const samples: number[] = [];
  const box = ui.searchBox();
  for (const query of queries) {
    await box.fill('');
    await box.focus();
    let typed = '';
    for (const char of query) {
      const before = countTextFor(hosts, typed);
      typed += char;
      const after = countTextFor(hosts, typed);
      // A key that does not change the list has no update to time.
      if (after === before) {
        await ui.page.keyboard.type(char);
        await sleep(50);
        continue;
      }
      await probe(ui.page, 'armHostCount', after);
      await ui.page.keyboard.type(char);
      samples.push((await probe(ui.page, 'armed', 10_000)).ms);
      await sleep(30);
    }
  }
  await box.fill('');
  return latencyStats(samples);
}

/** The core's event-loop delay over `windowMs`: the probe is reset by one SIGUSR2 and read by the next. */
async function loopDelay(web: WebModeProcess, windowMs: number): Promise<EventLoopDelayReport> {
  const pid = web.pid;
  if (pid === undefined) throw new Error('web mode has no process id to signal');
  process.kill(pid, 'SIGUSR2');
  await sleep(windowMs);
  const before = web.stderr().length;
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 10_000; waited += 50) {
    const report = lastEventLoopDelayReport(web.stderr().slice(before));
    if (report) return report;
    await sleep(50);
  }
  throw new Error('the event-loop probe in web mode printed no report within 10 s of SIGUSR2: was it loaded with --import?');
}

/** Processes whose command line names the run folder: sshd (-f), web mode (--data-dir), Chromium (--user-data-dir). */
function processesOf(runDir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', runDir], { encoding: 'utf8' }).trim().split('\n').map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

export async function runUiBench(cleanup: Cleanup): Promise<{ rows: BenchRow[]; results: Record<string, unknown> }> {
  const log = (s: string): void => console.error(`[ui bench] ${s}`);
  // Every temp folder (sshd, HOME, data, browser profile) goes under one run folder, so nothing it started can hide.
  const previousTmp = process.env.TMPDIR;
  const runDir = mkdtempSync(join(tmpdir(), 'skein-uibench-'));
  process.env.TMPDIR = runDir;
  cleanup.add('remove the run folder, end what it started', async () => {
    process.env.TMPDIR = previousTmp;
    const left = processesOf(runDir);
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // it ended on its own meanwhile
      }
    }
    if (left.length > 0) console.error(`[ui bench] ${left.length} process(es) of the run were still running and are now killed: ${left.join(', ')}`);
    rmSync(runDir, { recursive: true, force: true });
  });

  // The page under test is the code of this checkout, not whatever dist/ holds from an older build.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const sshd = await OpenSshServer.start();
  cleanup.add('sshd.stop', () => sshd.stop());
  const shellHome = join(sshd.dir, 'home');
  const files = writeShellFiles(shellHome);
  log(`sshd on ${sshd.host}:${sshd.port}; ${mb(files.bytes)} listing written`);

  const home = new SshHome();
  cleanup.add('remove HOME', async () => home.remove());
  home.trust(sshd.knownHostsLine());
  const dataDir = join(home.path, 'skein-data');
  const hosts = savedHosts(sshd);
  execFileSync('mkdir', ['-p', '-m', '700', dataDir]);
  writeFileSync(join(dataDir, 'hosts.json'), JSON.stringify({ schemaVersion: 1, hosts }), { mode: 0o600 });

  const web = await WebModeProcess.start({ home: home.path, dataDir, nodeArgs: ['--import', join(here, 'eventLoopDelayProbe.ts')] });
  cleanup.add('web.stop', () => web.stop());

  // The browser and flags of the e2e tests (playwright.config.ts).
  const browser: Browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  cleanup.add('browser.close', () => browser.close());
  const context = await browser.newContext({ viewport: VIEWPORT });
  // tsx-compiled functions handed to page.evaluate carry esbuild's __name helper (machine notes).
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await context.addInitScript({ content: await probeScript() });
  const page = await context.newPage();
  const ui = new UiDriver(page);
  const response = await page.goto(web.url.href);
  if (!response?.ok()) throw new Error(`opening web mode answered ${response?.status()}`);
  await page.locator('.hosts-count', { hasText: `${SIZES.hosts} hosts` }).waitFor({ timeout: 60_000 });
  const heapNoTabs = await heapOf(page);
  log(`page up with ${SIZES.hosts} hosts; heap ${mb(heapNoTabs.usedBytes)}`);

  const search = await searchLeg(ui, hosts);
  log(`host search: p50 ${ms(search.p50)} p99 ${ms(search.p99)} (${search.n} keys)`);

  await ui.openTab();
  const throughput = await throughputLeg(ui, files, log);
  await withTimeout(ui.runInTerminal('stty opost', 120_000), 'the prompt after the throughput leg', 130_000);

  const ctrlCRuns = await ctrlCLeg(ui);
  const ctrlC = ctrlCRuns.ms;
  log(`Ctrl-C under yes: p50 ${ms(ctrlC.p50)} p99 ${ms(ctrlC.p99)}; output drawn after the key p50 ${mb(ctrlCRuns.bytesAfterKey.p50)}`);

  await ui.openTab();
  const echoIdle = await echoSamples(ui, SIZES.echoIdleKeys);
  await ui.showTab(0);
  await page.keyboard.type('yes\n');
  await ui.showTab(1);
  await sleep(1000);
  const echoFlood = await echoSamples(ui, SIZES.echoFloodKeys);
  log(`echo in tab B: idle p99 ${ms(echoIdle.p99)}, tab A flooding p99 ${ms(echoFlood.p99)}`);
  await ui.page.keyboard.press('Control+U');
  await ui.showTab(0);
  await probe(page, 'armPrompt', PROMPT);
  await page.keyboard.press('Control+C');
  await probe(page, 'armed', 20_000);

  while ((await page.getByTestId('tab').count()) < SIZES.tabs) await ui.openTab();
  for (let i = 0; i < SIZES.tabs; i++) {
    await ui.showTab(i);
    await ui.runInTerminal(`cat ${files.scrollbackPath}`);
  }
  const heapTabs = await heapOf(page);
  const renderers = await probe(page, 'renderers');
  const perTab = (heapTabs.usedBytes + heapTabs.backingBytes - heapNoTabs.usedBytes - heapNoTabs.backingBytes) / SIZES.tabs;
  log(`heap with ${SIZES.tabs} tabs: ${mb(heapTabs.usedBytes)} + ${mb(heapTabs.backingBytes)} array buffers; renderers ${JSON.stringify(renderers)}`);

  const loopIdle = await loopDelay(web, SIZES.loopIdleMs);
  for (let i = 0; i < SIZES.tabs; i++) {
    await ui.showTab(i);
    await page.keyboard.type('yes\n');
  }
  await sleep(1000);
  const loopFlood = await loopDelay(web, SIZES.loopFloodMs);
  log(`core event-loop delay: idle p99 ${ms(loopIdle.p99Ms)}, ${SIZES.tabs} tabs flooding p99 ${ms(loopFlood.p99Ms)}`);

  const appRate = throughput.sourceBytes / (throughput.appMs / 1000);
  const refRate = throughput.sourceBytes / (throughput.referenceMs / 1000);
  const ratio = appRate / refRate;
  const throughputOk = throughput.error === undefined && throughput.timedOut === undefined && ratio >= 0.8;
  const throughputValue =
    throughput.error !== undefined
      ? `failed: ${throughput.error}`
      : `${mb(appRate)}/s (${ratio.toFixed(2)}x)${throughput.starvedMs === undefined ? '' : `, idle waiting for data ${((100 * throughput.starvedMs) / throughput.appMs).toFixed(0)}% of it`}${throughput.timedOut ? `; ${throughput.timedOut}` : ''}`;
  const rows: BenchRow[] = [
    {
      metric: `terminal throughput, ${mb(SIZES.throughputBytes)} coloured ls -l, sshd -> web mode -> xterm.js`,
      pool: throughputValue,
      reference: Number.isFinite(refRate) ? `xterm.js fed directly ${mb(refRate)}/s` : 'xterm.js fed directly: not run',
      target: '>= 0.8x',
      verdict: verdict(throughputOk),
    },
    {
      metric: 'terminal throughput: sha256 of bytes the renderer received',
      pool: throughput.sha256 === '' ? 'not computed (the source did not arrive whole)' : throughput.sha256.slice(0, 16),
      reference: `source ${throughput.sourceSha256.slice(0, 16)}`,
      target: 'equal',
      verdict: verdict(throughput.sha256 === throughput.sourceSha256 && throughput.sourceBytes === files.bytes),
    },
    {
      metric: `Ctrl-C under yes: key to prompt on screen, p50 of ${ctrlC.n}`,
      pool: `${ms(ctrlC.p50)} (p99 ${ms(ctrlC.p99)}; ${mb(ctrlCRuns.bytesAfterKey.p50)} drawn after the key)`,
      reference: Number.isFinite(refRate) ? `drawing ${mb(IN_FLIGHT_AFTER_KEY)} in flight at the direct rate ${ms((IN_FLIGHT_AFTER_KEY / refRate) * 1000)}` : '-',
      target: '< 100 ms',
      verdict: verdict(ctrlC.p50 < 100),
    },
    {
      metric: `keystroke echo in tab B while tab A floods, p99 of ${echoFlood.n}`,
      pool: `${ms(echoFlood.p99)} (p50 ${ms(echoFlood.p50)})`,
      reference: `no flood: p99 ${ms(echoIdle.p99)} (p50 ${ms(echoIdle.p50)})`,
      target: '<= 50 ms',
      verdict: verdict(echoFlood.p99 <= 50),
    },
    {
      metric: `core event-loop delay, ${SIZES.tabs} tabs flooding, p99 over ${SIZES.loopFloodMs / 1000} s`,
      pool: `${ms(loopFlood.p99Ms)} (max ${ms(loopFlood.maxMs)})`,
      reference: `${SIZES.tabs} tabs idle: p99 ${ms(loopIdle.p99Ms)}`,
      target: '<= 20 ms',
      verdict: verdict(loopFlood.p99Ms <= 20),
    },
    {
      metric: `host search, ${SIZES.hosts} saved hosts: key to updated list, p99 of ${search.n}`,
      pool: `${ms(search.p99)} (p50 ${ms(search.p50)})`,
      reference: '-',
      target: '<= 50 ms',
      verdict: verdict(search.p99 <= 50),
    },
    {
      metric: `renderer heap, ${SIZES.tabs} tabs x ${SIZES.scrollbackLines} lines of scrollback`,
      pool: `${mb(heapTabs.usedBytes + heapTabs.backingBytes)} total, ${mb(perTab)} per tab`,
      reference: `no tabs: ${mb(heapNoTabs.usedBytes + heapNoTabs.backingBytes)}`,
      target: 'info',
      verdict: 'info',
    },
  ];
  const results = {
    sizes: SIZES,
    throughput: { ...throughput, appBytesPerSecond: appRate, referenceBytesPerSecond: refRate, ratio },
    ctrlCMs: ctrlC,
    ctrlCBytesDrawnAfterKey: ctrlCRuns.bytesAfterKey,
    echoMs: { idle: echoIdle, tabAFlooding: echoFlood },
    coreEventLoopDelay: { idle: loopIdle, flooding: loopFlood },
    hostSearchMs: search,
    heap: { noTabs: heapNoTabs, tabs: heapTabs, perTabBytes: perTab, renderers },
    notes: [
      'Latencies run from the keydown event\'s own timestamp to the first animation frame at which the result is in the page (xterm.js buffer, its write callback, or the host count).',
      'Heap: V8 heap used after a forced GC plus ArrayBuffer backing stores (xterm.js keeps its lines in typed arrays), from the Chrome DevTools Protocol.',
    ],
    rows,
  };
  return { rows, results };
}
