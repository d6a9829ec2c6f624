// Test helpers: a real centre on port 0, real socket clients, real Chromium.
export * from './harness.js';
export * from './socket-client.js';
export * from './browser.js';
