// One error shape for the whole API: `{ error: { code, message } }` with kebab-case codes.

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (message = 'Sign in first.') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role may not do this.') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not-found', `No such ${what}.`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);

/** A kiosk asked for a ticket of a service no active counter is assigned to: nobody could call it. */
export const serviceNotServed = (serviceName: string) =>
  conflict('service-not-served', `No counter serves ${serviceName} yet, so its tickets could not be called. Choose another service or ask a member of staff.`);
