import { Megaphone, Send } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { Audience } from '../../../shared/domain/audience';
import type { Campaign } from '../../../shared/domain/engine';
import type { Message } from '../../../shared/domain/message';
import { studio } from '../../api/instance';
import { showError, useToasts } from '../../store/toasts';
import { EmptyState } from '../../ui/EmptyState';
import { formatExact } from '../../ui/format';
import { TableHead } from '../../ui/TableHead';
import './engine.css';

const statusText = { scheduled: 'Scheduled', running: 'Sending', done: 'Sent', cancelled: 'Cancelled' } as const;

/** Campaigns: one message to an audience, now or at a time, under the same rules and outbox as journeys. */
export function CampaignsPage() {
  const [items, setItems] = useState<Campaign[]>([]);
  const [messages, setMessages] = useState<Message[]>([]);
  const [audiences, setAudiences] = useState<Audience[]>([]);
  const [name, setName] = useState('');
  const [messageId, setMessageId] = useState('');
  const [audienceId, setAudienceId] = useState('');
  const [when, setWhen] = useState('');
  const refresh = async () => setItems(await studio.api['campaigns.list']({}));
  useEffect(() => {
    void Promise.all([refresh(), studio.api['messages.list']({}).then(setMessages), studio.api['audiences.list']({}).then(setAudiences)]).catch(showError);
  }, []);

  const create = async () => {
    try {
      const campaign = await studio.api['campaigns.create']({ name, messageId, audienceId, ...(when ? { sendAt: new Date(when).toISOString() } : {}) });
      useToasts.getState().show({ tone: 'info', message: campaign.status === 'scheduled' ? `“${campaign.name}” is scheduled.` : `“${campaign.name}” sent to ${campaign.sent} profiles.` });
      setName('');
      await refresh();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <section className="page campaigns" aria-labelledby="campaigns-title">
      <header className="page-header">
        <div>
          <h1 id="campaigns-title">Campaigns</h1>
          <p className="page-subtitle">Send one push to an audience, now or at a set time. Journey rules and delivery work as for journeys.</p>
        </div>
      </header>
      <form
        className="campaign-form"
        aria-label="New campaign"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          Name
          <input className="text-input" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </label>
        <label>
          Message
          <select className="text-input" value={messageId} onChange={(e) => setMessageId(e.target.value)} required>
            <option value="">Choose…</option>
            {messages.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Audience
          <select className="text-input" value={audienceId} onChange={(e) => setAudienceId(e.target.value)} required>
            <option value="">Choose…</option>
            {audiences.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Send at (empty: now)
          <input className="text-input" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        </label>
        <button type="submit" className="button button-primary">
          <Send size={15} /> {when ? 'Schedule' : 'Send now'}
        </button>
      </form>
      {items.length === 0 ? (
        <EmptyState icon={<Megaphone size={40} />} title="No campaigns yet">
          <p>A campaign is a journey of one step: pick a message and an audience above.</p>
        </EmptyState>
      ) : (
        <table className="table" aria-label="Campaigns">
          <TableHead columns={['Name', 'Status', 'Sends at', 'Got it', 'Excluded']} />
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{statusText[c.status]}</td>
                <td>{formatExact(c.sendAt)}</td>
                <td>{c.sent.toLocaleString()}</td>
                <td>{c.excluded.toLocaleString()}</td>
                <td>
                  {c.status === 'scheduled' ? (
                    <button type="button" className="button" onClick={() => void studio.api['campaigns.cancel']({ id: c.id }).then(refresh, showError)}>
                      Cancel
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
