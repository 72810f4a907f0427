import type { Page } from '@playwright/test';

/**
 * The studio's API as a test reaches it beside the page: the headless host's HTTP routes with its
 * token. `call` throws the core's error, so a set-up step that fails says why.
 */
export function studioApi(page: Page, url: string) {
  const { origin, searchParams } = new URL(url);
  const headers = { authorization: `Bearer ${searchParams.get('token')}` };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads the answer it asked for, as the page does
  const call = async (channel: string, input: unknown = {}): Promise<any> => {
    const body = await (await page.request.post(`${origin}/api/${channel}`, { headers, data: input })).json();
    if (!body.ok && body.error) throw new Error(JSON.stringify(body.error));
    return body.output;
  };
  /** Stages a file as the open dialog would; the upload id goes to an import. */
  const upload = async (name: string, content: string | Buffer): Promise<string> =>
    (await (await page.request.post(`${origin}/upload?name=${encodeURIComponent(name)}`, { headers: { ...headers, 'content-type': 'application/octet-stream' }, data: Buffer.from(content) })).json()).output.uploadId;
  return { call, upload };
}
