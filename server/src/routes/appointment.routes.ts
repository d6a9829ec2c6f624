// Appointments: free slots, booking and cancelling (integration clients and staff), the day's list, check-in at
// the kiosk, and the admin's CSV import.
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import type { HandlersOf } from '../http/operations.js';

type AppointmentOperation =
  | 'appointmentSlots'
  | 'createAppointment'
  | 'listAppointments'
  | 'getAppointment'
  | 'cancelAppointment'
  | 'checkInAppointment'
  | 'importAppointments';

const notYet = (): never => {
  throw new AppError(501, 'not-implemented', 'Bookings are coming: this operation is not served yet.');
};

export function appointmentHandlers(_ctx: AppContext): HandlersOf<AppointmentOperation> {
  return {
    appointmentSlots: notYet,
    createAppointment: notYet,
    listAppointments: notYet,
    getAppointment: notYet,
    cancelAppointment: notYet,
    checkInAppointment: notYet,
    importAppointments: notYet,
  };
}
