// The menu of one saved host (right click, Shift+F10, the ⋯ mark): open, open on a new connection, connect ahead, start its forwards, edit, delete.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { SavedHostView } from '../../app/hosts.js';

export type HostMenuCommand = 'open' | 'open-new-connection' | 'connect-ahead' | 'start-forwards' | 'edit' | 'delete';

const ITEMS: { command: HostMenuCommand; text: string; keys?: string }[] = [
  { command: 'open', text: 'Open in a new tab', keys: 'Enter' },
  { command: 'open-new-connection', text: 'Open on a new connection' },
  { command: 'connect-ahead', text: 'Connect ahead' },
  { command: 'start-forwards', text: 'Start its port forwards' },
  { command: 'edit', text: 'Edit…', keys: 'F2' },
  { command: 'delete', text: 'Delete…', keys: 'Del' },
];

export interface HostRowMenuProps {
  host: SavedHostView;
  /** Viewport point the menu opens at (the pointer, or the row's corner from the keyboard). */
  at: { x: number; y: number };
  onCommand: (command: HostMenuCommand, host: SavedHostView) => void;
  onClose: () => void;
}

export function HostRowMenu({ host, at, onCommand, onClose }: HostRowMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState(at);

  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    // Kept inside the window: a menu opened near the bottom or right edge would be cut off.
    const { width, height } = menu.getBoundingClientRect();
    setPlace({ x: Math.max(4, Math.min(at.x, window.innerWidth - width - 4)), y: Math.max(4, Math.min(at.y, window.innerHeight - height - 4)) });
    menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [at]);

  useLayoutEffect(() => {
    const away = (event: PointerEvent): void => {
      if (!menuRef.current?.contains(event.target as Node)) onClose();
    };
    const blur = (): void => onClose();
    document.addEventListener('pointerdown', away, true);
    window.addEventListener('blur', blur);
    window.addEventListener('resize', blur);
    return () => {
      document.removeEventListener('pointerdown', away, true);
      window.removeEventListener('blur', blur);
      window.removeEventListener('resize', blur);
    };
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(at + 1);
        break;
      case 'ArrowUp':
        focus(at - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(items.length - 1);
        break;
      case 'Escape':
      case 'Tab':
        onClose();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return createPortal(
    <div
      ref={menuRef}
      className="menu"
      role="menu"
      aria-label={`Actions for ${host.label}`}
      onKeyDown={onKeyDown}
      style={{ left: place.x, top: place.y }}
    >
      {ITEMS.filter((item) => item.command !== 'start-forwards' || host.localForwards.length > 0).map((item) => (
        <button
          key={item.command}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={item.command === 'delete' ? 'menu-item danger' : 'menu-item'}
          onClick={() => {
            onClose();
            onCommand(item.command, host);
          }}
        >
          <span>{item.text}</span>
          {item.keys ? <kbd aria-hidden="true">{item.keys}</kbd> : null}
        </button>
      ))}
    </div>,
    document.body,
  );
}
