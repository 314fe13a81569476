// Every reach into xterm.js's private fields, as xterm.js 6.0.0 names them; package.json pins that release.
import type { Terminal } from '@xterm/xterm';

/** The part of xterm.js's DOM renderer that writes a cell's inline colours. */
interface DomRowFactory {
  _addStyle(element: HTMLElement, style: string): void;
}

interface TerminalInternals {
  _core?: { _renderService?: { _renderer?: { value?: { _rowFactory?: Partial<DomRowFactory> } } } };
}

export class XtermInternals {
  /** The xterm.js release these fields were read from; a test checks package.json pins the same one. */
  static readonly testedVersion = '6.0.0';

  /**
   * xterm.js's DOM renderer gives truecolour cells, and cells whose colours it corrects for
   * contrast, their colour with setAttribute('style'). The page's CSP has no 'unsafe-inline', so
   * the browser blocks each of those (the cell keeps the default colour) and raises a violation
   * for it: with minimumContrastRatio on, one per coloured cell, which made the DOM renderer draw a
   * flood at half its speed. The same declarations set through CSSOM are not inline markup and
   * are allowed. Call it whenever the DOM renderer has just become the terminal's renderer: xterm.js
   * makes a new one each time (at open, and when the WebGL addon goes away).
   */
  cspSafeDomColours(terminal: Terminal): void {
    const factory = (terminal as unknown as TerminalInternals)._core?._renderService?._renderer?.value?._rowFactory;
    if (typeof factory?._addStyle !== 'function') {
      throw new Error(
        `xterm.js's DOM renderer has no _core._renderService._renderer.value._rowFactory._addStyle (as in xterm.js ${XtermInternals.testedVersion}): ` +
          'truecolour text drawn by the DOM renderer loses its colour under the page\'s CSP. Check renderer/terminal/xtermInternals.ts against the installed xterm.js.',
      );
    }
    factory._addStyle = (element, style) => {
      element.style.cssText += `${style};`;
    };
  }
}
