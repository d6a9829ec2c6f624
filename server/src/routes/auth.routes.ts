// Staff sign-in: a session cookie for the browser and the same token for API clients; and changing one's
// own password. Both check a password through the auth service's throttle (auth/login-throttle.ts).
import { ChangePasswordBody } from '@foleni/shared';
import { parseAdminBody } from '../admin/admin-body.js';
import type { AppContext } from '../app-context.js';
import { SESSION_COOKIE, SESSION_DAYS } from '../auth/auth.service.js';
import { unauthorized } from '../errors.js';
import type { HandlersOf, MountOptions } from '../http/operations.js';
import { publicUser } from '../repositories/user.repository.js';

/** The change-password form's refusals name its fields, as the settings forms do. */
export const AUTH_BODY_PARSERS: MountOptions['bodyParsers'] = {
  changePassword: (v) => parseAdminBody(ChangePasswordBody, v, { currentPassword: 'Current password', newPassword: 'New password' }),
};

/** Who is trying, for the throttle and the logs: the client's address (behind a proxy, as FOLENI_TRUST_PROXY allows). */
const addressOf = (req: { ip?: string | undefined; socket: { remoteAddress?: string | undefined } }): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

export function authHandlers(ctx: AppContext): HandlersOf<'login' | 'logout' | 'me' | 'changePassword'> {
  return {
    async login({ body, req, res }) {
      const { user, token } = await ctx.auth.login(body.username, body.password, addressOf(req));
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: '/',
        maxAge: SESSION_DAYS * 86_400_000,
      });
      ctx.log.info('signed in', { user: user.username, address: addressOf(req) });
      return { user, token };
    },

    logout({ actor, req, res }) {
      if (req.token && actor.kind === 'user') ctx.auth.logout(req.token);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
    },

    async changePassword({ body, actor, req }) {
      await ctx.auth.changePassword(actor, req.token, body.currentPassword, body.newPassword, addressOf(req));
    },

    me({ actor }) {
      if (actor.kind === 'device') return { device: ctx.devices.view(actor.device) };
      const record = ctx.repos.users.get(actor.id);
      if (!record) throw unauthorized();
      return { user: publicUser(record), counterId: ctx.repos.counters.heldBy(actor.id)?.id ?? null, lang: ctx.repos.users.langOf(actor.id) };
    },
  };
}
