import { mount } from 'svelte';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './global.css';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
