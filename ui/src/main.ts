// Entry point of the Claimtrail window: mounts the app (tests mount components themselves).
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";

if (import.meta.env.MODE !== "test") {
  const target = document.getElementById("app");
  if (!target) throw new Error("index.html has no #app element");
  mount(App, { target });
}
