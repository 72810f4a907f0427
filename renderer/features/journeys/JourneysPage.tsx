import '../engine/engine.css';
import { Route as RouteIcon } from 'lucide-react';
import { useState } from 'react';
import type { JourneySummary } from '../../../shared/domain/journey';
import { studio } from '../../api/instance';
import { useJourneys } from '../../store/journeys';
import { useNavigation } from '../../store/navigation';
import { showError } from '../../store/toasts';
import { formatExact, formatWhen } from '../../ui/format';
import { type LibraryColumn, LibraryPage } from '../../ui/LibraryPage';
import { CampaignsPage } from '../engine/CampaignsPage';
import { journeyNaming } from './naming';

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

const statusLabel = { draft: 'Draft', live: 'Live', stopped: 'Stopped' } as const;

const columns: LibraryColumn<JourneySummary>[] = [
  { header: 'Status', cell: (j) => <span className={`status status-${j.status}`}>{statusLabel[j.status]}</span> },
  { header: 'Last changed', cell: (j) => formatWhen(j.updatedAt), title: (j) => formatExact(j.updatedAt) },
  { header: 'Created', cell: (j) => formatWhen(j.createdAt), title: (j) => formatExact(j.createdAt) },
];

const matches = (journey: JourneySummary, query: string) => journey.name.toLocaleLowerCase().includes(query);

function JourneyList() {
  const store = useJourneys();
  const go = useNavigation((s) => s.go);
  const openJourney = (id: string) => go({ section: 'journeys', journeyId: id });
  return (
    <LibraryPage
      store={store}
      noun={{ one: 'journey', many: 'journeys' }}
      title="Journeys"
      subtitle="Orchestrate push messages from an audience or an event, with conditions and waits."
      naming={journeyNaming}
      empty={{
        icon: <RouteIcon size={40} />,
        title: 'No journeys yet',
        action: 'Create your first journey',
        children: (
          <>
            <p>
              A journey sends the right push at the right moment. Start it from an audience or an event, add conditions and
              waits, and place push messages on the canvas.
            </p>
            <p className="hint">
              Tip: press <kbd>N</kbd> to create a journey.
            </p>
          </>
        ),
      }}
      matches={matches}
      columns={columns}
      importFile={{
        accept: '.json,application/json',
        title: 'Import a .journey.json file',
        onFile: async (file) => {
          try {
            const journey = await studio.api['journeys.importFile']({ content: await file.text() });
            await store.refresh();
            openJourney(journey.id);
          } catch (error) {
            showError(error);
          }
        },
      }}
      onOpen={openJourney}
    />
  );
}
