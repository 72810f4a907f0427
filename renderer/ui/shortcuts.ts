import { useEffect, useRef } from 'react';

/** "mod" is Cmd on macOS and Ctrl elsewhere: "mod+z", "mod+shift+z", "f2", "delete", "n". */
export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How a shortcut is written in menus: "⇧⌘O" on macOS, "Ctrl+Shift+O" elsewhere. */
export function shortcutLabel(shortcut: string): string {
  const parts = shortcut.split('+');
  const key = parts.at(-1)!.toUpperCase();
  if (isMac) {
    const symbols: Record<string, string> = { mod: '⌘', shift: '⇧', alt: '⌥' };
    return `${['alt', 'shift', 'mod'].filter((p) => parts.includes(p)).map((p) => symbols[p]).join('')}${key}`;
  }
  const names: Record<string, string> = { mod: 'Ctrl', shift: 'Shift', alt: 'Alt' };
  return [...parts.slice(0, -1).map((p) => names[p] ?? p), key].join('+');
}

/** The same shortcut for aria-keyshortcuts: "Control+Shift+O" (Meta on macOS). */
export function ariaShortcut(shortcut: string): string {
  const names: Record<string, string> = { mod: isMac ? 'Meta' : 'Control', shift: 'Shift', alt: 'Alt' };
  return shortcut
    .split('+')
    .map((part) => names[part] ?? part.toUpperCase())
    .join('+');
}

export function shortcutOf(event: KeyboardEvent): string {
  const parts: string[] = [];
  if (isMac ? event.metaKey : event.ctrlKey) parts.push('mod');
  if (event.altKey) parts.push('alt');
  if (event.shiftKey) parts.push('shift');
  parts.push(event.key.toLowerCase());
  return parts.join('+');
}

/** Typing in a field or working in a dialog must never trigger list shortcuts. */
function isTypingTarget(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.closest('dialog[open]')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(map: ShortcutMap, { enabled = true } = {}): void {
  const latest = useRef(map);
  latest.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event)) return;
      const handler = latest.current[shortcutOf(event)];
      if (handler) {
        event.preventDefault();
        handler(event);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
