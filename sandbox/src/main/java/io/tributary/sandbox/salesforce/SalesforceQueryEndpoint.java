package io.tributary.sandbox.salesforce;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.RowKey;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.SandboxHttp;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * REST {@code /query} and {@code /queryAll}: the first batch, then batches via the relative {@code nextRecordsUrl}
 * ({@code /services/data/vXX.X/query/01g...-OFFSET}, REST API guide "Execute a SOQL Query"). Batches are streamed.
 *
 * <p>Each query locator remembers the row key where each served batch ended, so a retried or resumed
 * {@code nextRecordsUrl} continues from the same place without re-scanning the rows before it.
 */
final class SalesforceQueryEndpoint {

  private static final Pattern NEXT = Pattern.compile("(01g[0-9A-Za-z]{15})-(\\d+)");
  private static final int MAX_LOCATORS = 2000;

  /** A server-side query cursor. */
  private record Locator(SoqlQuery query, boolean all, long total, Map<Long, RowKey> resumeAt) {}

  private final SandboxDataset dataset;
  private final SalesforceRecordWriter writer;
  private final SalesforceSandboxSettings settings;
  private final AtomicLong locatorSeq = new AtomicLong(1);
  private final Map<String, Locator> locators =
      Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Locator> e) {
          return size() > MAX_LOCATORS;
        }
      });

  SalesforceQueryEndpoint(SandboxDataset dataset, SalesforceRecordWriter writer, SalesforceSandboxSettings settings) {
    this.dataset = dataset;
    this.writer = writer;
    this.settings = settings;
  }

  /** GET /query?q= or /queryAll?q=. */
  void start(HttpExchange ex, String version, boolean all, boolean corrupt) throws IOException {
    String q = SandboxHttp.query(ex).get("q");
    if (q == null || q.isBlank()) {
      SandboxHttp.send(ex, SalesforceJson.error(400, "MALFORMED_QUERY", "A query string has to be specified"));
      return;
    }
    SoqlQuery query;
    try {
      query = SoqlParser.parse(q);
    } catch (SoqlException e) {
      SandboxHttp.send(ex, SalesforceJson.error(400, e.errorCode(), e.getMessage()));
      return;
    }
    long count = dataset.count(query.object().name(), query.after(), query.before(), all);
    long total = query.limit() >= 0 ? Math.min(count, query.limit()) : count;
    if (query.count()) {
      // COUNT() answers with totalSize and no records (REST API guide, "COUNT()").
      SandboxHttp.send(ex, io.tributary.sandbox.VendorResponse.json(200,
          "{\"totalSize\":" + total + ",\"done\":true,\"records\":[]}"));
      return;
    }
    String id = SalesforceIds.of("01g", locatorSeq.getAndIncrement());
    Locator loc = new Locator(query, all, total, new ConcurrentHashMap<>());
    if (query.after() != null) {
      loc.resumeAt().put(0L, query.after());
    }
    locators.put(id, loc);
    writePage(ex, version, id, loc, 0, corrupt);
  }

  /** GET on a nextRecordsUrl. */
  void next(HttpExchange ex, String version, String locatorAndOffset, boolean corrupt) throws IOException {
    Matcher m = NEXT.matcher(locatorAndOffset);
    Locator loc = m.matches() ? locators.get(m.group(1)) : null;
    long offset = m.matches() ? Long.parseLong(m.group(2)) : -1;
    if (loc == null || (offset > 0 && !loc.resumeAt().containsKey(offset)) || offset > loc.total()) {
      SandboxHttp.send(ex, SalesforceJson.error(400, "INVALID_QUERY_LOCATOR", "invalid query locator"));
      return;
    }
    writePage(ex, version, m.group(1), loc, offset, corrupt);
  }

  private void writePage(HttpExchange ex, String version, String id, Locator loc, long offset, boolean corrupt)
      throws IOException {
    int size = (int) Math.min(batchSize(ex, id, offset), loc.total() - offset);
    boolean done = offset + size >= loc.total();
    SoqlQuery q = loc.query();
    Iterator<RowState> rows = dataset.scan(q.object().name(), loc.resumeAt().get(offset), q.before(), loc.all());
    boolean truncate = corrupt && SalesforceRecordWriter.corruptiblePath(q) == null;
    ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 1 << 16);
    JsonGenerator g = SalesforceJson.FACTORY.createGenerator(out);
    g.writeStartObject();
    g.writeNumberField("totalSize", loc.total());
    g.writeBooleanField("done", done);
    if (!done) {
      g.writeStringField("nextRecordsUrl", "/services/data/v" + version + "/query/" + id + "-" + (offset + size));
    }
    g.writeArrayFieldStart("records");
    RowKey last = null;
    for (int i = 0; i < size && rows.hasNext(); i++) {
      RowState row = rows.next();
      writer.writeJson(g, q, row, version, corrupt && i == 0 && !truncate);
      last = row.key();
      if (truncate && i == 0) {
        // A truncated page: stop mid-document, without closing the array or object.
        g.flush();
        out.close();
        ex.close();
        return;
      }
    }
    if (!done && last != null) {
      loc.resumeAt().put(offset + size, last);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.close();
    out.close();
    ex.close();
  }

  /** Sforce-Query-Options batchSize (200..2000) if sent, else the setting; optionally varied per batch. */
  private int batchSize(HttpExchange ex, String id, long offset) {
    int size = settings.batchSize();
    String opt = ex.getRequestHeaders().getFirst("Sforce-Query-Options");
    if (opt != null && opt.trim().startsWith("batchSize=")) {
      try {
        size = Math.max(200, Math.min(2000, Integer.parseInt(opt.trim().substring(10).trim())));
      } catch (NumberFormatException ignored) {
        // Salesforce ignores a batch size it cannot use; so does the sandbox.
      }
    }
    if (settings.irregularBatches() && size > 1) {
      int half = size / 2;
      size = size - (int) Math.floorMod((id.hashCode() * 31L + offset) * 0x9E3779B1L, (long) half);
    }
    return Math.max(1, size);
  }
}
