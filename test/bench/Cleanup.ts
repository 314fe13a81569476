// LIFO cleanup of what a bench started: every step runs even when one fails or hangs.
import { withTimeout } from './withTimeout.js';

export class Cleanup {
  private readonly steps: { name: string; fn: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;

  add(name: string, fn: () => Promise<void>): void {
    this.steps.push({ name, fn });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.splice(0).reverse()) {
        try {
          await withTimeout(step.fn(), `cleanup: ${step.name}`, 20_000);
        } catch (err) {
          console.error(`cleanup step "${step.name}" failed: ${(err as Error).message}`);
        }
      }
    })();
    return this.running;
  }
}
