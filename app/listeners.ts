// The listeners of one event, where one that throws is reported and the others still hear it.

/** Told of each error a listener threw; the emitter has gone on to the next listener. */
export type ListenerErrorHandler = (error: unknown) => void;

/**
 * app/ has no console or timer to report with, and the emitter (the pool, a transport) must go
 * on whatever a listener does: an owner that keeps a log passes an onError that writes to it.
 */
const ignoreListenerError: ListenerErrorHandler = () => undefined;

/** What every onSomething is built on: add() returns the function that unsubscribes. */
export class Listeners<A extends unknown[]> {
  // Entries, not the functions: the same function added twice is two subscriptions, each ended by its own unsubscribe.
  readonly #entries = new Set<{ readonly listener: (...args: A) => void }>();
  readonly #onError: ListenerErrorHandler;

  constructor(onError: ListenerErrorHandler = ignoreListenerError) {
    this.#onError = onError;
  }

  add(listener: (...args: A) => void): () => void {
    const entry = { listener };
    this.#entries.add(entry);
    return () => {
      this.#entries.delete(entry);
    };
  }

  /**
   * Calls the listeners in the order they were added. One removed during the call is not called
   * afterwards; one added during it is called too (a Set's walk reaches what is added meanwhile).
   */
  emit(...args: A): void {
    for (const { listener } of this.#entries) {
      try {
        listener(...args);
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
