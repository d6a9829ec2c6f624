// /api/v1/admin: the centre's configuration. Admins only; every body is strict, and refused in words an
// admin at the settings form can act on (admin-body.ts).
import {
  CreateCounterBody,
  CreateDeviceBody,
  CreateServiceBody,
  CreateUserBody,
  UpdateCentreBody,
  UpdateCounterBody,
  UpdateDeviceBody,
  UpdateServiceBody,
  UpdateUserBody,
} from '@foleni/shared';
import type { OperationName } from '@foleni/shared';
import { CENTRE_LABELS, COUNTER_LABELS, DEVICE_LABELS, SERVICE_LABELS, USER_LABELS, parseAdminBody } from '../admin/admin-body.js';
import type { AppContext } from '../app-context.js';
import { demoWarnings } from '../auth/demo-accounts.js';
import { notFound } from '../errors.js';
import type { HandlersOf, MountOptions } from '../http/operations.js';
import { publicUser } from '../repositories/user.repository.js';

/** Every operation of the admin's settings: the table's admin… operations, pairing links, the audit log, a test print. */
type AdminOperation = Exclude<Extract<OperationName, `admin${string}`>, `${string}Journey${string}`> | 'newPairingLink' | 'audit' | 'testPrint';

/** Settings bodies are refused in the form's words. */
export const ADMIN_BODY_PARSERS: MountOptions['bodyParsers'] = {
  adminCreateService: (v) => parseAdminBody(CreateServiceBody, v, SERVICE_LABELS),
  adminUpdateService: (v) => parseAdminBody(UpdateServiceBody, v, SERVICE_LABELS),
  adminCreateCounter: (v) => parseAdminBody(CreateCounterBody, v, COUNTER_LABELS),
  adminUpdateCounter: (v) => parseAdminBody(UpdateCounterBody, v, COUNTER_LABELS),
  adminCreateUser: (v) => parseAdminBody(CreateUserBody, v, USER_LABELS),
  adminUpdateUser: (v) => parseAdminBody(UpdateUserBody, v, USER_LABELS),
  adminCreateDevice: (v) => parseAdminBody(CreateDeviceBody, v, DEVICE_LABELS),
  adminUpdateDevice: (v) => parseAdminBody(UpdateDeviceBody, v, DEVICE_LABELS),
  adminUpdateCentre: (v) => parseAdminBody(UpdateCentreBody, v, CENTRE_LABELS),
};

export function adminHandlers(ctx: AppContext): HandlersOf<AdminOperation> {
  const { admin, views, devices, repos } = ctx;
  const found = <T>(value: T | undefined | null, what: string): T => {
    if (!value) throw notFound(what);
    return value;
  };
  return {
    // services
    adminListServices: () => ({ items: repos.services.list() }),
    adminCreateService: async ({ body, actor }) => ({ service: await admin.createService(body, actor) }),
    adminGetService: ({ params }) => ({ service: found(repos.services.get(params.id), 'service') }),
    adminUpdateService: async ({ params, body, actor }) => ({ service: await admin.updateService(params.id, body, actor) }),
    adminDeleteService: ({ params, actor }) => admin.deleteService(params.id, actor),

    // counters
    adminListCounters: () => ({ items: views.counters() }),
    adminCreateCounter: async ({ body, actor }) => ({ counter: views.counter(await admin.createCounter(body, actor)) }),
    adminGetCounter: ({ params }) => ({ counter: views.counter(found(repos.counters.get(params.id), 'counter')) }),
    adminUpdateCounter: async ({ params, body, actor }) => ({ counter: views.counter(await admin.updateCounter(params.id, body, actor)) }),
    async adminDeleteCounter({ params, actor }) {
      await admin.deleteCounter(params.id, actor);
      return { deleted: true };
    },

    // users
    adminListUsers: () => ({ items: repos.users.list().map(publicUser) }),
    adminCreateUser: async ({ body, actor }) => ({ user: await admin.createUser(body, actor) }),
    adminGetUser: ({ params }) => ({ user: publicUser(found(repos.users.get(params.id), 'user')) }),
    adminUpdateUser: async ({ params, body, actor }) => ({ user: await admin.updateUser(params.id, body, actor) }),
    adminDeleteUser: async ({ params, actor }) => ({ user: await admin.deactivateUser(params.id, actor) }),

    // devices
    adminListDevices: () => ({ items: devices.list() }),
    async adminCreateDevice({ body, actor }) {
      const { device, pairing } = await admin.createDevice(body, actor);
      return { device: devices.view(device), pairing };
    },
    adminGetDevice: ({ params }) => ({ device: devices.view(found(repos.devices.get(params.id), 'device')) }),
    async adminUpdateDevice({ params, body, actor }) {
      const { device, ...rest } = await admin.updateDevice(params.id, body, actor);
      return { device: devices.view(device), ...rest };
    },
    adminDeleteDevice: async ({ params, actor }) => ({ device: devices.view(await admin.revokeDevice(params.id, actor)) }),
    async newPairingLink({ params, actor }) {
      const { device, pairing } = await admin.newPairingLink(params.id, actor);
      return { device: devices.view(device), pairing };
    },
    testPrint: async ({ params }) => ({ print: await ctx.printing.testPrint(found(repos.devices.get(params.id), 'device')) }),

    // centre
    adminGetCentre: () => ({ centre: ctx.centre.get() }),
    adminUpdateCentre: async ({ body, actor }) => ({ centre: await admin.updateCentre(body, actor) }),

    // what the settings pages warn of
    adminWarnings: () => demoWarnings(repos, ctx.config),

    // audit log
    audit: ({ query }) => ({ items: repos.audit.recent(100, query.before) }),
  };
}
