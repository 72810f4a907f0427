import { Download, MessageSquareText } from 'lucide-react';
import { useEffect } from 'react';
import { MESSAGE_NAME_MAX, type Message, messageFileSchema, messageNameSchema } from '../../../shared/domain/message';
import { useChannels } from '../../store/channels';
import { useMessages } from '../../store/messages';
import { useNavigation } from '../../store/navigation';
import { showError } from '../../store/toasts';
import { downloadText } from '../../ui/download';
import { formatWhen } from '../../ui/format';
import { type LibraryColumn, LibraryPage } from '../../ui/LibraryPage';
import type { Naming } from '../../ui/NameDialog';
import './messages.css';

const messageNaming: Naming = {
  label: 'Message name',
  placeholder: 'e.g. Cart reminder',
  help: 'Only the studio shows this name; recipients see the title and body.',
  schema: messageNameSchema,
  max: MESSAGE_NAME_MAX,
};

const download = (message: Message) => downloadText(`${message.name.replace(/[^\w .()-]+/g, '_')}.message.json`, `${JSON.stringify(message, null, 2)}\n`);

const matches = (m: Message, query: string) => `${m.name} ${m.content.title} ${m.content.body}`.toLocaleLowerCase().includes(query);

/** The message library: create, open, rename, duplicate, delete (with undo), search, import and export. */
export function MessagesPage() {
  const store = useMessages();
  const channels = useChannels((s) => s.items);
  const go = useNavigation((s) => s.go);
  const open = (id: string) => go({ section: 'messages', messageId: id });

  useEffect(() => {
    void useChannels.getState().refresh();
  }, []);

  const columns: LibraryColumn<Message>[] = [
    { header: 'Title', cell: (m) => m.content.title || <span className="muted">No title</span>, className: 'cell-clip' },
    { header: 'Channel', cell: (m) => channels.find((c) => c.id === m.channelId)?.name ?? <span className="muted">None</span> },
    { header: 'Last changed', cell: (m) => formatWhen(m.updatedAt) },
  ];

  const importChosen = async (file: File) => {
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      showError(new Error(`${file.name} is not JSON. Choose a message file exported by Journey Studio (.message.json).`));
      return;
    }
    const parsed = messageFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      showError(new Error(`${file.name} is not a message file: ${issue?.path.join('.') || 'file'}: ${issue?.message}.`));
      return;
    }
    const message = await store.importFile(parsed.data);
    if (message) store.select(message.id);
  };

  return (
    <LibraryPage
      store={store}
      noun={{ one: 'message', many: 'messages' }}
      title="Messages"
      subtitle="Push messages, personalised per profile, previewed on iPhone and Android, with the exact payloads."
      naming={messageNaming}
      empty={{
        icon: <MessageSquareText size={40} />,
        title: 'No messages yet',
        action: 'Compose your first message',
        children: (
          <>
            <p>Write a push once, personalise it with profile data, and see it on an iPhone and an Android phone as you type.</p>
            <p className="hint">
              Tip: press <kbd>N</kbd> to create a message, or import a .message.json file.
            </p>
          </>
        ),
      }}
      matches={matches}
      columns={columns}
      actions={(m) => (
        <button type="button" className="icon-button" aria-label={`Export ${m.name}`} title="Export as JSON" onClick={() => download(m)}>
          <Download size={15} />
        </button>
      )}
      importFile={{ accept: 'application/json,.json', title: 'Import a .message.json file', onFile: importChosen }}
      onOpen={open}
      onCreated={(m) => open(m.id)}
    />
  );
}
