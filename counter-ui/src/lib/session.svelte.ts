// Who is signed in, shared by every part of the staff app.
import type { Lang, User } from '@foleni/shared';
import { ApiError } from '@foleni/shared/client';
import { api } from './api.js';

class Session {
  user = $state<User | null>(null);
  counterId = $state<string | null>(null);
  loaded = $state(false);
  lang = $state<Lang>((localStorage.getItem('foleni.staff.lang') as Lang | null) ?? 'en');

  async load(): Promise<void> {
    try {
      const me = await api.me();
      // This app sends only its session cookie, never a device's token, so the answer is a user's; were it a
      // device's, nobody would be signed in here.
      this.user = 'user' in me ? me.user : null;
      this.counterId = 'user' in me ? me.counterId : null;
      // The language chosen is kept with the account, so it follows the user to another computer.
      if ('user' in me && me.lang) this.remember(me.lang);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      this.user = null;
    } finally {
      this.loaded = true;
    }
  }

  async signIn(username: string, password: string): Promise<void> {
    await api.login({ body: { username, password } });
    await this.load();
  }

  async signOut(): Promise<void> {
    await api.logout();
    this.user = null;
    this.counterId = null;
  }

  /** Switches every staff page to `lang`, here at once and, for the signed-in user, on every computer. */
  setLang(lang: Lang): void {
    this.remember(lang);
    // A failed save only means another computer opens in the old language: this one has switched already.
    if (this.user) api.setMyLanguage({ body: { lang } }).catch(() => undefined);
  }

  private remember(lang: Lang): void {
    this.lang = lang;
    localStorage.setItem('foleni.staff.lang', lang);
  }
}

export const session = new Session();
