import { AlertTriangle, CheckCircle2, XCircle } from 'lucide-react';
import type { CredentialInspection } from '../../../shared/domain/channel';

/** What the core found in a credential file: the facts a marketer checks, or the problem. */
export function InspectionNote({ inspection, error, checking }: { inspection?: CredentialInspection; error?: string; checking: boolean }) {
  if (checking) return <p className="inspection">Checking the file…</p>;
  if (error) {
    return (
      <p className="inspection inspection-error" role="alert">
        <XCircle size={15} aria-hidden="true" /> {error}
      </p>
    );
  }
  if (!inspection) return null;
  const facts =
    inspection.kind === 'p8'
      ? [`EC P-256 key`, inspection.fingerprint]
      : inspection.kind === 'p12'
        ? [
            `Topic ${inspection.topic ?? 'not named'}`,
            `${inspection.environment === 'both' ? 'sandbox and production' : inspection.environment}`,
            `expires ${inspection.expiresAt.slice(0, 10)}`,
            inspection.fingerprint,
          ]
        : [`Project ${inspection.projectId}`, inspection.clientEmail, inspection.fingerprint];
  return (
    <div className="inspection">
      <p className="inspection-ok">
        <CheckCircle2 size={15} aria-hidden="true" /> {facts.join(' · ')}
      </p>
      {inspection.warnings.map((warning) => (
        <p key={warning} className="inspection-warning">
          <AlertTriangle size={15} aria-hidden="true" /> {warning}
        </p>
      ))}
    </div>
  );
}
