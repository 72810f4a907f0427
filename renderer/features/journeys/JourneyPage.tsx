import { ArrowLeft, Pencil, Workflow } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { JourneySummary } from '../../../shared/domain/journey';
import { studio } from '../../api/instance';
import { useJourneys } from '../../store/journeys';
import { useNavigation } from '../../store/navigation';
import { EmptyState } from '../../ui/EmptyState';
import { formatExact } from '../../ui/format';
import { JourneyNameDialog } from './JourneyNameDialog';

/** An open journey. The canvas that fills it comes with the canvas issue; until then it says so. */
export function JourneyPage({ id }: { id: string }) {
  const go = useNavigation((s) => s.go);
  const rename = useJourneys((s) => s.rename);
  const fromList = useJourneys((s) => s.items.find((j) => j.id === id));
  const [journey, setJourney] = useState<JourneySummary | undefined>(fromList);
  const [missing, setMissing] = useState<string>();
  const [renaming, setRenaming] = useState(false);

  useEffect(() => {
    let live = true;
    studio.api['journeys.get']({ id }).then(
      (found) => live && setJourney(found),
      (error: Error) => live && setMissing(error.message),
    );
    return () => {
      live = false;
    };
  }, [id]);
  useEffect(() => {
    if (fromList) setJourney(fromList);
  }, [fromList]);

  const back = () => go({ section: 'journeys' });

  if (missing) {
    return (
      <section className="page">
        <EmptyState
          icon={<Workflow size={40} />}
          title="Journey not found"
          action={
            <button type="button" className="button button-primary" onClick={back}>
              Back to journeys
            </button>
          }
        >
          <p>{missing}</p>
        </EmptyState>
      </section>
    );
  }

  return (
    <section className="page" aria-labelledby="journey-title">
      <header className="page-header">
        <div>
          <button type="button" className="button button-link back-link" onClick={back}>
            <ArrowLeft size={15} /> Journeys
          </button>
          <h1 id="journey-title">
            {journey?.name ?? 'Loading…'}
            {journey ? (
              <button type="button" className="icon-button" aria-label="Rename journey" onClick={() => setRenaming(true)}>
                <Pencil size={16} />
              </button>
            ) : null}
          </h1>
          {journey ? (
            <p className="page-subtitle">
              <span className={`status status-${journey.status}`}>{journey.status}</span> · last changed{' '}
              {formatExact(journey.updatedAt)}
            </p>
          ) : null}
        </div>
      </header>
      <div className="canvas-placeholder">
        <EmptyState icon={<Workflow size={40} />} title="The journey canvas goes here">
          <p>
            You will drag an entry (an audience or an event), conditions, waits and push messages onto this canvas, connect
            them, and test the journey against your profiles before publishing it.
          </p>
        </EmptyState>
      </div>
      {renaming && journey ? (
        <JourneyNameDialog
          title="Rename journey"
          submitLabel="Rename"
          initialName={journey.name}
          onCancel={() => setRenaming(false)}
          onSubmit={async (name) => {
            const ok = await rename(id, name);
            if (ok) setJourney(await studio.api['journeys.get']({ id }));
            return ok;
          }}
        />
      ) : null}
    </section>
  );
}
