import { CheckCircle2, XCircle } from 'lucide-react';
import type { ConnectionTestResult } from '../../../shared/domain/channel';
import { formatWhen } from '../../ui/format';

/** The outcome of Test connection: one line per platform in plain words, the fix, and the provider's own answer. */
export function ConnectionResult({ result }: { result: ConnectionTestResult }) {
  return (
    <div className={`connection-result ${result.ok ? 'is-ok' : 'is-failed'}`} role="status" aria-label="Connection test result">
      {result.checks.map((check) => (
        <div key={check.platform} className="connection-check">
          {check.ok ? <CheckCircle2 size={16} className="ok" aria-label="Passed" /> : <XCircle size={16} className="failed" aria-label="Failed" />}
          <div>
            <p className="check-summary">
              <strong>{check.platform === 'ios' ? 'iOS' : 'Android'}:</strong> {check.summary}
            </p>
            {check.fix ? <p className="check-fix">{check.fix}</p> : null}
            {check.providerAnswer ? <p className="check-answer">Provider answered: {check.providerAnswer}</p> : null}
          </div>
        </div>
      ))}
      <p className="check-time">Tested {formatWhen(result.testedAt)}</p>
    </div>
  );
}
