// SMS notifications: the shapes staff screens and the API share. The number itself never leaves the server
// except masked (`+2547•••••123`, see phone.ts).
import { z } from 'zod';
import { IsoTime, Lang } from './domain.js';

export const SMS_KINDS = ['issued', 'near', 'called', 'transferred', 'reminder', 'ready'] as const;
export const SmsKind = z.enum(SMS_KINDS);
export type SmsKind = z.infer<typeof SmsKind>;

/** dropped: it no longer made sense (the ticket was called before "near" went, the day closed). */
export const SmsStatus = z.enum(['queued', 'sending', 'sent', 'delivered', 'failed', 'dropped']);
export type SmsStatus = z.infer<typeof SmsStatus>;

/** A phone number as typed at the kiosk or by staff: checked and made E.164 by the server. */
// Long enough that a number pasted twice or a row of 200 digits is refused as `invalid-phone`, not as a body.
export const PhoneText = z.string().max(1000);

export const SetPhoneBody = z.strictObject({ phone: PhoneText });
export type SetPhoneBody = z.infer<typeof SetPhoneBody>;

export const SmsSettings = z.object({
  /** "near" goes when this many people or fewer are ahead (default 3). */
  nearAhead: z.number().int().min(0).max(50),
  /** The kinds of message sent; a kind left out is never queued. */
  kinds: z.array(SmsKind),
});
export type SmsSettings = z.infer<typeof SmsSettings>;
export const UpdateSmsSettingsBody = z.strictObject({
  nearAhead: z.number().int().min(0).max(50).optional(),
  kinds: z.array(SmsKind).max(SMS_KINDS.length).optional(),
});
export type UpdateSmsSettingsBody = z.infer<typeof UpdateSmsSettingsBody>;

export const SmsTestBody = z.strictObject({ phone: PhoneText, lang: Lang.optional() });
export type SmsTestBody = z.infer<typeof SmsTestBody>;

/** One message as staff see it: the number masked. */
export const SmsMessage = z.object({
  id: z.number().int(),
  kind: z.union([SmsKind, z.literal('test')]),
  status: SmsStatus,
  /** Sent, but the server stopped mid-send: the gateway may or may not have it (never sent twice). */
  uncertain: z.boolean(),
  ticketLabel: z.string().nullable(),
  lang: Lang,
  phone: z.string().nullable().describe('masked (+2547•••••123); null once erased at the day close'),
  text: z.string(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: IsoTime,
  sentAt: IsoTime.nullable(),
});
export type SmsMessage = z.infer<typeof SmsMessage>;

/** The gateway in use: `failing` once a send failed and none has succeeded since. */
export const SmsGatewayState = z.object({
  kind: z.enum(['log', 'africastalking', 'modem']),
  /** Where it sends, without credentials: data/sms.log, the API's host, the modem's device. */
  target: z.string(),
  state: z.enum(['ok', 'failing', 'idle']),
  lastError: z.string().nullable(),
  lastSentAt: IsoTime.nullable(),
  failingSince: IsoTime.nullable(),
});
export type SmsGatewayState = z.infer<typeof SmsGatewayState>;

export const SmsOverview = z.object({
  gateway: SmsGatewayState,
  settings: SmsSettings,
  today: z.object({ queued: z.number().int(), sent: z.number().int(), delivered: z.number().int(), failed: z.number().int(), dropped: z.number().int() }),
});
export type SmsOverview = z.infer<typeof SmsOverview>;

/** Africa's Talking's delivery report (form fields; those not named here, the number among them, are dropped). */
export const SmsDeliveryReport = z.object({
  id: z.string().min(1).max(200),
  status: z.string().max(40),
  failureReason: z.string().max(200).optional(),
});
export type SmsDeliveryReport = z.infer<typeof SmsDeliveryReport>;

/** The delivery-report URL's secret (`?key=`), as registered at Africa's Talking: they do not sign callbacks. */
export const SmsDeliveryQuery = z.object({ key: z.string().max(200).optional() });
