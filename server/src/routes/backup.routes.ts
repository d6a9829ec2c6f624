// /api/v1/admin/backup: a consistent copy of the database while the centre runs. Restore is
// `scripts/src/restore-backup.ts`, server stopped.
import { createReadStream, statSync } from 'node:fs';
import type { AppContext } from '../app-context.js';
import { backupFileName, backupToTemp } from '../backup/backup.js';
import type { HandlersOf } from '../http/operations.js';

export function backupHandlers(ctx: AppContext): HandlersOf<'backup'> {
  return {
    async backup({ actor, res }) {
      const started = ctx.clock.now();
      // The copy holds every password and token hash: it never outlives the download, even one given up on
      // before the copy was made (the connection's close was then heard before the copy existed).
      let gone = false;
      res.once('close', () => (gone = true));
      const file = await backupToTemp(ctx.db);
      if (gone || res.destroyed) {
        file.remove();
        return;
      }
      res.once('close', () => file.remove());
      const size = statSync(file.path).size;
      // Who took a copy of everyone's data, and when.
      await ctx.writes.run(() => ctx.repos.audit.append({ at: started, userId: actor.id, action: 'download', entity: 'backup', entityId: null, data: { bytes: size } }));
      if (res.destroyed) return;
      res.setHeader('Content-Type', 'application/vnd.sqlite3');
      res.setHeader('Content-Length', String(size));
      res.setHeader('Content-Disposition', `attachment; filename="${backupFileName(ctx.centre.get().code, started)}"`);
      res.setHeader('Cache-Control', 'no-store');
      const stream = createReadStream(file.path);
      res.once('close', () => stream.destroy());
      stream.on('error', (e) => {
        ctx.log.error('backup stream failed', { error: String(e) });
        res.destroy(e);
      });
      stream.pipe(res);
    },
  };
}
