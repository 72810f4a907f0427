import { Copy, Pencil, Plus, Search, Trash2, Upload } from 'lucide-react';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { LibraryItem, LibraryState } from '../store/library';
import { ConfirmDialog } from './ConfirmDialog';
import { EmptyState } from './EmptyState';
import { LoadError } from './LoadError';
import { type Naming, NameDialog } from './NameDialog';
import { TableHead } from './TableHead';
import { useShortcuts } from './shortcuts';

export interface LibraryColumn<T> {
  header: string;
  cell(item: T): ReactNode;
  /** The cell's tooltip (an exact date beside a relative one). */
  title?(item: T): string;
  className?: string;
}

interface LibraryPageProps<T extends LibraryItem> {
  store: LibraryState<T>;
  /** 'journey' and 'journeys': in labels, counts and messages. */
  noun: { one: string; many: string };
  title: string;
  subtitle: string;
  naming: Naming;
  empty: { icon: ReactNode; title: string; action: string; children: ReactNode };
  /** Whether the item matches the search (already trimmed and lower-cased). */
  matches(item: T, query: string): boolean;
  /** The columns after the name. */
  columns: LibraryColumn<T>[];
  /** More row buttons, between Duplicate and Delete. */
  actions?(item: T): ReactNode;
  /** A file the user chose to import; the page's Import… button opens the picker. */
  importFile: { accept: string; title: string; onFile(file: File): Promise<void> };
  onOpen(id: string): void;
  /** After a create from the dialog (a new message opens in its composer). */
  onCreated?(item: T): void;
}

type Dialog = { kind: 'none' } | { kind: 'create' } | { kind: 'rename' | 'delete'; id: string; name: string };

/**
 * A library of named items (journeys, messages): search, a table with rename, duplicate and delete
 * (with undo), keyboard shortcuts, import, and the name and delete dialogs.
 */
export function LibraryPage<T extends LibraryItem>(props: LibraryPageProps<T>) {
  const { store, noun, naming, matches, onOpen } = props;
  const { items, load, selectedId, select, refresh } = store;
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const close = () => setDialog({ kind: 'none' });
  const [query, setQuery] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const titleId = `${noun.many}-title`;

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const visible = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return q ? items.filter((item) => matches(item, q)) : items;
  }, [items, query, matches]);
  const selected = items.find((item) => item.id === selectedId);
  const ask = (kind: 'rename' | 'delete', item: T) => setDialog({ kind, id: item.id, name: item.name });

  const moveSelection = (step: number) => {
    if (visible.length === 0) return;
    const index = visible.findIndex((item) => item.id === selectedId);
    const next = index < 0 ? (step > 0 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, index + step));
    select(visible[next]?.id);
  };
  useShortcuts({
    n: () => setDialog({ kind: 'create' }),
    arrowdown: () => moveSelection(1),
    arrowup: () => moveSelection(-1),
    enter: () => selected && onOpen(selected.id),
    f2: () => selected && ask('rename', selected),
    'mod+d': () => selected && void store.duplicate(selected.id),
    delete: () => selected && ask('delete', selected),
  });

  return (
    <section className="page" aria-labelledby={titleId}>
      <header className="page-header">
        <div>
          <h1 id={titleId}>{props.title}</h1>
          <p className="page-subtitle">{props.subtitle}</p>
        </div>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => fileInput.current?.click()} title={props.importFile.title}>
            <Upload size={16} /> Import…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept={props.importFile.accept}
            aria-label={`Import a ${noun.one} file`}
            className="visually-hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void props.importFile.onFile(file);
            }}
          />
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })} title={`New ${noun.one} (N)`}>
            <Plus size={16} /> New {noun.one}
          </button>
        </div>
      </header>

      {load === 'failed' ? <LoadError what={noun.many} message={store.loadError} onRetry={() => void refresh()} /> : null}

      {load === 'ready' && items.length === 0 ? (
        <EmptyState
          icon={props.empty.icon}
          title={props.empty.title}
          action={
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })}>
              <Plus size={16} /> {props.empty.action}
            </button>
          }
        >
          {props.empty.children}
        </EmptyState>
      ) : null}

      {items.length > 0 ? (
        <>
          <div className="toolbar">
            <label className="search">
              <Search size={15} aria-hidden="true" />
              <input type="search" placeholder={`Search ${noun.many}`} aria-label={`Search ${noun.many}`} value={query} onChange={(event) => setQuery(event.target.value)} />
            </label>
            <span className="toolbar-count">{visible.length === items.length ? `${items.length} ${noun.many}` : `${visible.length} of ${items.length} ${noun.many}`}</span>
          </div>
          <table className="table" aria-label={props.title}>
            <TableHead columns={['Name', ...props.columns.map((column) => column.header)]} />
            <tbody>
              {visible.map((item) => (
                <tr
                  key={item.id}
                  className={`library-row${item.id === selectedId ? ' is-selected' : ''}`}
                  aria-selected={item.id === selectedId}
                  onClick={() => select(item.id)}
                  onDoubleClick={() => onOpen(item.id)}
                >
                  <td>
                    <button type="button" className="library-open" onClick={() => onOpen(item.id)} title={`Open ${noun.one}`}>
                      {item.name}
                    </button>
                  </td>
                  {props.columns.map((column) => (
                    <td key={column.header} className={column.className} title={column.title?.(item)}>
                      {column.cell(item)}
                    </td>
                  ))}
                  <td className="row-actions">
                    <button type="button" className="icon-button" aria-label={`Rename ${item.name}`} title="Rename (F2)" onClick={() => ask('rename', item)}>
                      <Pencil size={15} />
                    </button>
                    <button type="button" className="icon-button" aria-label={`Duplicate ${item.name}`} title="Duplicate (Ctrl+D)" onClick={() => void store.duplicate(item.id)}>
                      <Copy size={15} />
                    </button>
                    {props.actions?.(item)}
                    <button type="button" className="icon-button danger" aria-label={`Delete ${item.name}`} title="Delete (Del)" onClick={() => ask('delete', item)}>
                      <Trash2 size={15} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {visible.length === 0 ? (
            <p className="no-results">
              No {noun.one} matches “{query}”.
            </p>
          ) : null}
          <p className="shortcut-hint">
            <kbd>N</kbd> new · <kbd>↑</kbd>
            <kbd>↓</kbd> select · <kbd>Enter</kbd> open · <kbd>F2</kbd> rename · <kbd>Ctrl+D</kbd> duplicate · <kbd>Del</kbd> delete · <kbd>Ctrl+Z</kbd> undo
          </p>
        </>
      ) : null}

      {dialog.kind === 'create' ? (
        <NameDialog
          naming={naming}
          title={`New ${noun.one}`}
          submitLabel="Create"
          initialName=""
          onCancel={close}
          onSubmit={async (name) => {
            const item = await store.create(name);
            if (item) props.onCreated?.(item);
            return item !== undefined;
          }}
        />
      ) : null}
      {dialog.kind === 'rename' ? (
        <NameDialog naming={naming} title={`Rename ${noun.one}`} submitLabel="Rename" initialName={dialog.name} onCancel={close} onSubmit={(name) => store.rename(dialog.id, name)} />
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${noun.one}?`}
          confirmLabel="Delete"
          onCancel={close}
          onConfirm={() => {
            void store.remove(dialog.id);
            close();
          }}
        >
          <p>
            “{dialog.name}” will be removed from the list. You can bring it back with <strong>Undo</strong> (Ctrl+Z) right after.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
