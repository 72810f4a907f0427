import { CheckCircle2, ChevronDown, ChevronRight, Circle, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { QuickStart as QuickStartState } from '../../shared/contracts/quickstart';
import { studio } from '../api/instance';
import { type Section, useNavigation } from '../store/navigation';

const steps: Record<QuickStartState['steps'][number]['id'], { title: string; section: Section }> = {
  credentials: { title: 'Connect your app’s credentials', section: 'channels' },
  profiles: { title: 'Import profiles', section: 'profiles' },
  message: { title: 'Compose a push', section: 'messages' },
  journey: { title: 'Build a journey', section: 'journeys' },
  test: { title: 'Try the journey before it goes live', section: 'journeys' },
  publish: { title: 'Publish it', section: 'journeys' },
  report: { title: 'Watch the report', section: 'reports' },
};

/**
 * The quick-start checklist in the sidebar: the mobile onboarding flow, each step opening the
 * screen where it is done and ticking itself when it is (the core notices the operation).
 */
export function QuickStart() {
  const go = useNavigation((s) => s.go);
  const [state, setState] = useState<QuickStartState>();
  const [open, setOpen] = useState(true);
  useEffect(() => {
    void studio.api['quickstart.get']({}).then(setState, () => undefined);
    return studio.transport.onEvent((event) => {
      if (event.name === 'quickstart.changed') setState(event.payload);
    });
  }, []);
  if (!state || state.dismissed) return null;
  const done = state.steps.filter((s) => s.done).length;
  return (
    <section className="quick-start" aria-label="Quick start">
      <header>
        <button type="button" className="quick-start-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />} Quick start · {done}/{state.steps.length}
        </button>
        <button type="button" className="icon-button" aria-label="Hide the quick start" title="Hide" onClick={() => void studio.api['quickstart.dismiss']({ dismissed: true }).then(setState)}>
          <X size={13} />
        </button>
      </header>
      <div className="quick-start-bar" aria-hidden="true">
        <span style={{ width: `${(done / state.steps.length) * 100}%` }} />
      </div>
      {open ? (
        <ol>
          {state.steps.map((step) => (
            <li key={step.id} className={step.done ? 'is-done' : undefined}>
              <button type="button" onClick={() => go({ section: steps[step.id].section })}>
                {step.done ? <CheckCircle2 size={14} aria-label="Done" /> : <Circle size={14} aria-label="To do" />}
                <span>{steps[step.id].title}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
