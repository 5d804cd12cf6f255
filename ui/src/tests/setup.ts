// Test setup: a fixed time zone, so local times are predictable, and a clean
// DOM and Tauri mock between tests.
/// <reference types="node" />
import { afterEach } from "vitest";
import { cleanup } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";

// Node re-reads TZ when it changes. Berlin is UTC+1 in December, like the
// example in the brief ("02:37 (UTC+05:30)" is "22:07 your time" the day before).
process.env.TZ = "Europe/Berlin";

afterEach(async () => {
  // Unmount first, and let subscriptions still in flight settle: the app
  // unsubscribes from shell events through the mock, which must still be there.
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 0));
  clearMocks();
});
