// Notices that the computer slept: a timer that fires far later, by the wall clock, than it was set for.

/** What the watcher reads and sets; the system clock in the app, a hand-driven one in tests. */
export interface WakeClock {
  /** Wall-clock milliseconds: they go on while the machine sleeps, while the timers' monotonic clock stops. */
  now(): number;
  /** A one-shot timer that does not keep the process alive. */
  setTimer(fire: () => void, ms: number): { cancel(): void };
}

const SYSTEM_WAKE_CLOCK: WakeClock = Object.freeze({
  now: () => Date.now(),
  setTimer: (fire: () => void, ms: number) => {
    const timer = setTimeout(fire, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
});

export interface WakeWatcherOptions {
  /** Told how many milliseconds late the tick came, which is about how long the machine slept. */
  onWake: (lateMs: number) => void;
  /** How often the watcher looks. Default 1000. */
  tickMs?: number;
  /** Lateness put down to a busy machine rather than sleep. Default 2000. */
  toleranceMs?: number;
  clock?: WakeClock;
}

export class WakeWatcher {
  private readonly tickMs: number;
  private readonly toleranceMs: number;
  private readonly clock: WakeClock;
  private timer: { cancel(): void } | undefined;
  private dueAt = 0;

  constructor(private readonly options: WakeWatcherOptions) {
    this.tickMs = options.tickMs ?? 1000;
    this.toleranceMs = options.toleranceMs ?? 2000;
    this.clock = options.clock ?? SYSTEM_WAKE_CLOCK;
  }

  start(): void {
    if (!this.timer) this.arm();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private arm(): void {
    this.dueAt = this.clock.now() + this.tickMs;
    this.timer = this.clock.setTimer(() => this.fired(), this.tickMs);
  }

  private fired(): void {
    const lateMs = this.clock.now() - this.dueAt;
    this.arm();
    if (lateMs > this.toleranceMs) this.options.onWake(lateMs);
  }
}
