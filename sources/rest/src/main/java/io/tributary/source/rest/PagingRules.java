package io.tributary.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.source.rest.RestDefinition.PagingSpec;
import java.net.URI;

/**
 * Decides from a response whether another page follows and where it is: the {@code Link} header's next target, a
 * next URL or token in the body, or the next offset or page number. An offset or page read stops at an empty page,
 * at {@code has_more: false}, when {@code total} records or {@code total_pages} are reached, or, when the API
 * reports neither, at a short page.
 */
final class PagingRules {

  private PagingRules() {}

  /** The state that reads the next page, or null when this was the last one. */
  static PageState next(PagingSpec p, PageState state, RestHttp.Response r, int count, int size, String max, URI base) {
    JsonNode body = r.body();
    Boolean hasMore = p.hasMore() == null || body.at(p.hasMore()).isMissingNode() || body.at(p.hasMore()).isNull()
        ? null : body.at(p.hasMore()).asBoolean();
    if (Boolean.FALSE.equals(hasMore)) {
      return null;
    }
    return switch (p.type()) {
      case NONE -> null;
      case KEYSET -> throw new IllegalStateException("keyset pages follow from KeysetPaging, never from a response");
      case LINK_HEADER -> follow(LinkHeader.target(r.headers(), p.linkRel() == null ? "next" : p.linkRel()),
          state, max, base);
      case NEXT_URL -> follow(text(body, p.nextUrl()), state, max, base);
      case CURSOR -> {
        String token = text(body, p.token());
        yield token == null || token.equals(state.token()) ? null : state.next(null, token, null, null, max);
      }
      case OFFSET -> {
        long offset = state.offset() == null ? 0 : state.offset();
        long nextOffset = offset + count;
        yield count == 0 || reached(p, body, nextOffset, 0, hasMore, count, size) ? null
            : state.next(null, null, nextOffset, null, max);
      }
      case PAGE -> {
        long first = p.firstPage() == null ? 1 : p.firstPage();
        long page = state.page() == null ? first : state.page();
        yield count == 0 || reached(p, body, (page - first + 1) * (long) size, page - first + 1, hasMore, count, size)
            ? null : state.next(null, null, null, page + 1, max);
      }
    };
  }

  /** The record count the platform reports for the whole query, or -1. */
  static long total(PagingSpec p, JsonNode body) {
    if (p.total() == null) {
      return -1;
    }
    JsonNode n = body.at(p.total());
    return n.canConvertToLong() ? n.asLong() : -1;
  }

  private static boolean reached(PagingSpec p, JsonNode body, long readSoFar, long pagesSoFar, Boolean hasMore,
      int count, int size) {
    if (hasMore != null) {
      return false;
    }
    long total = total(p, body);
    if (total >= 0) {
      return readSoFar >= total;
    }
    if (p.totalPages() != null && body.at(p.totalPages()).canConvertToLong() && pagesSoFar > 0) {
      return pagesSoFar >= body.at(p.totalPages()).asLong();
    }
    return count < size;
  }

  private static PageState follow(String target, PageState state, String max, URI base) {
    if (target == null) {
      return null;
    }
    String url = target.startsWith("http://") || target.startsWith("https://") ? target : base.resolve(target)
        .toString();
    return url.equals(state.url()) ? null : state.next(url, null, null, null, max);
  }

  private static String text(JsonNode body, String pointer) {
    JsonNode n = body.at(pointer);
    return n.isMissingNode() || n.isNull() || n.asText().isBlank() ? null : n.asText();
  }
}
