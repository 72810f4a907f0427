import { AlertCircle, CheckCircle2 } from 'lucide-react';
import type { JourneyIssue } from '../../../shared/journey-validation';

/** Everything that stops the journey from being published, each a click away from its step. */
export function IssuesPanel({ issues, onPick }: { issues: JourneyIssue[]; onPick(nodeId: string): void }) {
  if (issues.length === 0) {
    return (
      <p className="issues-ok" role="status">
        <CheckCircle2 size={15} aria-hidden="true" /> Ready to publish: no problems found.
      </p>
    );
  }
  return (
    <div className="issues" role="region" aria-label="Problems">
      <h3>
        <AlertCircle size={15} aria-hidden="true" /> {issues.length} problem{issues.length === 1 ? '' : 's'} to fix before publishing
      </h3>
      <ul>
        {issues.map((issue, i) => (
          <li key={`${issue.code}-${issue.nodeId ?? ''}-${issue.output ?? ''}-${i}`}>
            {issue.nodeId ? (
              <button type="button" className="button-link issue-link" onClick={() => onPick(issue.nodeId!)}>
                {issue.message}
              </button>
            ) : (
              issue.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
