import { KeyRound, Plus } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ChannelSummary } from '../../../shared/domain/channel';
import { useChannels } from '../../store/channels';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { LoadError } from '../../ui/LoadError';
import { EmptyState } from '../../ui/EmptyState';
import { type PickedFile, readPickedFile } from '../../ui/files';
import { ChannelCard } from './ChannelCard';
import { ChannelEditor } from './ChannelEditor';
import { SimulatedDevices } from '../sandbox/SimulatedDevices';

type Editing = { channel?: ChannelSummary; initialFiles?: { ios?: { kind: 'p8' | 'p12'; file: PickedFile }; android?: PickedFile } };

/** Sorts a file dropped anywhere on the page into the right slot of a new channel. */
function sortDroppedFile(file: PickedFile): Editing['initialFiles'] {
  const head = atob(file.contentBase64.slice(0, 64)).trimStart();
  if (head.startsWith('{') || /\.json$/i.test(file.fileName)) return { android: file };
  if (head.startsWith('-----BEGIN') || /\.p8$/i.test(file.fileName)) return { ios: { kind: 'p8', file } };
  return { ios: { kind: 'p12', file } };
}

export function ChannelsPage() {
  const { items, load, loadError, refresh, remove } = useChannels();
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<ChannelSummary>();
  const [over, setOver] = useState(false);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const newChannel = () => setEditing({});

  return (
    <section
      className={`page${over ? ' is-drop-target' : ''}`}
      aria-labelledby="channels-title"
      onDragOver={(event) => {
        if (editing) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={async (event) => {
        if (editing) return;
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file) setEditing({ initialFiles: sortDroppedFile(await readPickedFile(file)) });
      }}
    >
      <header className="page-header">
        <div>
          <h1 id="channels-title">Channels</h1>
          <p className="page-subtitle">Your apps and the credentials that let the studio send to them. Keys are sealed in the vault and never shown again.</p>
        </div>
        <button type="button" className="button button-primary" onClick={newChannel}>
          <Plus size={16} /> New channel
        </button>
      </header>

      {load === 'failed' ? <LoadError what="channels" message={loadError} onRetry={() => void refresh()} /> : null}

      {load === 'ready' && items.length === 0 ? (
        <EmptyState
          icon={<KeyRound size={40} />}
          title="No channels yet"
          action={
            <button type="button" className="button button-primary" onClick={newChannel}>
              <Plus size={16} /> Connect an app
            </button>
          }
        >
          <p>
            A channel connects an app: an iOS bundle ID with its APNs key (.p8) or certificate (.p12), and an Android app with its
            Firebase service account (.json).
          </p>
          <p className="hint">Tip: drop a credential file anywhere on this page to start.</p>
        </EmptyState>
      ) : null}

      <div className="channel-list">
        {items.map((channel) => (
          <ChannelCard key={channel.id} channel={channel} onEdit={() => setEditing({ channel })} onDelete={() => setDeleting(channel)} />
        ))}
      </div>
      <SimulatedDevices />

      {editing ? <ChannelEditor {...editing} onClose={() => setEditing(undefined)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title="Delete channel?"
          confirmLabel="Delete"
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => {
            void remove(deleting.id);
            setDeleting(undefined);
          }}
        >
          <p>“{deleting.name}” and its stored keys will be deleted for good. Messages that use it will need another channel.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
