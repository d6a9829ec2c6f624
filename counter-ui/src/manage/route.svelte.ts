// In-app navigation for the manager's and admin's parts: sub-pages are real paths (/manage/reports,
// /admin/users) that the server also serves, so a reload or a bookmark lands on the same page.

class Route {
  path = $state(window.location.pathname.replace(/\/+$/, '') || '/');

  constructor() {
    window.addEventListener('popstate', () => {
      this.path = window.location.pathname.replace(/\/+$/, '') || '/';
    });
  }

  go(path: string): void {
    if (path === this.path) return;
    history.pushState(null, '', path);
    this.path = path;
    window.scrollTo(0, 0);
  }

  /** A link's click handler: in-app navigation, except when the person wants a new tab. */
  link(event: MouseEvent): void {
    const a = event.currentTarget as HTMLAnchorElement;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.go(new URL(a.href).pathname);
  }
}

export const route = new Route();
