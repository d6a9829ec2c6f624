// A public touchscreen must stay on the kiosk: no zoom, no text selection, no context menu, no dragging,
// no way back or away. CSS does most of it (global.css); these handlers catch what CSS cannot.
// Zoom is not blocked in the viewport meta tag (user-scalable=no): axe-core rates that a critical WCAG
// failure, and touch-action plus these handlers already stop pinch, double-tap and ctrl zoom in Chromium.

const ZOOM_KEYS = new Set(['+', '-', '=', '_', '0']);
const NAV_KEYS = new Set(['BrowserBack', 'BrowserForward', 'BrowserHome', 'BrowserSearch', 'BrowserFavorites', 'F1', 'F3', 'F6', 'F7', 'F11', 'F12']);

export function lockKiosk(win: Window = window): void {
  const doc = win.document;
  const stop = (e: Event): void => e.preventDefault();
  const opts = { passive: false, capture: true } as const;

  doc.addEventListener('contextmenu', stop, opts);
  doc.addEventListener('selectstart', stop, opts);
  doc.addEventListener('dragstart', stop, opts);
  doc.addEventListener('drop', stop, opts);
  // Middle click would open a new tab.
  doc.addEventListener('auxclick', stop, opts);
  // Safari's pinch gesture events; harmless elsewhere.
  doc.addEventListener('gesturestart', stop, opts);
  win.addEventListener('wheel', (e) => e.ctrlKey && e.preventDefault(), opts);
  // Two fingers on the screen are a pinch, never a tap.
  doc.addEventListener('touchmove', (e) => e.touches.length > 1 && e.preventDefault(), opts);
  win.addEventListener(
    'keydown',
    (e) => {
      const zoom = (e.ctrlKey || e.metaKey) && ZOOM_KEYS.has(e.key);
      const back = e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home');
      if (zoom || back || NAV_KEYS.has(e.key) || e.key === 'Backspace') e.preventDefault();
    },
    opts,
  );

  // A back gesture or key lands on this extra entry and is pushed forward again.
  win.history.pushState({ kiosk: true }, '', win.location.href);
  win.addEventListener('popstate', () => win.history.pushState({ kiosk: true }, '', win.location.href));
  // Nothing on the kiosk opens windows; a stray link never should.
  win.open = () => null;
}
