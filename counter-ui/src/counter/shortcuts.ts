// The keys a clerk uses all day. One list feeds the key handler, the labels on buttons and the help panel,
// so what the screen says is what the keyboard does. Letters are the same in both languages.
import type { StaffKey } from '@foleni/shared';

export type Command = 'callNext' | 'recall' | 'start' | 'complete' | 'noShow' | 'transfer' | 'outOfTurn' | 'pause' | 'close' | 'lang' | 'help';

export interface Shortcut {
  command: Command;
  /** What `KeyboardEvent.key` gives (lower case for letters). */
  key: string;
  /** How the key is written on screen. */
  shown: string;
  help: StaffKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'callNext', key: 'n', shown: 'N', help: 'counter.help.callNext' },
  { command: 'recall', key: 'r', shown: 'R', help: 'counter.help.recall' },
  { command: 'start', key: 's', shown: 'S', help: 'counter.help.start' },
  { command: 'complete', key: 'c', shown: 'C', help: 'counter.help.complete' },
  { command: 'noShow', key: 'x', shown: 'X', help: 'counter.help.noShow' },
  { command: 'transfer', key: 't', shown: 'T', help: 'counter.help.transfer' },
  { command: 'outOfTurn', key: 'o', shown: 'O', help: 'counter.help.outOfTurn' },
  { command: 'pause', key: 'p', shown: 'P', help: 'counter.help.pause' },
  // E for the end of the day: it only asks, and closing waits for "Yes, close it".
  { command: 'close', key: 'e', shown: 'E', help: 'counter.help.closeCounter' },
  { command: 'lang', key: 'l', shown: 'L', help: 'counter.help.lang' },
  { command: 'help', key: '?', shown: '?', help: 'counter.help.help' },
];

export const keyOf = (command: Command): string => SHORTCUTS.find((s) => s.command === command)?.shown ?? '';

/** Keys that are not commands but move within the screen; the help panel lists them after the commands. */
export const MOVES: readonly { shown: string; help: StaffKey }[] = [
  { shown: '↑ ↓', help: 'counter.help.arrows' },
  { shown: 'Tab', help: 'counter.help.tab' },
  { shown: 'Enter', help: 'counter.help.enter' },
  { shown: 'Esc', help: 'counter.help.escape' },
];

/** The command a key press asks for, or null when the key is not ours or the clerk is typing. */
export function commandFor(e: KeyboardEvent): Command | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || e.isComposing) return null;
  const target = e.target as HTMLElement | null;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return SHORTCUTS.find((s) => s.key === key)?.command ?? null;
}
