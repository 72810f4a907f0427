// Monaco, bundled and offline: the editor core and the JSON language only (not every language),
// its two workers built by Vite and loaded from 'self', and @monaco-editor/react pointed at this
// copy so that it never fetches Monaco from a CDN.
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import { rawDocumentJsonSchema } from '../../../shared/render/absorb';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};
loader.config({ monaco });

export const RAW_MODEL_URI = 'inmemory://journey-studio/push-payload.json';
jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  schemas: [{ uri: 'inmemory://journey-studio/push-payload.schema.json', fileMatch: [RAW_MODEL_URI], schema: rawDocumentJsonSchema as never }],
});

export { monaco };
