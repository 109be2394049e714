package io.tributary.source.marketo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.auth.TokenResponse;
import io.tributary.http.Classification;
import io.tributary.http.ErrorClass;
import io.tributary.sandbox.marketo.MarketoRecords;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every file of ../shared/fixtures/marketo goes, unchanged, through the parser or classifier that handles its kind,
 * with expected values read off the files by hand. MarketoSimulatorFixturesIT sends the request fixtures to the
 * simulator.
 */
@Tag("unit")
class MarketoFixturesConformanceTest {

  private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);
  private final MarketoErrors errors = new MarketoErrors();

  private static MarketoResponse response(String name) throws IOException {
    return MarketoResponse.parse(MarketoFixtures.text(name));
  }

  /** The body of a recorded exchange ({@code response.body}) as text. */
  private static String recordedBody(String name) throws IOException {
    return MarketoFixtures.json(name).path("response").path("body").toString();
  }

  @Test
  void everySharedFileIsCovered() throws IOException {
    assumeTrue(Files.isDirectory(MarketoFixtures.DIR), MarketoFixtures.DIR + " is absent");
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(MarketoFixtures.DIR)) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    }
    String self = Files.readString(Path.of("sources/marketo/src/test/java/io/tributary/source/marketo/"
        + "MarketoFixturesConformanceTest.java")) + Files.readString(Path.of("sources/marketo/src/test/java/io/"
        + "tributary/source/marketo/MarketoSimulatorFixturesIT.java"));
    assertThat(names).hasSize(17).allSatisfy(n -> assertThat(self).as("a test reads " + n).contains("\"" + n + "\""));
  }

  @Test
  void exportLifecycleAnswersParse() throws IOException {
    MarketoExport created = MarketoExport.of(response("doc_bulk_lead_export_create_response.json").first("create"));
    assertThat(created).isEqualTo(new MarketoExport("ce45a7a1-f19d-4ce2-882c-a3c795940a7d", "Created", 0, 0));
    MarketoExport queued = MarketoExport.of(response("doc_bulk_lead_export_enqueue_response.json").first("enqueue"));
    assertThat(queued.id()).isEqualTo("fad2cd1b-e822-4025-be1e-9caa9cf1d4b8");
    assertThat(queued.status()).isEqualTo("Queued");
    MarketoExport processing = MarketoExport.of(response("doc_bulk_lead_export_status_processing.json")
        .first("status"));
    assertThat(processing.completed()).isFalse();
    assertThat(processing.dead()).isFalse();
    MarketoExport done = MarketoExport.of(response("doc_bulk_activity_export_status_completed.json").first("status"));
    assertThat(done).isEqualTo(new MarketoExport("ce45a7a1-f19d-4ce2-882c-a3c795940a7d", "Completed", 15_423,
        12_342));
    MarketoExport cancelled = MarketoExport.of(response("doc_bulk_lead_export_cancel_response.json").first("cancel"));
    assertThat(cancelled.dead()).as("a cancelled export is exported again").isTrue();
    assertThat(errors.classify(NONE, MarketoFixtures.text("doc_bulk_activity_export_status_completed.json")))
        .as("a successful answer is no error").isNull();
  }

  @Test
  void theDocumentedFileSplitsIntoRecordsWithNullForEmptyValues() throws IOException {
    byte[] file = Files.readAllBytes(MarketoFixtures.shared("doc_bulk_lead_export_file.csv"));
    MarketoCsvRows rows = new MarketoCsvRows(new ByteArrayInputStream(file));
    byte[] header = rows.next(file.length);
    assertThat(MarketoCsvRows.values(header)).containsExactly("firstName", "lastName", "email", "cookies");
    byte[] row = rows.next(file.length - header.length);
    assertThat(MarketoCsvRows.values(row)).containsExactly("Russell", "Wilson", null,
        "_mch-localhost-1536605780000-12105");
    assertThat(header.length + row.length).as("offsets cover the file to its last byte").isEqualTo(file.length);
    assertThat(rows.next(0)).isNull();
  }

  @Test
  void aCutTailIsNotARecord() throws IOException {
    byte[] file = Files.readAllBytes(MarketoFixtures.shared("doc_bulk_lead_export_file.csv"));
    int cut = file.length - 5;
    MarketoCsvRows rows = new MarketoCsvRows(new ByteArrayInputStream(file, 0, cut));
    byte[] header = rows.next(file.length);
    assertThat(rows.next(file.length - header.length)).as("the cut last row is asked for again").isNull();
  }

  @Test
  void theRangeHeadersOfTheDocsMatchWhatTheReaderChecks() throws IOException {
    String text = MarketoFixtures.text("doc_bulk_extract_file_range_headers.txt");
    Matcher asked = Pattern.compile("(?m)^Range: bytes=(\\d+)-(\\d+)$").matcher(text);
    assertThat(asked.find()).isTrue();
    Matcher answered = Pattern.compile("(?m)^Content-Range: (bytes (\\d+)-(\\d+)/(\\d+))$").matcher(text);
    assertThat(answered.find()).isTrue();
    assertThat(answered.group(2)).isEqualTo(asked.group(1));
    assertThat(answered.group(1)).startsWith("bytes " + asked.group(1) + "-");
    assertThat(text).contains("Accept-Ranges: bytes");
    assertThat(asked.find()).as("the resume request").isTrue();
    assertThat(asked.group(1)).isEqualTo("725");
  }

  @Test
  void responseLevelErrorsAreClassifiedByCode() throws IOException {
    Classification invalid = errors.classify(NONE, MarketoFixtures.text("doc_error_response_level_601.json"));
    assertThat(invalid.errorClass()).isEqualTo(ErrorClass.AUTH_EXPIRED);
    assertThat(invalid.vendorMessage()).isEqualTo("601 Unauthorized");
    Classification rate = errors.classify(NONE, MarketoFixtures.text("error_606_rate_limit_body_quoted.json"));
    assertThat(rate.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    assertThat(rate.retryAfter()).as("the 20-second window").isEqualTo(Duration.ofSeconds(20));
    assertThat(rate.vendorMessage()).isEqualTo("606 Max rate limit '100' exceeded with in '20' secs");
    HttpHeaders retryAfter = HttpHeaders.of(Map.of("Retry-After", List.of("3")), (a, b) -> true);
    assertThat(errors.classify(retryAfter, MarketoFixtures.text("error_606_rate_limit_body_quoted.json"))
        .retryAfter()).isEqualTo(Duration.ofSeconds(3));
  }

  /** Every code of the error table in the notes, with the handling it gets here. */
  @Test
  void everyCodeOfTheDocumentedTableHasAHandling() throws IOException {
    Map<String, ErrorClass> expected = new LinkedHashMap<>();
    expected.put("601", ErrorClass.AUTH_EXPIRED);
    expected.put("602", ErrorClass.AUTH_EXPIRED);
    expected.put("603", ErrorClass.AUTH);
    expected.put("604", ErrorClass.TRANSIENT);
    expected.put("606", ErrorClass.TRANSIENT);
    expected.put("607", ErrorClass.QUOTA);
    expected.put("608", ErrorClass.TRANSIENT);
    expected.put("611", ErrorClass.TRANSIENT);
    expected.put("615", ErrorClass.TRANSIENT);
    expected.put("1003", ErrorClass.CONFIG);
    expected.put("1005", ErrorClass.CONFIG);
    expected.put("1015", ErrorClass.CONFIG);
    expected.put("1029", null);
    expected.put("1035", ErrorClass.CONFIG);
    Matcher row = Pattern.compile("(?m)^(\\d{3,4})\\*? \\| ([^|]+?) \\|")
        .matcher(MarketoFixtures.text("doc_error_codes_and_bulk_limits_notes.txt"));
    List<String> codes = new ArrayList<>();
    Map<String, ErrorClass> meanings1029 = Map.of("Too many jobs in queue", ErrorClass.TRANSIENT,
        "Export daily quota exceeded", ErrorClass.QUOTA, "Job already queued", ErrorClass.RECORD);
    while (row.find()) {
      codes.add(row.group(1));
      if (row.group(1).equals("1029")) {
        // One code, three messages (a list in the doc's table): the message decides.
        Matcher item = Pattern.compile("<li>(.*?)</li>").matcher(row.group(2));
        List<String> items = new ArrayList<>();
        while (item.find()) {
          items.add(item.group(1));
          assertThat(errors.code("1029", item.group(1), NONE).errorClass()).as(item.group(1))
              .isEqualTo(meanings1029.get(item.group(1)));
        }
        assertThat(items).containsExactlyInAnyOrderElementsOf(meanings1029.keySet());
        continue;
      }
      Classification c = errors.code(row.group(1), row.group(2).trim(), NONE);
      assertThat(c.errorClass()).as(row.group(1) + " " + row.group(2)).isEqualTo(expected.get(row.group(1)));
    }
    assertThat(codes).containsExactlyElementsOf(expected.keySet());
  }

  @Test
  void recordLevelErrorsAreRecordErrorsOfTheirItem() throws IOException {
    MarketoResponse exists = response("doc_error_record_level_1005.json");
    assertThat(exists.success()).isTrue();
    assertThat(errors.classify(NONE, MarketoFixtures.text("doc_error_record_level_1005.json")))
        .as("record-level errors do not fail the call").isNull();
    assertThat(exists.recordProblems()).containsExactly(new MarketoResponse.RecordProblem(2, "skipped",
        List.of(new MarketoResponse.Problem("1005", "Lead already exists"))));

    MarketoResponse notInList = MarketoResponse.parse(recordedBody("recorded_remove_from_list_record_level_1015.json"));
    assertThat(notInList.recordProblems()).containsExactly(new MarketoResponse.RecordProblem(1, "skipped",
        List.of(new MarketoResponse.Problem("1015", "Lead not in list"))));

    MarketoResponse invalid = MarketoResponse.parse(recordedBody("recorded_sync_leads_record_level_1003_skipped.json"));
    MarketoResponse.Problem reason = invalid.recordProblems().get(0).reasons().get(0);
    assertThat(reason.code()).isEqualTo("1003");
    assertThat(reason.message()).isEqualTo("Invalid value for field 'boolean_field' and value 'other'");
    assertThat(MarketoErrors.recordLevel(reason).errorClass()).isEqualTo(ErrorClass.RECORD);
  }

  @Test
  void theRecordedLeadHasFieldsTheSimulatorServes() throws IOException {
    MarketoResponse r = MarketoResponse.parse(recordedBody("recorded_get_leads_by_filter_200.json"));
    assertThat(r.requestId()).isEqualTo("45c1#17d4f0469b3");
    JsonNode lead = r.result().get(0);
    assertThat(lead.path("id").asLong()).isEqualTo(7149);
    List<String> fields = new ArrayList<>();
    lead.fieldNames().forEachRemaining(fields::add);
    assertThat(MarketoRecords.LEAD_FIELDS).containsAll(fields);
    assertThat(MarketoStreams.LEADS.defaultFields()).containsAll(fields);
  }

  @Test
  void theRecordedTokenAnswerParses() throws IOException {
    JsonNode recorded = MarketoFixtures.json("recorded_identity_oauth_token_client_credentials.json");
    assertThat(recorded.path("request").path("method").asText()).isEqualTo("GET");
    assertThat(recorded.path("request").path("url").asText()).endsWith("/identity/oauth/token");
    TokenResponse token = TokenResponse.parse("marketo", recorded.path("response").path("body").toString());
    assertThat(token.accessToken()).isEqualTo("my-access-token");
    assertThat(token.expiresIn()).contains(Duration.ofSeconds(3599));
  }

  @Test
  void thePagingTokenParses() throws IOException {
    assertThat(response("doc_paging_token_response.json").nextPageToken())
        .isEqualTo("GIYDAOBNGEYS2MBWKQYDAORQGA5DAMBOGAYDAKZQGAYDALBQ");
  }
}
