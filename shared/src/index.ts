// @foleni/shared: the contract between the server and every screen.
export * from './domain.js';
export * from './requests.js';
export * from './events.js';
export * from './labels.js';
export * from './opening-hours.js';
export * from './stats.js';
export * from './kiosk-help.js';
export * from './i18n/translate.js';
export * from './i18n/common.js';
export * from './i18n/kiosk.js';
export * from './i18n/display.js';
export * from './i18n/tracker.js';
export * from './i18n/staff.js';
export * from './api/operation.js';
export * from './api/operations.js';
export * from './hq/wire.js';
export * from './hq/feed-status.js';
