// Where printing writes what happened: a message plus structured fields (job, ticket, device, printer).
export type LogFields = Record<string, unknown>;

export interface PrintLog {
  info(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
  error(message: string, fields: LogFields): void;
}

const line = (level: string, message: string, fields: LogFields): string =>
  JSON.stringify({ level, at: new Date().toISOString(), scope: 'printing', message, ...fields });

/** One JSON line per event on the console, until the server hands in its own logger. */
export const consolePrintLog: PrintLog = {
  info: (message, fields) => console.log(line('info', message, fields)),
  warn: (message, fields) => console.warn(line('warn', message, fields)),
  error: (message, fields) => console.error(line('error', message, fields)),
};

export const silentPrintLog: PrintLog = { info: () => {}, warn: () => {}, error: () => {} };
