// The dashboard speaks only the public HTTP API: every call goes through here, with the
// signed-in key and the time-travel parameters of the moment.
import { session } from './session';

/** A problem+json answer (RFC 9457), or a network failure, as one error type for the views. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly field: string | undefined,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

export type Params = Record<string, string | number | undefined | null | false>;

export function withParams(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '' && value !== false)
      query.set(name, String(value));
  const text = query.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    /* not JSON: the status says enough */
  }
  const errors = Array.isArray(body.errors) ? (body.errors as { field?: string }[]) : [];
  const field =
    (typeof body.field === 'string' ? body.field : undefined) ?? errors[0]?.field ?? undefined;
  return new ApiError(
    response.status,
    typeof body.title === 'string' ? body.title : response.statusText || `HTTP ${response.status}`,
    typeof body.detail === 'string' ? body.detail : undefined,
    field,
  );
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  key = session.key(),
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'The API could not be reached', String(error), undefined);
  }
  if (response.status === 401 && key === session.key()) session.signOut('expired');
  if (!response.ok && response.status !== 300) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string, params?: Params) =>
  request<T>('GET', withParams(path, params));
export const post = <T>(path: string, body: unknown) => request<T>('POST', path, body);
