// Ready for the field: the address printed on tickets, a centre's setup copied to another server, and the
// backups written by themselves (admin only).
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';

export function fieldHandlers(ctx: AppContext): HandlersOf<'ticketAddress' | 'exportSetup' | 'importSetup' | 'backupStatus'> {
  return {
    ticketAddress: () => ctx.ticketAddress.view(),

    exportSetup({ res }) {
      const setup = ctx.setup.exportSetup();
      // Saved as a file by the browser: the centre's code and the day it was taken say which it is.
      res.setHeader('Content-Disposition', `attachment; filename="foleni-setup-${setup.from.code.replace(/[^A-Za-z0-9_-]+/g, '-') || 'centre'}-${ctx.centre.today()}.json"`);
      res.setHeader('Cache-Control', 'no-store');
      return setup;
    },

    importSetup: ({ body, actor }) => ctx.setup.importSetup(body, actor),

    backupStatus: () => ctx.backups.status(),
  };
}
