// The smallest Svelte 5 app with state: the baseline the bench compares the UI bundles with.
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') });
