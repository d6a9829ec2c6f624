// The waiting-room display (/display): fonts bundled, no network needed beyond the centre server.
import { mount } from 'svelte';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './display.css';
import DisplayApp from './DisplayApp.svelte';

mount(DisplayApp, { target: document.getElementById('app')! });
