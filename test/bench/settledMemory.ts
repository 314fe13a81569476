// Heap and external memory read after repeated full GCs, so deltas are live objects and not garbage.

export interface MemorySample {
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Needs node --expose-gc. Collects until heapUsed stops shrinking (at most `rounds` passes). */
export async function settledMemory(rounds = 8): Promise<MemorySample> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('settledMemory needs node --expose-gc (npm run bench passes it)');
  let last = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rounds; i++) {
    gc();
    // Let FinalizationRegistry callbacks and socket teardown run, then collect what they freed.
    await tick();
    await tick();
    const now = process.memoryUsage().heapUsed;
    if (i >= 2 && now >= last) break;
    last = now;
  }
  gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}
