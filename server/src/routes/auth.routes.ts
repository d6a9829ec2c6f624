// Staff sign-in: a session cookie for the browser and the same token for API clients.
import type { AppContext } from '../app-context.js';
import { SESSION_COOKIE, SESSION_DAYS } from '../auth/auth.service.js';
import { unauthorized } from '../errors.js';
import type { HandlersOf } from '../http/operations.js';
import { publicUser } from '../repositories/user.repository.js';

export function authHandlers(ctx: AppContext): HandlersOf<'login' | 'logout' | 'me'> {
  return {
    async login({ body, req, res }) {
      const { user, token } = await ctx.auth.login(body.username, body.password);
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: '/',
        maxAge: SESSION_DAYS * 86_400_000,
      });
      ctx.log.info('signed in', { user: user.username });
      return { user, token };
    },

    logout({ actor, req, res }) {
      if (req.token && actor.kind === 'user') ctx.auth.logout(req.token);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
    },

    me({ actor }) {
      if (actor.kind === 'device') return { device: ctx.devices.view(actor.device) };
      const record = ctx.repos.users.get(actor.id);
      if (!record) throw unauthorized();
      return { user: publicUser(record), counterId: ctx.repos.counters.heldBy(actor.id)?.id ?? null };
    },
  };
}
