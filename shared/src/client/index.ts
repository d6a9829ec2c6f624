// Browser-side helpers every screen shares: `@foleni/shared/client`.
export * from './api-client.js';
export * from './live-connection.js';
export * from './device-token.js';
