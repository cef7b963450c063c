import type { QuerySummary } from './contract';
import { h } from './dom';
import { span, w } from './workbench-words';
import './workbench.css';

type Clock = { kind: 'first_response' | 'next_response' | 'resolution'; label: string; due: string | null; done: boolean };

/**
 * The query's three SLA clocks, counting down every second from the desk's due times. The desk's own time (the
 * detail's `asOf`) sets the offset from this browser's clock, so a browser that is minutes off still counts right.
 * A paused clock stands still at what was left when the desk read it; a clock past its due time counts up, breached.
 */
export class SlaClocks {
  readonly element = h('dl', { class: 'sla-clocks', 'aria-label': w.clocks });
  private offset = 0;
  private pausedAt: number | null = null;
  private clocks: Clock[] = [];
  private timer: number | undefined;

  /** `asOf`: the desk's time when the query was read, if this answer carried it. */
  show(query: QuerySummary, asOf?: string | null): void {
    if (asOf) {
      const desk = Date.parse(asOf);
      if (!Number.isNaN(desk)) this.offset = desk - Date.now();
    }
    this.pausedAt = query.slaPaused ? this.now() : null;
    const resolved = query.resolvedAt !== null || query.status === 'resolved' || query.status === 'closed';
    this.clocks = [
      { kind: 'first_response', label: w.firstResponse, due: query.firstResponseDue, done: query.firstRespondedAt !== null },
      { kind: 'next_response', label: w.nextResponse, due: query.nextResponseDue ?? null, done: resolved },
      { kind: 'resolution', label: w.resolution, due: query.resolutionDue, done: resolved },
    ];
    this.render();
    window.clearInterval(this.timer);
    this.timer = window.setInterval(() => this.tick(), 1000);
  }

  stop(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
  }

  private now(): number {
    return Date.now() + this.offset;
  }

  private render(): void {
    this.element.replaceChildren(...this.clocks.flatMap((clock) => [
      h('dt', {}, clock.label),
      h('dd', { 'data-clock': clock.kind, role: 'timer' }),
    ]));
    this.tick();
  }

  private tick(): void {
    if (!this.element.isConnected) {
      this.stop();
      return;
    }
    const now = this.pausedAt ?? this.now();
    for (const clock of this.clocks) {
      const cell = this.element.querySelector<HTMLElement>(`[data-clock='${clock.kind}']`);
      if (!cell) continue;
      const left = clock.due === null ? Number.NaN : Date.parse(clock.due) - now;
      const state = clock.done ? 'met' : Number.isNaN(left) ? 'none' : left < 0 ? 'breached' : this.pausedAt !== null ? 'paused' : 'running';
      cell.dataset.state = state;
      if (clock.due) cell.title = new Date(clock.due).toLocaleString();
      cell.textContent = state === 'met' ? w.met
        : state === 'none' ? w.noClock
        : state === 'breached' ? w.overdue(span(left))
        : state === 'paused' ? w.paused(span(left))
        : w.left(span(left));
    }
  }
}
