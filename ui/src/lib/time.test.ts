// Timestamps as the source gave them and as the reader's clock shows them.
import { describe, expect, test } from "vitest";
import { describeTime, offsetLabel, parseStamp, shortDate } from "./time";

describe("describeTime", () => {
  test.each([
    ["2025-12-15T02:37:00+05:30", "15 Dec 2025, 02:37 (UTC+05:30)", "14 Dec 2025, 22:07 your time"],
    ["2025-12-15T02:37:00+0530", "15 Dec 2025, 02:37 (UTC+05:30)", "14 Dec 2025, 22:07 your time"],
    ["2025-12-14T19:05:00-05:00", "14 Dec 2025, 19:05 (UTC−05:00)", "15 Dec 2025, 01:05 your time"],
    ["2025-12-15T10:00:00Z", "15 Dec 2025, 10:00 (UTC)", "15 Dec 2025, 11:00 your time"],
    ["2025-07-01T10:00:00.123+00:00", "1 Jul 2025, 10:00 (UTC)", "1 Jul 2025, 12:00 your time"],
  ])("zoned %s", (text, asGiven, local) => {
    expect(describeTime(text)).toMatchObject({ asGiven, local });
  });

  test("a floating time is shown as given, with no local conversion", () => {
    expect(describeTime("2025-12-15T14:46:00")).toEqual({
      asGiven: "15 Dec 2025, 14:46 (time zone not stated)",
      local: null,
      datetime: "2025-12-15T14:46:00",
    });
  });

  test("a bare date and unparseable text", () => {
    expect(describeTime("2025-12-15").asGiven).toBe("15 Dec 2025");
    expect(describeTime("Monday morning")).toEqual({ asGiven: "Monday morning", local: null, datetime: "Monday morning" });
    expect(parseStamp("2025-13-01"), "month 13 is not a date").toBeNull();
  });
});

test("offset labels", () => {
  expect(offsetLabel(330)).toBe("UTC+05:30");
  expect(offsetLabel(-210)).toBe("UTC−03:30");
  expect(offsetLabel(0)).toBe("UTC");
});

test("short dates are local for zoned times and as given for floating ones", () => {
  expect(shortDate("2025-12-15T02:37:00+05:30")).toBe("14 Dec 2025");
  expect(shortDate("2025-12-15T00:30:00")).toBe("15 Dec 2025");
});
