import { Copy, Download, MessageSquareText, Pencil, Plus, Search, Trash2, Upload } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type Message, messageFileSchema } from '../../../shared/domain/message';
import { useChannels } from '../../store/channels';
import { useMessages } from '../../store/messages';
import { useNavigation } from '../../store/navigation';
import { showError } from '../../store/toasts';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError } from '../../ui/LoadError';
import { formatWhen } from '../../ui/format';
import { useShortcuts } from '../../ui/shortcuts';
import { MessageNameDialog } from './MessageNameDialog';
import './messages.css';

type DialogState = { kind: 'none' } | { kind: 'create' } | { kind: 'rename'; message: Message } | { kind: 'delete'; message: Message };

function download(message: Message) {
  const blob = new Blob([`${JSON.stringify(message, null, 2)}\n`], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${message.name.replace(/[^\w .()-]+/g, '_')}.message.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The message library: create, open, rename, duplicate, delete (with undo), search, import and export. */
export function MessagesPage() {
  const { items, load, loadError, selectedId, select, refresh, create, rename, duplicate, remove, importFile } = useMessages();
  const channels = useChannels((s) => s.items);
  const go = useNavigation((s) => s.go);
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const [query, setQuery] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void refresh();
    void useChannels.getState().refresh();
  }, [refresh]);

  const visible = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return q ? items.filter((m) => `${m.name} ${m.content.title} ${m.content.body}`.toLocaleLowerCase().includes(q)) : items;
  }, [items, query]);
  const selected = items.find((m) => m.id === selectedId);
  const open = (id: string) => go({ section: 'messages', messageId: id });

  const moveSelection = (step: number) => {
    if (visible.length === 0) return;
    const index = visible.findIndex((m) => m.id === selectedId);
    select(visible[index < 0 ? 0 : Math.min(visible.length - 1, Math.max(0, index + step))]?.id);
  };
  useShortcuts({
    n: () => setDialog({ kind: 'create' }),
    arrowdown: () => moveSelection(1),
    arrowup: () => moveSelection(-1),
    enter: () => selected && open(selected.id),
    f2: () => selected && setDialog({ kind: 'rename', message: selected }),
    'mod+d': () => selected && void duplicate(selected.id),
    delete: () => selected && setDialog({ kind: 'delete', message: selected }),
  });

  const importChosen = async (file: File) => {
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      showError(new Error(`${file.name} is not JSON. Choose a message file exported by Journey Studio (.message.json).`));
      return;
    }
    const parsed = messageFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      showError(new Error(`${file.name} is not a message file: ${issue?.path.join('.') || 'file'}: ${issue?.message}.`));
      return;
    }
    const message = await importFile(parsed.data);
    if (message) select(message.id);
  };

  return (
    <section className="page" aria-labelledby="messages-title">
      <header className="page-header">
        <div>
          <h1 id="messages-title">Messages</h1>
          <p className="page-subtitle">Push messages, personalised per profile, previewed on iPhone and Android, with the exact payloads.</p>
        </div>
        <div className="header-actions">
          <button type="button" className="button" onClick={() => fileInput.current?.click()}>
            <Upload size={16} /> Import
          </button>
          <input ref={fileInput} type="file" accept="application/json,.json" hidden aria-label="Import a message file" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importChosen(f); }} />
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })} title="New message (N)">
            <Plus size={16} /> New message
          </button>
        </div>
      </header>

      {load === 'failed' ? <LoadError what="messages" message={loadError} onRetry={() => void refresh()} /> : null}

      {load === 'ready' && items.length === 0 ? (
        <EmptyState
          icon={<MessageSquareText size={40} />}
          title="No messages yet"
          action={
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })}>
              <Plus size={16} /> Compose your first message
            </button>
          }
        >
          <p>Write a push once, personalise it with profile data, and see it on an iPhone and an Android phone as you type.</p>
          <p className="hint">
            Tip: press <kbd>N</kbd> to create a message, or import a .message.json file.
          </p>
        </EmptyState>
      ) : null}

      {items.length > 0 ? (
        <>
          <div className="toolbar">
            <label className="search">
              <Search size={15} aria-hidden="true" />
              <input type="search" placeholder="Search messages" aria-label="Search messages" value={query} onChange={(e) => setQuery(e.target.value)} />
            </label>
            <span className="toolbar-count">{visible.length === items.length ? `${items.length} messages` : `${visible.length} of ${items.length} messages`}</span>
          </div>
          <table className="table" aria-label="Messages">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Title</th>
                <th scope="col">Channel</th>
                <th scope="col">Last changed</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((m) => (
                <tr key={m.id} className={`journey-row${m.id === selectedId ? ' is-selected' : ''}`} aria-selected={m.id === selectedId} onClick={() => select(m.id)} onDoubleClick={() => open(m.id)}>
                  <td>
                    <button type="button" className="journey-open" onClick={() => open(m.id)}>
                      {m.name}
                    </button>
                  </td>
                  <td className="cell-clip">{m.content.title || <span className="muted">No title</span>}</td>
                  <td>{channels.find((c) => c.id === m.channelId)?.name ?? <span className="muted">None</span>}</td>
                  <td>{formatWhen(m.updatedAt)}</td>
                  <td className="row-actions">
                    <button type="button" className="icon-button" aria-label={`Rename ${m.name}`} title="Rename (F2)" onClick={() => setDialog({ kind: 'rename', message: m })}>
                      <Pencil size={15} />
                    </button>
                    <button type="button" className="icon-button" aria-label={`Duplicate ${m.name}`} title="Duplicate (Ctrl+D)" onClick={() => void duplicate(m.id)}>
                      <Copy size={15} />
                    </button>
                    <button type="button" className="icon-button" aria-label={`Export ${m.name}`} title="Export as JSON" onClick={() => download(m)}>
                      <Download size={15} />
                    </button>
                    <button type="button" className="icon-button danger" aria-label={`Delete ${m.name}`} title="Delete (Del)" onClick={() => setDialog({ kind: 'delete', message: m })}>
                      <Trash2 size={15} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {visible.length === 0 ? <p className="no-results">No message matches “{query}”.</p> : null}
          <p className="shortcut-hint">
            <kbd>N</kbd> new · <kbd>↑</kbd>
            <kbd>↓</kbd> select · <kbd>Enter</kbd> open · <kbd>F2</kbd> rename · <kbd>Ctrl+D</kbd> duplicate · <kbd>Del</kbd> delete · <kbd>Ctrl+Z</kbd> undo
          </p>
        </>
      ) : null}

      {dialog.kind === 'create' ? (
        <MessageNameDialog title="New message" submitLabel="Create" initialName="" onCancel={() => setDialog({ kind: 'none' })} onSubmit={async (name) => {
          const m = await create(name);
          if (m) open(m.id);
          return m !== undefined;
        }} />
      ) : null}
      {dialog.kind === 'rename' ? (
        <MessageNameDialog title="Rename message" submitLabel="Rename" initialName={dialog.message.name} onCancel={() => setDialog({ kind: 'none' })} onSubmit={(name) => rename(dialog.message.id, name)} />
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmDialog title="Delete message?" confirmLabel="Delete" onCancel={() => setDialog({ kind: 'none' })} onConfirm={() => { void remove(dialog.message.id); setDialog({ kind: 'none' }); }}>
          <p>“{dialog.message.name}” will be removed. You can undo this right after (Ctrl+Z).</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
