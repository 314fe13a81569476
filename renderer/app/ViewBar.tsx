// The bar that switches the main area between the terminal tabs, the pool health view and the settings.
import type { MainView } from './viewShortcut.js';

const VIEWS: { view: MainView; label: string; keys?: string; shown?: string }[] = [
  { view: 'tabs', label: 'Terminals' },
  { view: 'health', label: 'Pool health', keys: 'Control+Shift+H', shown: 'Ctrl+Shift+H' },
  { view: 'settings', label: 'Settings', keys: 'Control+,', shown: 'Ctrl+,' },
];

export function ViewBar({ view, onChange }: { view: MainView; onChange: (view: MainView) => void }) {
  return (
    <nav className="view-bar" aria-label="Views">
      {VIEWS.map((v) => (
        <button
          key={v.view}
          type="button"
          className="view-bar-button"
          aria-current={view === v.view ? 'page' : undefined}
          aria-keyshortcuts={v.keys}
          title={v.shown ? `${v.label} (${v.shown})` : v.label}
          onClick={() => onChange(v.view)}
          data-testid={`view-${v.view}`}
        >
          {v.label}
        </button>
      ))}
    </nav>
  );
}
