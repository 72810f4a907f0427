/**
 * The studio's Content-Security-Policy, sent by both hosts with every page.
 * - Scripts only from the app itself: no remote scripts, no inline scripts, no eval. Monaco's
 *   workers are bundled by Vite and load from 'self' (blob: is allowed for workers because Vite's
 *   worker wrappers may construct them from blob URLs); Monaco needs no 'unsafe-eval'.
 * - Styles allow 'unsafe-inline' because Monaco and React Flow inject <style> elements at run time;
 *   style cannot run code.
 * - Images may come from https: because a push's image is a marketer's URL and the preview must
 *   show it; data: and blob: serve local asset previews.
 * - connect-src 'self' covers the headless host's own WebSocket (CSP3 maps ws: to 'self').
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers every response of the studio carries, whichever host serves it. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
