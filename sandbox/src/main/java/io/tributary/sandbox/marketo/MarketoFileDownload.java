package io.tributary.sandbox.marketo;

import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET .../export/{id}/file.json with an optional {@code Range: bytes=a-} or {@code bytes=a-b} header
 * (bulk-extract.md, "Retrieving Your Data"): 206 with {@code Content-Range: bytes a-b/size} and
 * {@code Accept-Ranges: bytes}, or 200 with the whole file. An interrupted download (the {@code interrupt_after_bytes}
 * setting, once per export) sends the response chunked and ends it after that many bytes: the JDK server cannot drop
 * a connection halfway through a fixed-length body, so the client sees a body cut short, as behind a proxy that gave
 * up. Every request is logged for tests.
 */
final class MarketoFileDownload {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T");

  private final long interruptAfter;
  private final List<String> log = new ArrayList<>();

  MarketoFileDownload(long interruptAfter) {
    this.interruptAfter = interruptAfter;
  }

  /** One line per file request: {@code <exportId> bytes=<from>-} or {@code <exportId> whole}. */
  synchronized List<String> log() {
    return List.copyOf(log);
  }

  void serve(HttpExchange ex, MarketoExportJob job, boolean corrupt) throws IOException {
    byte[] file;
    synchronized (job) {
      file = job.file;
    }
    if (file == null) {
      SandboxHttp.send(ex, MarketoJson.error("1003", "Export " + job.id + " is " + job.status + ", not Completed"));
      return;
    }
    String header = ex.getRequestHeaders().getFirst("Range");
    Matcher m = header == null ? null : RANGE.matcher(header.trim());
    if (m != null && !m.matches()) {
      SandboxHttp.send(ex, new VendorResponse(416, Map.of("Content-Range", "bytes */" + file.length), ""));
      return;
    }
    long from = m == null ? 0 : Long.parseLong(m.group(1));
    long to = m == null || m.group(2).isEmpty() ? file.length - 1 : Math.min(file.length - 1,
        Long.parseLong(m.group(2)));
    if (from >= file.length || to < from) {
      SandboxHttp.send(ex, new VendorResponse(416, Map.of("Content-Range", "bytes */" + file.length), ""));
      return;
    }
    synchronized (this) {
      log.add(job.id + (m == null ? " whole" : " bytes=" + from + "-" + m.group(2)));
    }
    byte[] slice = Arrays.copyOfRange(file, (int) from, (int) to + 1);
    if (corrupt) {
      corruptFirstDate(slice, from == 0);
    }
    ex.getResponseHeaders().set("Content-Type", "text/csv;charset=UTF-8");
    ex.getResponseHeaders().set("Accept-Ranges", "bytes");
    if (m != null) {
      ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + file.length);
    }
    int status = m == null ? 200 : 206;
    boolean cut;
    synchronized (job) {
      cut = interruptAfter > 0 && !job.interrupted && slice.length > interruptAfter;
      job.interrupted |= cut;
    }
    ex.sendResponseHeaders(status, cut ? 0 : slice.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(slice, 0, cut ? (int) interruptAfter : slice.length);
    }
    ex.close();
  }

  /** Makes the first date of the data rows unreadable without changing the byte count (offsets stay exact). */
  private static void corruptFirstDate(byte[] slice, boolean hasHeader) {
    String text = new String(slice, StandardCharsets.ISO_8859_1);
    int start = hasHeader ? text.indexOf('\n') + 1 : 0;
    Matcher d = DATE.matcher(text);
    if (start > 0 || !hasHeader) {
      if (d.find(start)) {
        slice[d.start()] = 'X';
      }
    }
  }
}
