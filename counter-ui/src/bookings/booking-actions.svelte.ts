// Cancelling a booking and checking its citizen in from the Bookings page: what the last one did (a note, the
// ticket made) or why it was refused, shared by the search results and the day's list.
import type { Appointment, PrintResult, Ticket } from '@foleni/shared';
import { api } from '../lib/api.js';
import { errorText } from '../manage/error-text.js';
import { bookings } from './bookings.svelte.js';
import { ts } from '../lib/staff-words.js';

export interface CheckedIn {
  appointment: Appointment;
  ticket: Ticket;
  print: PrintResult;
}

class BookingActions {
  note = $state('');
  error = $state('');
  /** The ticket of the last check-in here, shown (and printable) until the next action. */
  checkedIn = $state<CheckedIn | null>(null);
  busy = $state<string | null>(null);

  async cancel(a: Appointment): Promise<Appointment | null> {
    return this.run(a, async () => {
      const { appointment } = await api.cancelAppointment({ reference: a.reference });
      this.note = ts('bookings.cancelled', { reference: a.reference, time: bookings.clock(a.slotStart) });
      return appointment;
    });
  }

  async checkIn(a: Appointment): Promise<Appointment | null> {
    return this.run(a, async () => {
      const answer = await api.checkInAppointment({ reference: a.reference, body: {} });
      this.checkedIn = answer;
      this.note = ts('bookings.checkedIn', { reference: a.reference, label: answer.ticket.label });
      return answer.appointment;
    });
  }

  /** "Ready to collect" by SMS to the number the booking gave (its ticket carries it from the check-in). */
  async readyToCollect(a: Appointment): Promise<void> {
    if (!a.ticketId) return;
    const ticketId = a.ticketId;
    await this.run(a, async () => {
      await api.readyToCollect({ ticketId });
      this.note = ts('bookings.readySent', { reference: a.reference });
      return a;
    });
  }

  private async run(a: Appointment, act: () => Promise<Appointment>): Promise<Appointment | null> {
    this.busy = a.reference;
    this.note = '';
    this.error = '';
    this.checkedIn = null;
    try {
      const changed = await act();
      bookings.changed++;
      return changed;
    } catch (e) {
      this.error = `${a.reference}: ${errorText(e)}`;
      return null;
    } finally {
      this.busy = null;
    }
  }
}

export const actions = new BookingActions();
