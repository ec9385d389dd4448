import { act, type ComponentType, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

const TIMEOUT_MS = 5_000;

/** Lets React and pending fetches make progress for a moment. */
function tick(): Promise<void> {
  return act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
}

/** A component mounted in the jsdom document, with the steps a guide's info string asks for. */
export interface Mounted {
  /** Waits until the page's text contains `text` (fails after 5 s, showing what it does show). */
  expectText(text: string): Promise<void>;
  /** Clicks the first button whose text contains `label`. */
  click(label: string): Promise<void>;
  unmount(): Promise<void>;
}

/** Mounts `component` (no props) with react-dom's client renderer, as a browser would. */
export async function mount(component: ComponentType): Promise<Mounted> {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(container);
    root.render(createElement(component));
  });
  const text = () => (container.textContent ?? '').replace(/\s+/g, ' ');

  return {
    async expectText(wanted) {
      const started = Date.now();
      while (!text().includes(wanted)) {
        if (Date.now() - started > TIMEOUT_MS) {
          throw new Error(`"${wanted}" never appeared; the page shows: "${text()}"`);
        }
        await tick();
      }
    },
    async click(label) {
      const started = Date.now();
      for (;;) {
        const button = [...container.querySelectorAll('button')].find((b) =>
          (b.textContent ?? '').includes(label),
        );
        if (button && !button.disabled) {
          await act(async () => button.click());
          return;
        }
        if (Date.now() - started > TIMEOUT_MS) {
          throw new Error(`no enabled button "${label}"; the page shows: "${text()}"`);
        }
        await tick();
      }
    },
    async unmount() {
      await act(async () => root?.unmount());
      container.remove();
    },
  };
}
