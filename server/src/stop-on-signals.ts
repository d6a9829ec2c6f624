// How a server process stops on SIGTERM (systemd, a restart) or SIGINT (Ctrl+C): close once, then exit.
// Listening starts at once, so a signal that comes while the server is still starting stops it as soon as
// it has started. Closing takes seconds (app.ts); the deadline is only a last resort, in case a step hangs.

/** Past this the process exits anyway, saying so; systemd would kill it at 90 s. */
const DEADLINE_MS = 15_000;

export interface Stoppable {
  close(): Promise<void>;
}

/**
 * Installs the handlers; returns `started`, to be called with the server once it runs. A second signal
 * while closing is ignored (the first is enough); the process exits 0 once closed, 1 if closing failed.
 */
export function stopOnSignals(say: (line: string) => void): (server: Stoppable) => void {
  let server: Stoppable | null = null;
  let signalled: NodeJS.Signals | null = null;
  let closing = false;

  // Whoever read our output may be gone (a terminal closed, a pipe's reader exited): a failed write must not
  // end the process before it has closed the database and released the data folder.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

  const close = () => {
    if (!server || !signalled || closing) return;
    closing = true;
    const started = Date.now();
    say(`${signalled}: closing Foleni…`);
    setTimeout(() => {
      say(`Foleni did not close within ${DEADLINE_MS / 1000} s; exiting anyway (the database keeps every committed write).`);
      process.exit(1);
    }, DEADLINE_MS).unref();
    server.close().then(
      () => {
        say(`Foleni closed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        process.exit(0);
      },
      (error: unknown) => {
        say(`Foleni could not close cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      signalled ??= signal;
      close();
    });
  }
  return (s) => {
    server = s;
    close();
  };
}
