import type { FieldIssue } from '@spaflow/domain';

/** A refusal from the API (`{error: {code, message, issues}}`), or `network_error` when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type RequestOptions = {
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

type ErrorBody = { error?: { code?: string; message?: string; issues?: FieldIssue[] } };

/** Listeners told when a staff token is refused (expired, revoked, deactivated): the station signs out. */
const unauthenticatedListeners = new Set<(token: string) => void>();
export function onUnauthenticated(listener: (token: string) => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** The server refused this token (an HTTP 401, or the socket's handshake): whoever holds it signs out. */
export function reportUnauthenticated(token: string): void {
  for (const listener of unauthenticatedListeners) listener(token);
}

/** Sends one API request and returns its JSON answer; any refusal becomes an ApiError with the server's code. */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The same, for answers that are files (the report CSVs): fetched with the token, then saved by the browser. */
export async function apiDownload(path: string, fileName: string, options: RequestOptions = {}): Promise<void> {
  const blob = await (await send('GET', path, options)).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after this turn; free it once the save has surely started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'The server cannot be reached. Check the connection; nothing was lost.');
  }
  if (response.ok) return response;
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const error = new ApiError(
    response.status,
    body.error?.code ?? 'internal_error',
    body.error?.message ?? `The server answered ${response.status}.`,
    body.error?.issues ?? [],
  );
  if (response.status === 401 && options.token) reportUnauthenticated(options.token);
  throw error;
}

/** A form's field errors from a 400: `body.items.0.quantity` → `items.0.quantity`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.issues.map((issue) => [issue.path.replace(/^body\./, ''), issue.message]));
}

/** A message fit for a person: the server's own, which says what happened and what to do. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
