/// <reference lib="dom" />
/** A tiny element builder: no framework, no innerHTML, so nothing from the server is parsed as HTML. */

type Attributes = Record<string, string | number | boolean | null | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Replaces the page's main content and moves focus there, so keyboard and screen-reader users follow. */
export function showScreen(...children: Child[]): void {
  const app = document.getElementById('app');
  if (app === null) return;
  app.replaceChildren(...children.filter((child): child is Node | string => Boolean(child)));
  const heading = app.querySelector('h1');
  (heading instanceof HTMLElement ? heading : app).focus();
}

export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
