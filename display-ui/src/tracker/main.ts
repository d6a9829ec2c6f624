// The citizen's phone tracker (/t/<ticketId>). Kept very small for a weak signal: system fonts, no
// zod, only the shared helpers it uses.
import { mount } from 'svelte';
import './tracker.css';
import TrackerApp from './TrackerApp.svelte';

mount(TrackerApp, { target: document.getElementById('app')! });
