// The whole window rendered against the fake shell, one article in the
// library, at a desktop width: what most dialog tests start from.
import { render } from "@testing-library/svelte";
import App from "../App.svelte";
import { AppState } from "../lib/app.svelte";
import { fakeBackend } from "./backend";
import { summary } from "./fixtures";

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

export function renderApp(extra: Handlers = {}) {
  Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
  const backend = fakeBackend([summary({ id: "a1" })], extra);
  const app = new AppState();
  render(App, { props: { app } });
  return { backend, app };
}
