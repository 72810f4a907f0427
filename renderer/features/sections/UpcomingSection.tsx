import { EmptyState } from '../../ui/EmptyState';
import type { SectionInfo } from './sections';

/** A section whose feature has not landed yet says what will be there; it never shows sample data. */
export function UpcomingSection({ info }: { info: SectionInfo }) {
  return (
    <section className="page" aria-labelledby="section-title">
      <header className="page-header">
        <h1 id="section-title">{info.label}</h1>
      </header>
      <EmptyState icon={info.icon} title={info.upcoming?.title ?? info.label}>
        <p>{info.upcoming?.text}</p>
      </EmptyState>
    </section>
  );
}
