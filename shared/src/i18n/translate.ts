// A tiny typed translator: every catalogue has the same keys in English and Kiswahili, checked by the compiler.
import type { Lang } from '../domain.js';

export type Catalogue<K extends string> = Record<Lang, Record<K, string>>;
export type Vars = Record<string, string | number>;

/** `{name}` in a message is replaced by `vars.name`. */
export function format(message: string, vars?: Vars): string {
  if (!vars) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translator<K extends string>(catalogue: Catalogue<K>) {
  return (lang: Lang, key: K, vars?: Vars): string => format(catalogue[lang][key], vars);
}
