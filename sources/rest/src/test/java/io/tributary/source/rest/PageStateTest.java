package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A cursor keeps plain strings and never a query-string API key a platform echoed into its next link. */
@Tag("unit")
class PageStateTest {

  private static String strip(String url) {
    return new PageState(url, null, null, null, null, null, null, false, null, null, null).withoutParam("api_key")
        .url();
  }

  @Test
  void anEchoedApiKeyIsRemovedFromTheNextUrl() {
    assertThat(strip("https://x/a?page=2&api_key=SECRET&per_page=5")).isEqualTo("https://x/a?page=2&per_page=5");
    assertThat(strip("https://x/a?api_key=SECRET")).isEqualTo("https://x/a");
    assertThat(strip("https://x/a?page=2&api_key=SECRET")).isEqualTo("https://x/a?page=2");
    assertThat(strip("https://x/a?my_api_key=1&page=2")).isEqualTo("https://x/a?my_api_key=1&page=2");
  }

  @Test
  void aStateRoundTripsThroughACursor() {
    PageState s = new PageState("https://x/a?page=3", null, 40L, null, "2025-01-01T00:00:00Z", null, "9", false,
        "2025-01-02T00:00:00Z", "17", "2025-01-03T00:00:00Z");
    Cursor c = s.toCursor();
    assertThat(c.values()).containsOnlyKeys("url", "offset", "lower", "max", "after", "after_key", "started");
    assertThat(PageState.fromCursor(c)).isEqualTo(s);
  }
}
