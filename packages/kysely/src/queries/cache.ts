import type { Template } from '../template';

/** Templates by shape key, built on first use and kept for the store's life. */
export class TemplateCache {
  private readonly templates = new Map<string, Template<object>>();

  get<P extends object>(key: string, build: () => Template<P>): Template<P> {
    let found = this.templates.get(key) as Template<P> | undefined;
    if (!found) {
      found = build();
      this.templates.set(key, found as unknown as Template<object>);
    }
    return found;
  }
}
