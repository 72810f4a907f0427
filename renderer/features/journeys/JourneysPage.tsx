import '../engine/engine.css';
import { Plus, Route as RouteIcon, Search, Upload } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { studio } from '../../api/instance';
import { showError } from '../../store/toasts';
import { useJourneys } from '../../store/journeys';
import { useNavigation } from '../../store/navigation';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError } from '../../ui/LoadError';
import { useShortcuts } from '../../ui/shortcuts';
import { DeleteJourneyDialog } from './DeleteJourneyDialog';
import { JourneyNameDialog } from './JourneyNameDialog';
import { JourneyRow } from './JourneyRow';
import { useJourneyDialogs } from './useJourneyDialogs';
import { CampaignsPage } from '../engine/CampaignsPage';

/** Journeys, and beside them campaigns (a message sent once to an audience). */
export function JourneysPage() {
  const [tab, setTab] = useState<'journeys' | 'campaigns'>('journeys');
  return (
    <>
      <div className="page-tabs" role="tablist" aria-label="Journeys and campaigns">
        {(['journeys', 'campaigns'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={`page-tab${tab === t ? ' is-active' : ''}`} onClick={() => setTab(t)}>
            {t === 'journeys' ? 'Journeys' : 'Campaigns'}
          </button>
        ))}
      </div>
      {tab === 'journeys' ? <JourneyList /> : <CampaignsPage />}
    </>
  );
}

function JourneyList() {
  const { items, load, loadError, selectedId, select, refresh, create, rename, duplicate, remove } = useJourneys();
  const go = useNavigation((s) => s.go);
  const { dialog, open, close } = useJourneyDialogs();
  const [query, setQuery] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const visible = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return q ? items.filter((j) => j.name.toLocaleLowerCase().includes(q)) : items;
  }, [items, query]);
  const selected = items.find((j) => j.id === selectedId);
  const openJourney = (id: string) => go({ section: 'journeys', journeyId: id });

  const moveSelection = (step: number) => {
    if (visible.length === 0) return;
    const index = visible.findIndex((j) => j.id === selectedId);
    const next = index < 0 ? (step > 0 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, index + step));
    select(visible[next]?.id);
  };

  useShortcuts({
    n: () => open({ kind: 'create' }),
    arrowdown: () => moveSelection(1),
    arrowup: () => moveSelection(-1),
    enter: () => selected && openJourney(selected.id),
    f2: () => selected && open({ kind: 'rename', id: selected.id, name: selected.name }),
    'mod+d': () => selected && void duplicate(selected.id),
    delete: () => selected && open({ kind: 'delete', id: selected.id, name: selected.name }),
  });

  return (
    <section className="page" aria-labelledby="journeys-title">
      <header className="page-header">
        <div>
          <h1 id="journeys-title">Journeys</h1>
          <p className="page-subtitle">Orchestrate push messages from an audience or an event, with conditions and waits.</p>
        </div>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => fileInput.current?.click()} title="Import a .journey.json file">
            <Upload size={16} /> Import…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            aria-label="Journey file to import"
            className="visually-hidden"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              try {
                const journey = await studio.api['journeys.importFile']({ content: await file.text() });
                await refresh();
                openJourney(journey.id);
              } catch (error) {
                showError(error);
              }
            }}
          />
          <button type="button" className="button button-primary" onClick={() => open({ kind: 'create' })} title="New journey (N)">
            <Plus size={16} /> New journey
          </button>
        </div>
      </header>

      {load === 'failed' ? <LoadError what="journeys" message={loadError} onRetry={() => void refresh()} /> : null}

      {load === 'ready' && items.length === 0 ? (
        <EmptyState
          icon={<RouteIcon size={40} />}
          title="No journeys yet"
          action={
            <button type="button" className="button button-primary" onClick={() => open({ kind: 'create' })}>
              <Plus size={16} /> Create your first journey
            </button>
          }
        >
          <p>
            A journey sends the right push at the right moment. Start it from an audience or an event, add conditions and
            waits, and place push messages on the canvas.
          </p>
          <p className="hint">
            Tip: press <kbd>N</kbd> to create a journey.
          </p>
        </EmptyState>
      ) : null}

      {items.length > 0 ? (
        <>
          <div className="toolbar">
            <label className="search">
              <Search size={15} aria-hidden="true" />
              <input
                type="search"
                placeholder="Search journeys"
                aria-label="Search journeys"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
            </label>
            <span className="toolbar-count">
              {visible.length === items.length ? `${items.length} journeys` : `${visible.length} of ${items.length} journeys`}
            </span>
          </div>
          <table className="table" aria-label="Journeys">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Last changed</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((journey) => (
                <JourneyRow
                  key={journey.id}
                  journey={journey}
                  selected={journey.id === selectedId}
                  onSelect={() => select(journey.id)}
                  onOpen={() => openJourney(journey.id)}
                  onRename={() => open({ kind: 'rename', id: journey.id, name: journey.name })}
                  onDuplicate={() => void duplicate(journey.id)}
                  onDelete={() => open({ kind: 'delete', id: journey.id, name: journey.name })}
                />
              ))}
            </tbody>
          </table>
          {visible.length === 0 ? <p className="no-results">No journey matches “{query}”.</p> : null}
          <p className="shortcut-hint">
            <kbd>N</kbd> new · <kbd>↑</kbd>
            <kbd>↓</kbd> select · <kbd>Enter</kbd> open · <kbd>F2</kbd> rename · <kbd>Ctrl+D</kbd> duplicate · <kbd>Del</kbd>{' '}
            delete · <kbd>Ctrl+Z</kbd> undo
          </p>
        </>
      ) : null}

      {dialog.kind === 'create' ? (
        <JourneyNameDialog
          title="New journey"
          submitLabel="Create"
          initialName=""
          onCancel={close}
          onSubmit={async (name) => (await create(name)) !== undefined}
        />
      ) : null}
      {dialog.kind === 'rename' ? (
        <JourneyNameDialog
          title="Rename journey"
          submitLabel="Rename"
          initialName={dialog.name}
          onCancel={close}
          onSubmit={(name) => rename(dialog.id, name)}
        />
      ) : null}
      {dialog.kind === 'delete' ? (
        <DeleteJourneyDialog
          name={dialog.name}
          onCancel={close}
          onConfirm={() => {
            void remove(dialog.id);
            close();
          }}
        />
      ) : null}
    </section>
  );
}
