import { ChevronsUpDown, FolderOpen, FolderPlus, FolderX, X } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useSettings } from '../../store/settings';
import { useWorkspaces } from '../../store/workspaces';
import { ariaShortcut, shortcutLabel } from '../../ui/shortcuts';
import { OPEN_FOLDER_SHORTCUT } from './paths';
import './workspaces.css';

/** Arrow keys move between the menu's items, as in any desktop menu. */
function moveFocus(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])')];
  if (!items.length) return;
  event.preventDefault();
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : (at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
  items[next]!.focus();
}

/**
 * The workspace switcher at the top of the sidebar: the open workspace's name and folder, and a
 * menu of recent workspaces (a missing one can only be removed from the list), "New workspace…"
 * and "Open folder…".
 */
export function WorkspaceSwitcher() {
  const workspace = useSettings((s) => s.workspace);
  const { list, refresh, show, openFolder, switchTo, forget } = useWorkspaces();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    void refresh().then(() => root.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus());
    const outside = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    // Escape closes the menu even when focus left it (its item was just removed).
    const escape = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open, refresh]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };
  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };

  return (
    <div className="workspace-switcher" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="workspace-trigger"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Workspace: ${workspace?.name ?? '…'}. Switch workspace`}
        title={workspace?.path}
        onClick={() => setOpen(!open)}
      >
        <span className="workspace-trigger-text">
          <span className="workspace-trigger-name">{workspace?.name ?? '…'}</span>
          <span className="workspace-trigger-path">
            <bdi>{workspace?.path ?? ''}</bdi>
          </span>
        </span>
        <ChevronsUpDown size={15} aria-hidden="true" />
      </button>
      {open ? (
        <div
          id={menuId}
          className="workspace-menu"
          role="menu"
          aria-label="Workspaces"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            } else moveFocus(event);
          }}
        >
          <div className="workspace-menu-current" role="none">
            <div className="workspace-menu-heading">Open workspace</div>
            <div className="workspace-menu-name">{workspace?.name}</div>
            <div className="workspace-menu-path mono">{workspace?.path}</div>
          </div>
          <div className="workspace-menu-heading" role="none">
            Recent
          </div>
          {list && list.recent.length === 0 ? (
            <p className="workspace-menu-empty" role="none">
              No other workspaces yet.
            </p>
          ) : null}
          <ul className="workspace-menu-recent" role="none">
            {list?.recent.map((entry) => (
              <li key={entry.path} role="none" className={entry.missing ? 'is-missing' : undefined}>
                <button
                  type="button"
                  role="menuitem"
                  className="workspace-menu-item"
                  disabled={entry.missing}
                  title={entry.path}
                  onClick={choose(() => void switchTo(entry.path))}
                >
                  {entry.missing ? <FolderX size={15} aria-hidden="true" /> : <FolderOpen size={15} aria-hidden="true" />}
                  <span className="workspace-menu-item-text">
                    <span className="workspace-menu-item-name">
                      {entry.name}
                      {entry.missing ? <span className="workspace-missing"> · Missing</span> : null}
                    </span>
                    <span className="workspace-menu-item-path">
                      <bdi>{entry.path}</bdi>
                    </span>
                  </span>
                </button>
                <button
                  type="button"
                  role="menuitem"
                  className={entry.missing ? 'button-link workspace-menu-remove' : 'icon-button workspace-menu-remove'}
                  aria-label={`Remove ${entry.name} from the list`}
                  title="Remove from list (the folder is left alone)"
                  onClick={() => void forget(entry.path)}
                >
                  {entry.missing ? 'Remove from list' : <X size={14} />}
                </button>
              </li>
            ))}
          </ul>
          <div className="workspace-menu-separator" role="separator" />
          <button type="button" role="menuitem" className="workspace-menu-item" onClick={choose(() => show({ kind: 'new' }))}>
            <FolderPlus size={15} aria-hidden="true" />
            <span className="workspace-menu-item-text">New workspace…</span>
          </button>
          <button type="button" role="menuitem" className="workspace-menu-item" aria-keyshortcuts={ariaShortcut(OPEN_FOLDER_SHORTCUT)} onClick={choose(() => void openFolder())}>
            <FolderOpen size={15} aria-hidden="true" />
            <span className="workspace-menu-item-text">Open folder…</span>
            <kbd>{shortcutLabel(OPEN_FOLDER_SHORTCUT)}</kbd>
          </button>
        </div>
      ) : null}
    </div>
  );
}
