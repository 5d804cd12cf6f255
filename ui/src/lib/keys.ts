// Keyboard shortcuts: which keys are ours, and how to name them on this platform.

/** True on macOS, where the Command key takes the place of Ctrl. */
export const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The primary modifier of a key event: Ctrl, or Command on macOS. */
export function hasMod(e: KeyboardEvent): boolean {
  return isMac ? e.metaKey : e.ctrlKey;
}

/**
 * Whether the user is typing, so single-key shortcuts (`/`, `?`, j, k) must
 * leave the key alone.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(target.type);
  }
  return false;
}

/** "Ctrl+Shift+V" on Linux and Windows, "⇧⌘V" on macOS. */
export function shortcutLabel(combo: string): string {
  if (!isMac) return combo;
  const parts = combo.split("+");
  const key = parts.pop()!;
  const symbols: Record<string, string> = { Ctrl: "⌘", Shift: "⇧", Alt: "⌥" };
  const order = ["Alt", "Shift", "Ctrl"];
  return parts.sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((p) => symbols[p] ?? p).join("") + key;
}
