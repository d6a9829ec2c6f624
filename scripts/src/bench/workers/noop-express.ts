// Baseline for issuing: a no-op Express 5 handler on the same route, body parsing included, so the
// difference from Foleni is what issuing a durable ticket costs.
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '32kb' }));
app.post('/api/v1/tickets', (req, res) => {
  res.status(201).json({ ok: true, serviceId: (req.body as { serviceId?: string }).serviceId });
});
const server = app.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', data: { port: (server.address() as { port: number }).port } });
});
