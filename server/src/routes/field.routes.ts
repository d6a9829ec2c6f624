// Ready for the field: the address printed on tickets, a centre's setup copied to another server, and the
// backups written by themselves (admin only).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../app-context.js';
import { stageRestore } from '../backup/pending-restore.js';
import { RestoreError } from '../backup/restore.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { HandlersOf } from '../http/operations.js';

export function fieldHandlers(ctx: AppContext): HandlersOf<'ticketAddress' | 'exportSetup' | 'importSetup' | 'backupStatus' | 'restoreBackup'> {
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

    async restoreBackup({ body, actor }) {
      const dir = ctx.backups.status().dir;
      if (dir === null || !existsSync(join(dir, body.file))) throw notFound('backup');
      // Today's tickets would be lost with the database they are in (and the screens showing them).
      const today = ctx.centre.today();
      const issued = ctx.db.prepare('SELECT COUNT(*) FROM tickets WHERE day = ?').pluck().get(today) as number;
      if (issued > 0) throw conflict('tickets-today', `${issued} tickets were issued today: restore after the day, or with the server stopped (the restore-backup tool, see the README).`);
      let info;
      try {
        info = stageRestore(join(dir, body.file), ctx.config.dataDir);
      } catch (err) {
        if (err instanceof RestoreError) throw new AppError(400, 'backup-unusable', err.message);
        throw err;
      }
      await ctx.writes.run(() => ctx.repos.audit.append({ at: ctx.clock.now(), userId: actor.id, action: 'restore', entity: 'backup', entityId: null, data: { file: body.file, tickets: info.tickets } }));
      ctx.log.warn('backup set to be restored at the next start', { file: body.file, user: actor.id });
      return { centreCode: info.centreCode, centreName: info.centreName, tickets: info.tickets, lastTicketDay: info.lastTicketDay, restartNeeded: true as const };
    },
  };
}
