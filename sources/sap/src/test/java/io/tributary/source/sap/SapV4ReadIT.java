package io.tributary.source.sap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.auth.BasicAuth;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The v4 switch end to end over loopback: a tiny server answers the hand-written v4 {@code $metadata} and the two
 * v4 pages (value + relative {@code @odata.nextLink}, then the last page for a query with a {@code $filter}); the
 * reader asks with {@code $top} and {@code Prefer: odata.maxpagesize}, takes the next link only as "more to come"
 * and re-queries after the last key read, and builds v4 filter literals.
 */
@Tag("sandbox")
class SapV4ReadIT {

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> prefer = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/odata4/api_salesorder/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange ex) throws IOException {
    String query = ex.getRequestURI().getRawQuery();
    requests.add(ex.getRequestURI().getPath() + (query == null ? "" : "?" + URLDecoder.decode(query,
        StandardCharsets.UTF_8)));
    prefer.add(String.valueOf(ex.getRequestHeaders().getFirst("Prefer")));
    String file = ex.getRequestURI().getPath().endsWith("$metadata") ? "v4_metadata.xml"
        : query != null && query.contains("filter") ? "v4_sales_orders_last.json" : "v4_sales_orders_page.json";
    byte[] body;
    try (InputStream in = getClass().getResourceAsStream("/source/sap/" + file)) {
      body = in.readAllBytes();
    }
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private SapSource source() {
    URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/odata4/");
    return SapSource.create(root, SapODataVersion.V4, null, new BasicAuth("u", "p"), SapTestSources.FAST_RETRY);
  }

  private static final Map<String, Object> OPTIONS = Map.of("service", "api_salesorder", "entity_set", "SalesOrder",
      "change_field", "LastChangeDateTime");

  @Test
  void readsValuePagesRequeryingAfterTheLastKeyInsteadOfTheNextLink() {
    try (SapSource source = source()) {
      List<Page> pages = SapTestSources.pages(source, SapTestSources.request("orders", OPTIONS,
          List.of("LastChangeDateTime"), Cursor.START));
      assertThat(pages).hasSize(2);
      assertThat(pages.get(0).reportedTotal()).isEqualTo(3);
      assertThat(SapTestSources.records(pages)).extracting(r -> r.fields().get("SalesOrder"))
          .containsExactly("4000043", "4000044", "4000045");
      assertThat(SapTestSources.records(pages).get(1).fields().get("TotalNetAmount"))
          .isEqualTo(new BigDecimal("12345678901234.567"));
      // 2024-02-29T23:59:59+01:00 is 22:59:59Z; the second query asks for no count.
      assertThat(requests).containsExactly("/odata4/api_salesorder/$metadata",
          "/odata4/api_salesorder/SalesOrder?$orderby=LastChangeDateTime asc,SalesOrder asc&$top=500&$count=true",
          "/odata4/api_salesorder/SalesOrder?$filter=LastChangeDateTime gt 2024-02-29T22:59:59Z or"
              + " (LastChangeDateTime eq 2024-02-29T22:59:59Z and (SalesOrder gt '4000044'))"
              + "&$orderby=LastChangeDateTime asc,SalesOrder asc&$top=500");
      assertThat(prefer.get(1)).isEqualTo("odata.maxpagesize=500");
      assertThat(SapTestSources.watermark(pages).values()).containsExactly(
          Map.entry("LastChangeDateTime", Instant.parse("2024-03-01T00:00:00Z").toString()),
          Map.entry("SalesOrder", "4000045"));
    }
  }

  @Test
  void incrementalFilterUsesV4Literals() {
    Cursor wm = Cursor.of("LastChangeDateTime", "2024-02-29T22:59:59Z", "SalesOrder", "4000044");
    try (SapSource source = source()) {
      SapTestSources.pages(source, SapTestSources.request("orders", OPTIONS, List.of("LastChangeDateTime"), wm));
    }
    assertThat(requests.get(1)).contains("$filter=LastChangeDateTime gt 2024-02-29T22:59:59Z or"
        + " (LastChangeDateTime eq 2024-02-29T22:59:59Z and (SalesOrder gt '4000044'))");
  }
}
