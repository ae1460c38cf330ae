// The one API client of the app: generated types (schema.d.ts) + openapi-fetch + auth middleware.
// Relative URLs: the Go binary serves the dashboard and /api/* on the same origin.
import { AuthSession } from '../auth/session';

export const session = new AuthSession({ baseUrl: '' });
export const api = session.api;
