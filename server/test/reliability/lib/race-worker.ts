// One of several processes racing against one server: issues tickets (as a kiosk or staff) and runs clerks
// that call and serve at their counters, as fast as answers come. Told over IPC when issuing is over
// everywhere ('drain'), its clerks stop once nobody waits for them. Reports what was answered.
//   argv[2]: JSON { url, issuers: {token, count, serviceIds}[], clerks: {token, counterId}[] }
import { call } from './server-process.js';

interface Spec {
  url: string;
  issuers: { token: string; count: number; serviceIds: string[]; priorityEvery?: number }[];
  clerks: { token: string; counterId: string }[];
}

const spec = JSON.parse(process.argv[2]!) as Spec;
const issued: { id: string; label: string; serviceId: string }[] = [];
const calls: { ticketId: string; counterId: string }[] = [];
const errors: string[] = [];
let draining = false;
process.on('message', (m: { type: string }) => {
  if (m.type === 'drain') draining = true;
});

async function issue(i: { token: string; count: number; serviceIds: string[]; priorityEvery?: number }): Promise<void> {
  for (let n = 0; n < i.count; n++) {
    const priority = i.priorityEvery && n % i.priorityEvery === 0 ? { priority: 'pwd' } : {};
    const res = await call<{ ticket: { id: string; label: string; serviceId: string } }>(spec.url, 'POST', '/tickets', i.token, {
      serviceId: i.serviceIds[n % i.serviceIds.length],
      ...priority,
    });
    if (res.status === 201) issued.push({ id: res.body.ticket.id, label: res.body.ticket.label, serviceId: res.body.ticket.serviceId });
    else errors.push(`issue: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

async function serve(c: { token: string; counterId: string }): Promise<void> {
  let idle = 0;
  for (;;) {
    const res = await call<{ ticket: { id: string } }>(spec.url, 'POST', `/counters/${c.counterId}/call-next`, c.token, {});
    if (res.status === 200) {
      idle = 0;
      calls.push({ ticketId: res.body.ticket.id, counterId: c.counterId });
      for (const step of ['start', 'complete']) {
        const s = await call(spec.url, 'POST', `/tickets/${res.body.ticket.id}/${step}`, c.token, {});
        if (s.status !== 200) errors.push(`${step}: ${s.status} ${JSON.stringify(s.body)}`);
      }
    } else if (res.status === 204) {
      // Nobody waits for this counter: done once every issuer everywhere is done (asked twice, to be sure).
      if (draining && ++idle >= 2) return;
      await new Promise((r) => setTimeout(r, 5));
    } else {
      errors.push(`call-next: ${res.status} ${JSON.stringify(res.body)}`);
      return;
    }
  }
}

async function main(): Promise<void> {
  const clerks = spec.clerks.map(serve);
  await Promise.all(spec.issuers.map(issue));
  process.send!({ type: 'issued' });
  await Promise.all(clerks);
  process.send!({ type: 'done', data: { issued, calls, errors } }, () => process.exit(0));
}

void main();
