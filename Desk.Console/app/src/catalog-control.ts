import { send } from './api';
import type { components } from './api-types';
import type { QueryChange, QueryDetail, TimelineEntry } from './contract';
import { h } from './dom';
import { c, itemName } from './catalog-words';
import './catalog-control.css';

type CatalogItem = components['schemas']['CatalogItem'];

/**
 * The query pane's catalog item: what the contact asked for, whether it is granted, and a grant (or a change of item).
 * Granting one the contact is not entitled to is refused naming catalog.entitlement, which leads to the pane's
 * override step (case-controls.ts); a catalog_granted entry, pushed live, shows the grant however it was made.
 */
export class CatalogControl {
  readonly element: HTMLElement;
  private readonly item = h('select', { id: 'catalog-select' });
  private readonly state = h('p', { id: 'catalog-state', class: 'catalog-state' });
  private loaded: Promise<void> | null = null;
  private reference: string | null = null;
  /** The item and grant as last shown: a cancelled override puts the control back to them. */
  private shown: { item: string | null; granted: boolean } = { item: null, granted: true };

  constructor(private readonly change: (change: QueryChange) => Promise<boolean>, private readonly told: (message: string) => void) {
    const grant = h('button', { id: 'grant-item', type: 'button' }, c.grant);
    grant.addEventListener('click', () => this.grant());
    this.item.append(h('option', { value: '' }, c.none));
    this.element = h('div', { class: 'catalog-control' },
      h('div', { class: 'control-row' }, h('label', { for: 'catalog-select' }, c.catalogItem), this.item, grant),
      this.state);
  }

  async open(query: QueryDetail): Promise<void> {
    this.reference = query.reference;
    this.loaded ??= this.load();
    await this.loaded;
    if (this.reference !== query.reference) return;
    this.show(query.catalogItem ?? null, query.catalogGranted ?? true);
  }

  /** A timeline entry of the open query: a grant, by anyone, shows here. */
  heard(entry: TimelineEntry): void {
    const to = entry.data?.to;
    if (entry.reference === this.reference && entry.kind === 'catalog_granted' && typeof to === 'string') this.show(to, true);
  }

  private async load(): Promise<void> {
    try {
      const items = await send<CatalogItem[]>('GET', '/api/catalog');
      this.item.append(...items.map((i) => h('option', { value: i.item },
        i.entitled ? `${itemName(i.item)} (${c.entitledOnly(i.entitled.join(', '))})` : itemName(i.item))));
    } catch {
      this.loaded = null; // tried again at the next opening
    }
  }

  /** Back to the item as last shown (a refused grant's override was cancelled). */
  restore(): void {
    this.show(this.shown.item, this.shown.granted);
  }

  private show(item: string | null, granted: boolean): void {
    this.shown = { item, granted };
    if (item && ![...this.item.options].some((o) => o.value === item)) this.item.append(h('option', { value: item }, itemName(item)));
    this.item.value = item ?? '';
    this.state.textContent = item === null ? '' : granted ? c.granted : c.notGranted;
    this.state.dataset.granted = String(granted);
  }

  private grant(): void {
    if (!this.item.value) {
      this.told(c.chooseFirst);
      this.item.focus();
      return;
    }
    void this.change({ catalogItem: this.item.value });
  }
}
