// /api/v1/admin: the centre's configuration. Admins only; every body is strict, and refused in words an
// admin at the settings form can act on (admin-body.ts).
import { Router } from 'express';
import { z } from 'zod';
import type { Request } from 'express';
import {
  CreateCounterBody,
  CreateDeviceBody,
  CreateServiceBody,
  CreateUserBody,
  EmptyBody,
  Id,
  UpdateCentreBody,
  UpdateCounterBody,
  UpdateDeviceBody,
  UpdateServiceBody,
  UpdateUserBody,
} from '@foleni/shared';
import { CENTRE_LABELS, COUNTER_LABELS, DEVICE_LABELS, SERVICE_LABELS, USER_LABELS, parseAdminBody } from '../admin/admin-body.js';
import type { AppContext } from '../app-context.js';
import { notFound } from '../errors.js';
import { requireRole, staff } from '../http/auth.middleware.js';
import { parse } from '../http/validate.js';
import { publicUser } from '../repositories/user.repository.js';

const AuditQuery = z.strictObject({ before: z.coerce.number().int().positive().optional() });

export function adminRoutes(ctx: AppContext): Router {
  const r = Router();
  const { admin, views, devices, repos } = ctx;
  const idParam = (req: Request): string => parse(Id, req.params.id, 'id') as string;
  r.use(requireRole('admin'));

  // services
  r.get('/services', (_req, res) => {
    res.json({ items: repos.services.list() });
  });
  r.post('/services', async (req, res) => {
    res.status(201).json({ service: await admin.createService(parseAdminBody(CreateServiceBody, req.body, SERVICE_LABELS), staff(req, 'admin')) });
  });
  r.get('/services/:id', (req, res) => {
    const service = repos.services.get(idParam(req));
    if (!service) throw notFound('service');
    res.json({ service });
  });
  r.patch('/services/:id', async (req, res) => {
    res.json({ service: await admin.updateService(idParam(req), parseAdminBody(UpdateServiceBody, req.body, SERVICE_LABELS), staff(req, 'admin')) });
  });
  r.delete('/services/:id', async (req, res) => {
    res.json(await admin.deleteService(idParam(req), staff(req, 'admin')));
  });

  // counters
  r.get('/counters', (_req, res) => {
    res.json({ items: views.counters() });
  });
  r.post('/counters', async (req, res) => {
    const counter = await admin.createCounter(parseAdminBody(CreateCounterBody, req.body, COUNTER_LABELS), staff(req, 'admin'));
    res.status(201).json({ counter: views.counter(counter) });
  });
  r.get('/counters/:id', (req, res) => {
    const counter = repos.counters.get(idParam(req));
    if (!counter) throw notFound('counter');
    res.json({ counter: views.counter(counter) });
  });
  r.patch('/counters/:id', async (req, res) => {
    const counter = await admin.updateCounter(idParam(req), parseAdminBody(UpdateCounterBody, req.body, COUNTER_LABELS), staff(req, 'admin'));
    res.json({ counter: views.counter(counter) });
  });
  r.delete('/counters/:id', async (req, res) => {
    await admin.deleteCounter(idParam(req), staff(req, 'admin'));
    res.json({ deleted: true });
  });

  // users
  r.get('/users', (_req, res) => {
    res.json({ items: repos.users.list().map(publicUser) });
  });
  r.post('/users', async (req, res) => {
    res.status(201).json({ user: await admin.createUser(parseAdminBody(CreateUserBody, req.body, USER_LABELS), staff(req, 'admin')) });
  });
  r.get('/users/:id', (req, res) => {
    const user = repos.users.get(idParam(req));
    if (!user) throw notFound('user');
    res.json({ user: publicUser(user) });
  });
  r.patch('/users/:id', async (req, res) => {
    res.json({ user: await admin.updateUser(idParam(req), parseAdminBody(UpdateUserBody, req.body, USER_LABELS), staff(req, 'admin')) });
  });
  r.delete('/users/:id', async (req, res) => {
    res.json({ user: await admin.deactivateUser(idParam(req), staff(req, 'admin')) });
  });

  // devices
  r.get('/devices', (_req, res) => {
    res.json({ items: devices.list() });
  });
  r.post('/devices', async (req, res) => {
    const { device, token, pairUrl } = await admin.createDevice(parseAdminBody(CreateDeviceBody, req.body, DEVICE_LABELS), staff(req, 'admin'));
    res.status(201).json({ device: devices.view(device), token, pairUrl });
  });
  r.get('/devices/:id', (req, res) => {
    const device = repos.devices.get(idParam(req));
    if (!device) throw notFound('device');
    res.json({ device: devices.view(device) });
  });
  r.patch('/devices/:id', async (req, res) => {
    const { device, ...rest } = await admin.updateDevice(idParam(req), parseAdminBody(UpdateDeviceBody, req.body, DEVICE_LABELS), staff(req, 'admin'));
    res.json({ device: devices.view(device), ...rest });
  });
  r.delete('/devices/:id', async (req, res) => {
    res.json({ device: devices.view(await admin.revokeDevice(idParam(req), staff(req, 'admin'))) });
  });
  r.post('/devices/:id/test-print', (req, res) => {
    parse(EmptyBody, req.body);
    const device = repos.devices.get(idParam(req));
    if (!device) throw notFound('device');
    res.json({ print: ctx.printing.testPrint(device) });
  });

  // centre
  r.get('/centre', (_req, res) => {
    res.json({ centre: ctx.centre.get() });
  });
  r.patch('/centre', async (req, res) => {
    res.json({ centre: await admin.updateCentre(parseAdminBody(UpdateCentreBody, req.body, CENTRE_LABELS), staff(req, 'admin')) });
  });

  // audit log
  r.get('/audit', (req, res) => {
    const { before } = parse(AuditQuery, req.query, 'query');
    res.json({ items: repos.audit.recent(100, before) });
  });

  return r;
}
