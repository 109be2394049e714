package io.tributary.cli;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends one request to a receiver outside the run (a Pushgateway, a webhook); says why it failed, never throws. */
final class HttpPush {

  private HttpPush() {}

  /** Null when the receiver answered 2xx, else what went wrong. */
  static String send(HttpRequest request, String receiver) {
    try {
      HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
          .send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() / 100 == 2 ? null
          : "the " + receiver + " answered " + response.statusCode() + ": " + response.body().strip();
    } catch (IOException e) {
      return "cannot reach the " + receiver + ": " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
