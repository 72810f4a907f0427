import { type Message, type MessageContent, type MessageFile, messageContentSchema } from '../../../shared/domain/message.js';
import { StudioError } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
// Message and journey names share the 120-character limit, so the journeys' copy naming applies.
import { copyName } from '../journeys/copy-name.js';
import type { Db } from '../workspace/database.js';

interface MessageRow {
  id: string;
  name: string;
  channel_id: string | null;
  content: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MessageChanges {
  name?: string;
  channelId?: string | null;
  content?: MessageContent;
}

export interface MessagesService {
  list(): Message[];
  get(id: string): Message;
  create(input: { name: string; channelId?: string | null; content?: MessageContent }): Message;
  update(id: string, changes: MessageChanges): Message;
  duplicate(id: string): Message;
  /** Soft delete, so that undo brings back the very message. */
  delete(id: string): { id: string; deletedAt: string };
  restore(id: string): Message;
  /** A message file: keeps its id when that id is free in this workspace, else gets a new one. */
  import(file: MessageFile): Message;
}

export function createMessagesService(db: Db, clock: Clock): MessagesService {
  const stmt = {
    list: db.prepare<[], MessageRow>('SELECT * FROM messages WHERE deleted_at IS NULL ORDER BY updated_at DESC, id'),
    names: db.prepare<[], { name: string }>('SELECT name FROM messages WHERE deleted_at IS NULL'),
    byId: db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO messages (id, name, channel_id, content, created_at, updated_at) VALUES (@id, @name, @channelId, @content, @createdAt, @updatedAt)`,
    ),
    update: db.prepare('UPDATE messages SET name = @name, channel_id = @channelId, content = @content, updated_at = @now WHERE id = @id'),
    softDelete: db.prepare('UPDATE messages SET deleted_at = @now WHERE id = @id'),
    restore: db.prepare('UPDATE messages SET deleted_at = NULL WHERE id = @id'),
  };
  const now = () => clock.now().toISOString();

  const toMessage = (row: MessageRow): Message => {
    const content = messageContentSchema.safeParse(JSON.parse(row.content));
    if (!content.success) {
      throw new StudioError('internal', `The stored message “${row.name}” cannot be read (${content.error.issues[0]?.message}). Restore the workspace from a backup or delete the message.`);
    }
    return { id: row.id, name: row.name, channelId: row.channel_id, content: content.data, createdAt: row.created_at, updatedAt: row.updated_at };
  };

  const row = (id: string, { allowDeleted = false } = {}): MessageRow => {
    const found = stmt.byId.get(id);
    if (!found || (found.deleted_at !== null && !allowDeleted)) {
      throw new StudioError('not_found', 'That message no longer exists. It may have been deleted in another window.');
    }
    return found;
  };

  const insert = (id: string, name: string, channelId: string | null, content: MessageContent, createdAt = now(), updatedAt = createdAt) => {
    stmt.insert.run({ id, name, channelId, content: JSON.stringify(content), createdAt, updatedAt });
    return toMessage(row(id));
  };

  return {
    list: () => stmt.list.all().map(toMessage),
    get: (id) => toMessage(row(id)),
    create: ({ name, channelId = null, content = messageContentSchema.parse({}) }) => insert(newId('msg'), name, channelId, content),
    update(id, changes) {
      const current = toMessage(row(id));
      stmt.update.run({
        id,
        name: changes.name ?? current.name,
        channelId: changes.channelId === undefined ? current.channelId : changes.channelId,
        content: JSON.stringify(changes.content ?? current.content),
        now: now(),
      });
      return toMessage(row(id));
    },
    duplicate: db.transaction((id: string) => {
      const original = toMessage(row(id));
      const taken = new Set(stmt.names.all().map((r) => r.name));
      return insert(newId('msg'), copyName(original.name, taken), original.channelId, original.content);
    }),
    delete(id) {
      row(id);
      const deletedAt = now();
      stmt.softDelete.run({ id, now: deletedAt });
      return { id, deletedAt };
    },
    restore(id) {
      const found = row(id, { allowDeleted: true });
      if (found.deleted_at !== null) stmt.restore.run({ id });
      return toMessage(row(id));
    },
    import: db.transaction((file: MessageFile) => {
      const id = file.id && !stmt.byId.get(file.id) ? file.id : newId('msg');
      const taken = new Set(stmt.names.all().map((r) => r.name));
      const name = taken.has(file.name) ? copyName(file.name, taken) : file.name;
      return insert(id, name, file.channelId, file.content);
    }),
  };
}
