// Closing a counter from the dashboard: a clerk deactivated or gone home can leave a counter open, even with a
// customer called to it. The server closes only an empty counter, so the manager's close first sees to that
// customer (a called one goes back in line in their place; one being served is finished), and the words here
// tell the manager beforehand whom it touches and afterwards what was done.
import type { Lang, LiveCounter, StaffKey, Vars } from '@foleni/shared';
import { counterNameIn, tStaff } from '@foleni/shared';

export type CustomerStep = 'requeue' | 'complete' | null;

/** What closing does to the customer at the counter, if there is one. */
export function customerStep(counter: LiveCounter): CustomerStep {
  if (counter.current?.status === 'called') return 'requeue';
  if (counter.current?.status === 'serving') return 'complete';
  return null;
}

/** The counter's name as the manager reads it ("Dirisha 2" in Kiswahili). */
export const counterText = (counter: LiveCounter, lang: Lang): string => counterNameIn(lang, counter.name);

/** The confirmation's lines: the clerk, then the customer affected. */
export function closeWarning(counter: LiveCounter, serviceName: string, lang: Lang = 'en'): string[] {
  const t = (key: StaffKey, vars?: Vars) => tStaff(lang, key, vars);
  const name = counterText(counter, lang);
  const lines = [counter.clerk ? t('manage.close.clerk', { clerk: counter.clerk.displayName, counter: name }) : t('manage.close.noClerk', { counter: name })];
  const ticket = counter.current;
  const step = customerStep(counter);
  if (ticket && step === 'requeue') {
    lines.push(t('manage.close.willRequeue', { label: ticket.label, counter: name, service: serviceName }));
  } else if (ticket && step === 'complete') {
    lines.push(t('manage.close.willComplete', { label: ticket.label, counter: name }));
  } else {
    lines.push(t('manage.close.nobody'));
  }
  return lines;
}

/** What was done, once the server has said yes. */
export function closedText(counter: LiveCounter, serviceName: string, lang: Lang = 'en'): string {
  const t = (key: StaffKey, vars?: Vars) => tStaff(lang, key, vars);
  const ticket = counter.current;
  const step = customerStep(counter);
  const parts = [t('manage.close.closed', { counter: counterText(counter, lang) })];
  if (counter.clerk) parts.push(t('manage.close.signedOut', { clerk: counter.clerk.displayName }));
  if (ticket && step === 'requeue') parts.push(t('manage.close.requeued', { label: ticket.label, service: serviceName }));
  if (ticket && step === 'complete') parts.push(t('manage.close.completed', { label: ticket.label }));
  return parts.join(' ');
}
