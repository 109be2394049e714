package io.tributary.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test helpers for simulators checked against vendor-documented samples: the samples under
 * {@code src/test/resources/vendor-docs/<platform>/} (provenance in each folder's SOURCES.md), and plain loopback calls.
 */
public final class VendorSamples {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private VendorSamples() {}

  /** A documented sample as JSON. */
  public static JsonNode json(String platform, String file) {
    try {
      return JSON.readTree(text(platform, file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A documented sample as text. */
  public static String text(String platform, String file) {
    String path = "/vendor-docs/" + platform + "/" + file;
    try (InputStream in = VendorSamples.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + path);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The field names of a JSON object, sorted. */
  public static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  /** Sends a request to the simulator; {@code headers} are name, value pairs. */
  public static HttpResponse<String> send(String method, String url, String contentType, String body,
      String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The body of a response as JSON. */
  public static JsonNode body(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.statusCode() + " " + response.body(), e);
    }
  }
}
