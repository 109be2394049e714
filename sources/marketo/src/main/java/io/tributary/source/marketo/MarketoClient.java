package io.tributary.source.marketo;

import io.tributary.core.TributaryException;
import io.tributary.http.AuthProvider;
import io.tributary.http.HttpCall;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import io.tributary.http.StreamedResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * The bulk extract calls (bulk-lead-extract.md, bulk-activity-extract.md): create, enqueue, status, file (with
 * {@code Range}), cancel, and the export list for {@code check}. Bulk paths have no {@code /rest} prefix. One
 * rate limiter per subscription keeps the client under Marketo's 100 calls per 20 s.
 */
final class MarketoClient {

  private final ResilientHttpClient api;

  MarketoClient(URI base, AuthProvider auth, MarketoConfig config, Clock clock) {
    HttpSettings settings = HttpSettings.defaults("marketo", base).withOverrides(config.httpOrEmpty());
    // One permit per slice, so no rolling 20-second window ever sees more than the cap.
    if (config.perTwentySeconds() > 0) {
      settings = settings.withRateLimit(1, Duration.ofMillis(
          (MarketoErrors.RATE_WINDOW.toMillis() + config.perTwentySeconds() - 1) / config.perTwentySeconds()));
    }
    MarketoErrors errors = new MarketoErrors(clock);
    this.api = ResilientHttpClient.builder(settings).auth(auth).classifier(errors).bodyErrors(errors)
        .account(base.getHost()).build();
  }

  /** POST /bulk/v1/{kind}/export/create.json; not repeated after an ambiguous failure (it would create a twin). */
  MarketoExport create(MarketoStreams kind, String body) {
    return export("create", HttpCall.post(path(kind, "create.json")).json(body).notRepeatable());
  }

  MarketoExport enqueue(MarketoStreams kind, String exportId) {
    try {
      return export("enqueue", HttpCall.post(path(kind, exportId + "/enqueue.json")));
    } catch (TributaryException e) {
      if (e.kind() == TributaryException.Kind.RECORD) {
        // 1029 "Job already queued": an earlier attempt of this call got through.
        return status(kind, exportId);
      }
      throw e;
    }
  }

  MarketoExport status(MarketoStreams kind, String exportId) {
    return export("status", HttpCall.get(path(kind, exportId + "/status.json")));
  }

  MarketoExport cancel(MarketoStreams kind, String exportId) {
    return export("cancel", HttpCall.post(path(kind, exportId + "/cancel.json")));
  }

  /** GET bytes {@code from..to} of the file ({@code Range: bytes=from-to}); the caller streams and closes it. */
  StreamedResponse file(MarketoStreams kind, String exportId, long from, long to) {
    return api.open(HttpCall.get(path(kind, exportId + "/file.json")).header("Range", "bytes=" + from + "-" + to));
  }

  /** GET /bulk/v1/leads/export.json: the cheapest call that proves the token and the bulk permission. */
  void listLeadExports() {
    api.send(HttpCall.get("/bulk/v1/leads/export.json").query("batchSize", 10),
        (status, headers, body) -> MarketoResponse.parse(new String(body.readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8)));
  }

  private MarketoExport export(String what, HttpCall call) {
    MarketoResponse r = api.send(call, (status, headers, body) -> MarketoResponse.parse(
        new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    return MarketoExport.of(r.first(what));
  }

  private static String path(MarketoStreams kind, String tail) {
    return "/bulk/v1/" + kind.path() + "/export/" + tail;
  }
}
