// A screen pairs itself: it exchanges the one-time code of an admin's pairing link for its device's token.
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';

export function deviceHandlers(ctx: AppContext): HandlersOf<'pairDevice'> {
  return {
    async pairDevice({ body, req }) {
      const { device, token } = await ctx.admin.pairDevice(body.code, req.get('user-agent') ?? null);
      ctx.log.info('device paired', { device: device.id, kind: device.kind, name: device.name });
      return { token, device: ctx.devices.view(device) };
    },
  };
}
