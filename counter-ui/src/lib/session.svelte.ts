// Who is signed in, shared by every part of the staff app.
import type { Lang, User } from '@foleni/shared';
import { ApiError } from '@foleni/shared/client';
import { api } from './api.js';

interface Me {
  user: User;
  counterId: string | null;
}

class Session {
  user = $state<User | null>(null);
  counterId = $state<string | null>(null);
  loaded = $state(false);
  lang = $state<Lang>((localStorage.getItem('foleni.staff.lang') as Lang | null) ?? 'en');

  async load(): Promise<void> {
    try {
      const me = await api.get<Me>('/auth/me');
      this.user = me.user;
      this.counterId = me.counterId;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      this.user = null;
    } finally {
      this.loaded = true;
    }
  }

  async signIn(username: string, password: string): Promise<void> {
    await api.post('/auth/login', { username, password });
    await this.load();
  }

  async signOut(): Promise<void> {
    await api.post('/auth/logout');
    this.user = null;
    this.counterId = null;
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    localStorage.setItem('foleni.staff.lang', lang);
  }
}

export const session = new Session();
