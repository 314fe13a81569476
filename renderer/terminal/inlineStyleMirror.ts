// Carries the <style> elements xterm.js writes (the DOM renderer's colours and cell sizes, the scrollbar's colours) into
// constructed stylesheets: the page's CSP has no 'unsafe-inline', so it blocks those <style> elements but allows these.

export class InlineStyleMirror {
  private readonly sheets = new Map<HTMLStyleElement, { sheet: CSSStyleSheet; text: string }>();
  private readonly observer: MutationObserver;
  private readonly document: Document;

  constructor(private readonly root: HTMLElement) {
    this.document = root.ownerDocument;
    this.observer = new MutationObserver(() => this.sync());
    this.observer.observe(root, { subtree: true, childList: true, characterData: true });
  }

  /** Brings the mirrored sheets in step with the <style> elements under root (the observer calls it too). */
  sync(): void {
    const present = new Set(this.root.querySelectorAll('style'));
    for (const element of present) {
      const text = element.textContent ?? '';
      let entry = this.sheets.get(element);
      if (!entry) {
        entry = { sheet: new CSSStyleSheet(), text: '' };
        this.sheets.set(element, entry);
        this.document.adoptedStyleSheets = [...this.document.adoptedStyleSheets, entry.sheet];
      }
      if (entry.text !== text) {
        entry.sheet.replaceSync(text);
        entry.text = text;
      }
    }
    for (const [element, entry] of this.sheets) {
      if (!present.has(element)) this.drop(element, entry.sheet);
    }
  }

  dispose(): void {
    this.observer.disconnect();
    for (const [element, entry] of this.sheets) this.drop(element, entry.sheet);
  }

  private drop(element: HTMLStyleElement, sheet: CSSStyleSheet): void {
    this.sheets.delete(element);
    this.document.adoptedStyleSheets = this.document.adoptedStyleSheets.filter((s) => s !== sheet);
  }
}
