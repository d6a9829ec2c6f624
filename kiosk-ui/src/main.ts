// The ticket kiosk: a touchscreen where citizens pick a service and get a ticket, served at /kiosk/.
import { mount } from 'svelte';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './global.css';
import { pairFromLink } from '@foleni/shared/client';
import App from './App.svelte';
import { kiosk } from './lib/kiosk.svelte.js';
import { lockKiosk } from './lib/kiosk-lock.js';

const BASE = import.meta.env.BASE_URL;

// The service worker can only look after pages under /kiosk/; the bare /kiosk address is outside its scope,
// so the kiosk moves to /kiosk/ and every later reload is covered.
if (location.pathname === BASE.replace(/\/$/, '')) history.replaceState(null, '', BASE + location.search + location.hash);
lockKiosk();

// A pairing link's code is exchanged for the kiosk's token before the kiosk starts with it.
void pairFromLink('kiosk').then((refused) => {
  kiosk.linkRefused = refused;
  mount(App, { target: document.getElementById('app')! });
});
