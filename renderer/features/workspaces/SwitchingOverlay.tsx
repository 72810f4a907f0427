import { LoaderCircle } from 'lucide-react';
import { useWorkspaces } from '../../store/workspaces';

/** While the host switches workspaces, every window says what it is doing instead of answering clicks. */
export function SwitchingOverlay() {
  const switching = useWorkspaces((s) => s.switching);
  if (!switching) return null;
  const detail =
    switching.state === 'closing'
      ? switching.waitingFor
        ? `Closing the current workspace: finishing ${switching.waitingFor} operation${switching.waitingFor === 1 ? '' : 's'} in progress…`
        : 'Closing the current workspace: stopping imports and sends in progress safely…'
      : switching.state === 'opening'
        ? 'Opening its database…'
        : 'Loading…';
  return (
    <div className="workspace-overlay">
      <div className="workspace-overlay-card" role="status" aria-live="polite">
        <LoaderCircle className="spin" size={22} aria-hidden="true" />
        <div>
          <strong>Opening “{switching.name}”</strong>
          <div className="muted">{detail}</div>
        </div>
      </div>
    </div>
  );
}
