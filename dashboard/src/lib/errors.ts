/** An API call that answered with a non-2xx status. `detail` is the server's message. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;

  constructor(status: number, detail: string) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
  }
}

/** Extracts the human-readable `detail` of an error body ({detail: string}), whatever its shape. */
export function errorDetail(body: unknown, status?: number, statusText?: string): string {
  if (body && typeof body === 'object') {
    const detail = (body as { detail?: unknown }).detail;
    if (typeof detail === 'string' && detail.trim() !== '') return detail;
    // FastAPI-style validation arrays: [{loc, msg}]
    if (Array.isArray(detail)) {
      const parts = detail
        .map((d) => {
          if (d && typeof d === 'object' && typeof (d as { msg?: unknown }).msg === 'string') {
            const loc = (d as { loc?: unknown }).loc;
            const where = Array.isArray(loc) ? loc.join('.') : '';
            return where ? `${where}: ${(d as { msg: string }).msg}` : (d as { msg: string }).msg;
          }
          return typeof d === 'string' ? d : '';
        })
        .filter(Boolean);
      if (parts.length) return parts.join('; ');
    }
    const title = (body as { title?: unknown }).title;
    if (typeof title === 'string' && title.trim() !== '') return title;
  }
  if (typeof body === 'string' && body.trim() !== '') {
    const text = body.trim();
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  }
  if (status !== undefined) {
    return `Request failed with status ${status}${statusText ? ` ${statusText}` : ''}`;
  }
  return 'Request failed';
}

/** A message for anything thrown: ApiError detail, network failures, or other errors. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.detail;
  if (err instanceof TypeError && /fetch|network|load failed/i.test(err.message)) {
    return `Network error: the server could not be reached (${err.message})`;
  }
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

interface ResultLike<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Turns an openapi-fetch result into its data, or throws ApiError with the server's detail. */
export async function unwrap<D>(pending: Promise<ResultLike<D>>): Promise<D> {
  const result = await pending;
  if (result.response.ok) return result.data as D;
  throw new ApiError(
    result.response.status,
    errorDetail(result.error, result.response.status, result.response.statusText),
  );
}
