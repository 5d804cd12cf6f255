// The data behind the timeline view: asks the core for a claim's, a person's
// or a storyline's appearances on one time basis, keeps the answer to the
// latest question only, and remembers how the person likes rows grouped.
// The view opens through `app.view = { kind: "timeline", scope, by }`.

import * as api from "./api";
import type { TimeBasis } from "./bindings/TimeBasis";
import type { Timeline } from "./bindings/Timeline";
import type { TimelineScope } from "./bindings/TimelineScope";
import type { RowsBy } from "./timeline";

export class TimelineData {
  /** Raw, not a deep proxy: a thousand points are read on every scroll and zoom, and only ever replaced whole. */
  data = $state.raw<Timeline | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  by = $state<TimeBasis>("stated");
  rowsBy = $state<RowsBy>("outlet");

  #seq = 0;
  #scope: TimelineScope | null = null;

  async load(scope: TimelineScope, by: TimeBasis = this.by): Promise<void> {
    const seq = ++this.#seq;
    this.#scope = scope;
    this.by = by;
    this.loading = true;
    this.error = null;
    try {
      const data = await api.timeline({ scope, by });
      if (seq === this.#seq) this.data = data;
    } catch (error) {
      if (seq === this.#seq) {
        this.data = null;
        this.error = api.toApiError(error).message;
      }
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** Switches between stated and publication time, keeping the scope. */
  setBasis(by: TimeBasis): Promise<void> {
    if (this.#scope === null || by === this.by) return Promise.resolve();
    return this.load(this.#scope, by);
  }

  reload(): Promise<void> {
    return this.#scope === null ? Promise.resolve() : this.load(this.#scope, this.by);
  }
}
