// Staff sign-in: a session cookie for the browser and the same token for API clients.
import { Router } from 'express';
import { LoginBody } from '@foleni/shared';
import { SESSION_COOKIE, SESSION_DAYS } from '../auth/auth.service.js';
import { staff } from '../http/auth.middleware.js';
import { parse } from '../http/validate.js';
import type { AppContext } from '../app-context.js';
import { publicUser } from '../repositories/user.repository.js';
import { unauthorized } from '../errors.js';

export function authRoutes(ctx: AppContext): Router {
  const r = Router();

  r.post('/login', ctx.limits.login, async (req, res) => {
    const body = parse(LoginBody, req.body);
    const { user, token } = await ctx.auth.login(body.username, body.password);
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      maxAge: SESSION_DAYS * 86_400_000,
    });
    ctx.log.info('signed in', { user: user.username });
    res.json({ user, token });
  });

  r.post('/logout', (req, res) => {
    if (req.token && req.actor.kind === 'user') ctx.auth.logout(req.token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  r.get('/me', (req, res) => {
    const actor = req.actor;
    if (actor.kind === 'device') {
      res.json({ device: ctx.devices.view(actor.device) });
      return;
    }
    const me = staff(req);
    const record = ctx.repos.users.get(me.id);
    if (!record) throw unauthorized();
    const counter = ctx.repos.counters.heldBy(me.id);
    res.json({ user: publicUser(record), counterId: counter?.id ?? null });
  });

  return r;
}
