// Closing a counter from the dashboard: a clerk deactivated or gone home can leave a counter open, even with a
// customer called to it. The server closes only an empty counter, so the manager's close first sees to that
// customer (a called one goes back in line in their place; one being served is finished), and the words here
// tell the manager beforehand whom it touches and afterwards what was done.
import type { LiveCounter } from '@foleni/shared';

export type CustomerStep = 'requeue' | 'complete' | null;

/** What closing does to the customer at the counter, if there is one. */
export function customerStep(counter: LiveCounter): CustomerStep {
  if (counter.current?.status === 'called') return 'requeue';
  if (counter.current?.status === 'serving') return 'complete';
  return null;
}

/** The confirmation's lines: the clerk, then the customer affected. */
export function closeWarning(counter: LiveCounter, serviceName: string): string[] {
  const lines = [
    counter.clerk
      ? `${counter.clerk.displayName} is signed in at ${counter.name}: they are signed out of it, and their screen shows it closed.`
      : `No clerk is signed in at ${counter.name}.`,
  ];
  const t = counter.current;
  const step = customerStep(counter);
  if (t && step === 'requeue') {
    lines.push(`${t.label} has been called to ${counter.name} and is not being served yet: they go back in line for ${serviceName}, in the place they had, and the next free counter calls them.`);
  } else if (t && step === 'complete') {
    lines.push(`${t.label} is being served at ${counter.name}: their visit is recorded as served (done).`);
  } else {
    lines.push('No customer is at the counter.');
  }
  return lines;
}

/** What was done, once the server has said yes. */
export function closedText(counter: LiveCounter, serviceName: string): string {
  const t = counter.current;
  const step = customerStep(counter);
  const who = counter.clerk ? ` ${counter.clerk.displayName} is signed out of it.` : '';
  if (t && step === 'requeue') return `${counter.name} is closed.${who} ${t.label} is back in line for ${serviceName}, in their place.`;
  if (t && step === 'complete') return `${counter.name} is closed.${who} ${t.label} is recorded as served.`;
  return `${counter.name} is closed.${who}`;
}
