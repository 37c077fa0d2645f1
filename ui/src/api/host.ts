// What differs between Docker Desktop and the standalone page: how a REST request travels, and
// where the attach WebSocket goes. Everything else is shared (client.ts).

import type { ErrorInfo, Result } from '@cdebug/contract';

/** bytes the service sent as an attachment, with the name it gave them */
export interface DownloadedFile {
  blob: Blob;
  fileName: string | null;
}

/**
 * How a target's file reaches the user: bytes the page saves itself (standalone), or a one-time
 * link for the user's browser (Docker Desktop, whose backend socket carries no bytes).
 */
export type FileDelivery = { kind: 'bytes'; file: DownloadedFile } | { kind: 'link'; url: string };

export type ToastLevel = 'success' | 'warning' | 'error';

export type Method = 'GET' | 'POST' | 'DELETE';

export interface Host {
  readonly kind: 'desktop' | 'standalone';
  /** the JSON answer, not yet validated; a 204 answers `undefined` */
  request: (method: Method, path: string, body?: unknown) => Promise<Result<unknown>>;
  /** a GET whose answer is text, not JSON (a recording) */
  requestText: (path: string) => Promise<Result<string>>;
  /** a GET whose answer is bytes (a target's file); absent where the host cannot carry bytes */
  requestBytes?: (path: string) => Promise<Result<DownloadedFile>>;
  /** the full ws:// URL, token included, for a path such as /api/sessions/<id>/attach */
  socketUrl: (path: string) => Promise<Result<string>>;
  toast?: (level: ToastLevel, message: string) => void;
  /** opens an http(s) link outside the page: Desktop's own browser hand-off, or a new tab */
  openExternal: (url: string) => void;
}

/** The service itself did not answer (not the engine: that is `engine_unreachable`). */
export function serviceUnreachable(detail?: string): ErrorInfo {
  return {
    code: 'internal',
    message: `The cdebug service does not answer${detail ? ` (${detail})` : ''}: check that it is still running, then reload.`,
  };
}
