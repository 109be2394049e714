package io.tributary.source.sap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.http.Classification;
import io.tributary.http.ErrorClass;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every SAP fixture in ../shared/fixtures/sap through this package's parsers and classifier. Expected values are
 * read off the files by hand. Hand-written fixtures (a clone without ../shared) are covered by SapParsingTest.
 */
@Tag("unit")
class SapFixturesConformanceTest {

  private static final Path SHARED = Path.of("..", "shared", "fixtures", "sap");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

  private static Path shared(String file) {
    Path p = SHARED.resolve(file);
    assumeTrue(Files.exists(p), "../shared/fixtures/sap is absent; shared fixture " + file + " skipped");
    return p;
  }

  private static SapPage v2(String text) throws IOException {
    return new SapPageParser(SapODataVersion.V2).parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void everySharedFixtureIsCoveredHere() throws IOException {
    assumeTrue(Files.isDirectory(SHARED), "../shared/fixtures/sap is absent");
    try (Stream<Path> files = Files.list(SHARED)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "camunda_doc_v2_inlinecount_batch_part.jsonc", "camunda_doc_v2_single_entity_metadata.json",
          "gateway_error_404_resource_not_found_camunda_doc.json", "pyodata_v2_page1_with___next_and___count.json",
          "pyodata_v2_page2_last.json", "sap_api_hub_openapi_API_SALES_ORDER_SRV_extract.json");
    }
  }

  @Test
  void pyodataServerDrivenPagingFollowsNextThenStops() throws IOException {
    SapPage first = v2(Files.readString(shared("pyodata_v2_page1_with___next_and___count.json")));
    assertThat(first.count()).isEqualTo(3);
    assertThat(first.next()).isEqualTo("{service.url}/Employees?$inlinecount=allpages&$skiptoken='opaque'");
    assertThat(first.rows()).containsExactly(
        Map.of("ID", 21L, "NameFirst", "George", "NameLast", "Doe"),
        Map.of("ID", 22L, "NameFirst", "John", "NameLast", "Doe"));
    SapPage last = v2(Files.readString(shared("pyodata_v2_page2_last.json")));
    assertThat(last.next()).isNull();
    assertThat(last.count()).isEqualTo(3);
    assertThat(last.rows()).containsExactly(Map.of("ID", 23L, "NameFirst", "Rob", "NameLast", "Ickes"));
  }

  @Test
  void gatewayInlineCountArrivesAsAString() throws IOException {
    String jsonc = Files.readString(shared("camunda_doc_v2_inlinecount_batch_part.jsonc"));
    // The doc elides the entity as {...}; comments and the elision are not JSON, the envelope is.
    String json = jsonc.lines().filter(l -> !l.trim().startsWith("//")).reduce("", (a, b) -> a + b + "\n")
        .replace("{...}", "{}");
    JsonNode part = JSON.readTree(json);
    assertThat(part.path("result").path("d").path("__count").isTextual()).isTrue();
    SapPage page = v2(part.get("result").toString());
    assertThat(page.count()).isEqualTo(4);
    assertThat(page.rows()).containsExactly(Map.of());
    assertThat(page.next()).isNull();
  }

  @Test
  void singleEntityDropsMetadataAndKeepsProperties() throws IOException {
    SapPage page = v2(Files.readString(shared("camunda_doc_v2_single_entity_metadata.json")));
    assertThat(page.rows()).containsExactly(Map.of("FirstName", "..."));
    assertThat(page.count()).isEqualTo(-1);
  }

  @Test
  void gateway404IsAConfigErrorWithTheVendorText() throws IOException {
    String body = Files.readString(shared("gateway_error_404_resource_not_found_camunda_doc.json"));
    assertThat(SapErrors.code(body)).isEqualTo("/IWBEP/CM_MGW_RT/020");
    Classification c = new SapErrors().classify(404, NO_HEADERS, body);
    assertThat(c.errorClass()).isEqualTo(ErrorClass.CONFIG);
    assertThat(c.vendorMessage())
        .isEqualTo("/IWBEP/CM_MGW_RT/020: Resource not found for segment 'A_BusinessPartnerType'");
    assertThat(c.hint()).contains("entity_set");
  }

  @Test
  void statusesAreClassifiedInOnePlace() {
    SapErrors errors = new SapErrors();
    assertThat(errors.classify(401, NO_HEADERS, "Logon failed").errorClass()).isEqualTo(ErrorClass.AUTH_EXPIRED);
    assertThat(errors.classify(403, NO_HEADERS, "").errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(errors.classify(400, NO_HEADERS, "{}").errorClass()).isEqualTo(ErrorClass.CONFIG);
    HttpHeaders retry = HttpHeaders.of(Map.of("Retry-After", List.of("7")), (a, b) -> true);
    for (int status : new int[] {429, 503, 504}) {
      Classification c = errors.classify(status, retry, "");
      assertThat(c.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
      assertThat(c.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(7));
    }
  }

  /** The OpenAPI extract's {@code /Date(ms)/} examples and decimal strings convert exactly. */
  @Test
  void openApiExamplesConvertExactly() throws IOException {
    JsonNode spec;
    try (InputStream in = Files.newInputStream(shared("sap_api_hub_openapi_API_SALES_ORDER_SRV_extract.json"))) {
      spec = JSON.readTree(in);
    }
    JsonNode props = spec.path("components.schemas.API_SALES_ORDER_SRV.A_SalesOrderType").path("properties");
    SapProperty stamp = new SapProperty("LastChangeDateTime", "Edm.DateTimeOffset", true, 7, 0, 0, null);
    assertThat(SapValues.convert(props.path("LastChangeDateTime").path("example").asText(), stamp))
        .isEqualTo(Instant.parse("2017-04-13T15:51:04Z"));
    SapProperty date = new SapProperty("CreationDate", "Edm.DateTime", true, 0, 0, 0, "Date");
    assertThat(SapValues.convert(props.path("CreationDate").path("example").asText(), date))
        .isEqualTo(LocalDate.parse("2017-04-13"));
    assertThat(SapValues.convert("/Date(1492098664000+0000)/", stamp)).isEqualTo(Instant.parse("2017-04-13T15:51:04Z"));
    assertThat(props.path("TotalNetAmount").path("format").asText()).isEqualTo("decimal");
    SapProperty amount = new SapProperty("TotalNetAmount", "Edm.Decimal", true, 16, 3, 0, null);
    assertThat(SapValues.convert(props.path("TotalNetAmount").path("example").asText(), amount))
        .isEqualTo(new BigDecimal("0"));
    assertThat(spec.path("components.schemas.count").path("type").asText()).isEqualTo("string");
    assertThat(spec.path("components.schemas.error").path("properties").path("error").path("required"))
        .extracting(JsonNode::asText).containsExactly("code", "message");
  }
}
