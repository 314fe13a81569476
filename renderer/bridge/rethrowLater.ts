// A listener's error thrown again on a task of its own: the page's error reporting sees it, and the other listeners still ran.

export function rethrowLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  });
}
