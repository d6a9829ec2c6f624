// Structured logs, one JSON object a line, with context (ticket, counter, device) as fields.

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Something an admin should look at (a name under attack), though nothing failed. */
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

const LEVELS = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 } as const;

export function createLogger(level: keyof typeof LEVELS = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const at = LEVELS[level];
  const log = (lvl: keyof typeof LEVELS, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] <= at) write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
  };
  return {
    error: (m, f) => log('error', m, f),
    warn: (m, f) => log('warn', m, f),
    info: (m, f) => log('info', m, f),
    debug: (m, f) => log('debug', m, f),
  };
}
