package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/sources/rest.md, "Add your own REST API", exactly as written: the definition and the job are the doc's own
 * YAML blocks (only the host and the warehouse file differ), run with the CLI jar in a folder of their own against a
 * small local notes API: check, discover, run, then an incremental run after the API changed three notes and added
 * two.
 */
@Tag("process")
class RestWalkthroughIT {

  private static final Instant BASE = Instant.parse("2025-05-01T08:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void theWalkthroughRunsAsDocumented() throws Exception {
    String doc = Files.readString(Path.of("docs/sources/rest.md"));
    try (NotesApi api = new NotesApi(120)) {
      Path jobs = Files.createDirectories(dir.resolve("jobs/definitions"));
      Files.writeString(jobs.resolve("notes.yml"), block(doc, "**1. The definition**"));
      String job = block(doc, "**2. The job**");
      assertThat(job).contains("base_url: http://127.0.0.1:8080");
      Files.writeString(dir.resolve("jobs/notes.yml"), job.replace("http://127.0.0.1:8080", api.url()));

      Run check = cli("check", "jobs/notes.yml");
      assertThat(check.exit).as(check.output).isZero();
      Run discover = cli("discover", "jobs/notes.yml");
      assertThat(discover.exit).as(discover.output).isZero();
      assertThat(discover.output).contains("updated_at").contains("title");

      Run first = cli("run", "jobs/notes.yml");
      assertThat(first.exit).as(first.output).isZero();
      assertThat(first.output).contains("COMPLETED");
      assertThat(titles()).hasSize(120).containsEntry(7L, "note 7");

      api.requests.clear();
      api.change(List.of(3L, 50L, 119L), BASE.plusSeconds(3_600 * 24));
      api.add(2, BASE.plusSeconds(3_600 * 24));
      Run second = cli("run", "jobs/notes.yml");
      assertThat(second.exit).as(second.output).isZero();
      Map<Long, String> after = titles();
      assertThat(after).hasSize(122).containsEntry(3L, "note 3 (edited)").containsEntry(119L, "note 119 (edited)")
          .containsEntry(122L, "note 122");
      // The watermark of run 1 is note 120's updated_at; the lookback of the job is 1m.
      String expectedSince = BASE.plusSeconds(60L * 120 - 60).toString();
      assertThat(api.requests).anyMatch(q -> q.contains("updated_since=" + expectedSince))
          .noneMatch(q -> q.contains("updated_since=") && !q.contains("updated_since=" + expectedSince));
      assertThat(second.output).containsPattern("notes\\s+merge\\s+6\\s");
    }
  }

  /** The YAML block that follows {@code heading} in the doc. */
  private static String block(String doc, String heading) {
    int at = doc.indexOf(heading);
    assertThat(at).as("docs/sources/rest.md has " + heading).isPositive();
    int start = doc.indexOf("```yaml\n", at) + "```yaml\n".length();
    return doc.substring(start, doc.indexOf("```", start));
  }

  private Map<Long, String> titles() throws Exception {
    Map<Long, String> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("warehouse/notes.duckdb"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, title FROM raw.notes ORDER BY id")) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getString(2));
      }
    }
    return out;
  }

  private record Run(int exit, String output) {}

  /** {@code java -jar target/tributary.jar <args>} in the walk-through's folder, as a user runs it. */
  private Run cli(String... args) throws IOException, InterruptedException {
    Path jar = Path.of("target/tributary.jar").toAbsolutePath();
    assertThat(jar).as("the CLI jar (built by the app module's package phase)").exists();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("cli-" + args[0] + "-" + System.nanoTime() + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("NOTES_API_KEY", NotesApi.KEY);
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("tributary " + String.join(" ", args) + " did not finish; see " + log);
    }
    return new Run(p.exitValue(), Files.readString(log));
  }

  /**
   * The walk-through's notes API: {@code GET /notes?updated_since=&page=&per_page=} with the key in {@code X-Api-Key},
   * answering {@code {"data": [...], "has_more": bool}}; notes ordered by id, filtered at or after updated_since.
   */
  static final class NotesApi implements AutoCloseable {
    static final String KEY = "walkthrough-key";

    private final HttpServer server;
    private final List<Map<String, Object>> notes = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    NotesApi(int n) throws IOException {
      for (int i = 1; i <= n; i++) {
        notes.add(note(i, "note " + i, BASE.plusSeconds(60L * i)));
      }
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/notes", this::handle);
      server.start();
    }

    private static Map<String, Object> note(long id, String title, Instant updated) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("title", title);
      m.put("updated_at", updated.toString());
      m.put("author", Map.of("name", "ann"));
      return m;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void change(List<Long> ids, Instant at) {
      for (long id : ids) {
        notes.set((int) id - 1, note(id, "note " + id + " (edited)", at));
      }
    }

    void add(int n, Instant at) {
      for (int i = 0; i < n; i++) {
        notes.add(note(notes.size() + 1, "note " + (notes.size() + 1), at));
      }
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        String raw = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        String query = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        requests.add(query);
        Object body;
        int status = 200;
        if (!KEY.equals(ex.getRequestHeaders().getFirst("X-Api-Key"))) {
          status = 401;
          body = Map.of("error", Map.of("message", "invalid API key"));
        } else {
          Map<String, String> q = new LinkedHashMap<>();
          for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
              q.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
          }
          Instant since = q.containsKey("updated_since") ? Instant.parse(q.get("updated_since")) : Instant.EPOCH;
          List<Map<String, Object>> rows = notes.stream()
              .filter(n -> !Instant.parse((String) n.get("updated_at")).isBefore(since)).toList();
          int size = Integer.parseInt(q.getOrDefault("per_page", "100"));
          int page = Integer.parseInt(q.getOrDefault("page", "1"));
          int from = Math.min(rows.size(), (page - 1) * size);
          int to = Math.min(rows.size(), from + size);
          body = Map.of("data", rows.subList(from, to), "has_more", to < rows.size());
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
