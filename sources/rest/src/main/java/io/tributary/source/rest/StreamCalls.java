package io.tributary.source.rest;

import io.tributary.http.HttpCall;
import io.tributary.source.rest.RestDefinition.PagingSpec;
import io.tributary.source.rest.RestDefinition.StreamSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the request for one page of a stream: path, query, headers and body with their placeholders filled, the page
 * size, the cursor bounds and the paging parameter. A next-page URL from the platform ({@code Link} or a body field)
 * is used as given: it already carries the query. A query parameter that renders empty is left out.
 */
final class StreamCalls {

  private final String stream;
  private final StreamSpec spec;
  private final PagingSpec paging;
  private final JobValues values;
  private final Map<String, String> commonHeaders;
  private final Map<String, String> extraQuery;
  private final RestHook hook;

  StreamCalls(String stream, RestDefinition def, StreamSpec spec, JobValues values, Map<String, String> extraQuery,
      RestHook hook) {
    this.stream = stream;
    this.spec = spec;
    this.paging = spec.paging() != null ? spec.paging() : def.paging();
    this.values = values;
    this.commonHeaders = def.headers();
    this.extraQuery = extraQuery;
    this.hook = hook;
  }

  PagingSpec paging() {
    return paging;
  }

  HttpCall call(PageState state, int size) {
    Map<String, String> vars = new HashMap<>();
    vars.put("page.size", Integer.toString(size));
    vars.put("page.offset", state.offset() == null ? "0" : state.offset().toString());
    long first = paging.firstPage() == null ? 1 : paging.firstPage();
    vars.put("page.number", Long.toString(state.page() == null ? first : state.page()));
    vars.put("page.token", state.token());
    vars.put("page.after_key", state.afterKey());
    vars.put("cursor.lower", state.lower());
    vars.put("cursor.upper", state.upper());
    java.util.function.Function<String, String> lookup = name -> name.startsWith("config.")
        ? values.get(name.substring(7)) : vars.get(name);
    HttpCall call;
    if (state.url() != null) {
      call = HttpCall.of(spec.method(), state.url());
    } else {
      // A definition's path is relative to base_url (which may carry a path such as /v1), so it is appended.
      call = HttpCall.of(spec.method(), Templates.render(spec.path(), lookup).replaceFirst("^/+", ""));
      call = query(call, lookup, size, state);
    }
    for (var h : commonHeaders.entrySet()) {
      call = call.header(h.getKey(), Templates.render(h.getValue(), lookup));
    }
    for (var h : spec.headers().entrySet()) {
      call = call.header(h.getKey(), Templates.render(h.getValue(), lookup));
    }
    if (spec.body() != null) {
      call = call.json(Templates.render(spec.body(), lookup));
    }
    if (!spec.form().isEmpty()) {
      Map<String, String> form = new java.util.LinkedHashMap<>();
      spec.form().forEach((k, v) -> form.put(k, Templates.render(v, lookup)));
      call = call.form(form);
    }
    call = call.header("Accept", "application/json");
    return hook == null ? call : hook.request(stream, call);
  }

  private HttpCall query(HttpCall call, java.util.function.Function<String, String> lookup, int size,
      PageState state) {
    Map<String, String> q = new java.util.LinkedHashMap<>();
    spec.query().forEach((k, v) -> q.put(k, Templates.render(v, lookup)));
    q.putAll(extraQuery);
    if (paging.sizeParam() != null) {
      q.put(paging.sizeParam(), Integer.toString(size));
    }
    if (spec.cursor() != null && spec.cursor().param() != null && state.lower() != null) {
      q.put(spec.cursor().param(), state.lower());
    }
    if (spec.cursor() != null && spec.cursor().upperParam() != null && state.upper() != null) {
      q.put(spec.cursor().upperParam(), state.upper());
    }
    switch (paging.type()) {
      case OFFSET, KEYSET -> {
        if (paging.offsetParam() != null) {
          q.put(paging.offsetParam(), state.offset() == null ? "0" : state.offset().toString());
        }
      }
      case PAGE -> {
        if (paging.pageParam() != null) {
          q.put(paging.pageParam(), lookup.apply("page.number"));
        }
      }
      case CURSOR -> {
        if (state.token() != null) {
          q.put(paging.tokenParam(), state.token());
        }
      }
      default -> { }
    }
    for (var e : q.entrySet()) {
      if (e.getValue() != null && !e.getValue().isEmpty()) {
        call = call.query(e.getKey(), e.getValue());
      }
    }
    return call;
  }
}
