// What the outbox's sender needs of a gateway, and the one choice each send ends in. The choice decides what
// the outbox may do next: only a message the gateway surely did not take may be tried again
// (docs/decisions/0021-sms-outbox-at-most-once.md).
export type SendOutcome =
  /** The gateway took it; its id is what delivery reports name (Africa's Talking's messageId). */
  | { result: 'sent'; gatewayId: string | null }
  /** Nothing went (unreachable, refused before taking it, out of credit): try again after a backoff. */
  | { result: 'not-sent'; error: string }
  /** The gateway will never send this one (an invalid number, a blacklist): failed. */
  | { result: 'refused'; error: string }
  /** It may have gone (no answer after the message was handed over): never sent again. */
  | { result: 'unknown'; error: string };

/** One message for `sendMany`: as `send` takes it. */
export interface OutgoingSms {
  to: string;
  text: string;
  attemptId: string;
}

export interface SmsGateway {
  readonly kind: 'log' | 'africastalking' | 'modem';
  /** Where it sends, for staff: never a credential. */
  readonly target: string;
  /** `to` is E.164; `attemptId` names this try (the log gateway writes it, so a double would show). */
  send(to: string, text: string, attemptId: string): Promise<SendOutcome>;
  /**
   * A gateway that takes a batch in one go (the log: one write) has this: an outcome for each message, in order.
   * The sender then hands a whole batch over at once rather than message by message.
   */
  sendMany?(messages: readonly OutgoingSms[]): Promise<SendOutcome[]>;
  close(): Promise<void>;
}
