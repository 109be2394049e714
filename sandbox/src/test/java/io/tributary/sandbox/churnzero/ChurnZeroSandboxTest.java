package io.tributary.sandbox.churnzero;

import static io.tributary.sandbox.VendorSamples.body;
import static io.tributary.sandbox.VendorSamples.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.GeneratedFields;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.VendorSamples;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ChurnZero simulator against the REST API reference and the requests its public clients send (see
 * src/test/resources/vendor-docs/churnzero/SOURCES.md): 100 results a page with {@code @odata.nextLink}, {@code $top}
 * without a next link, {@code $select}, {@code $filter}, {@code $orderby}, {@code $count} and Basic auth.
 */
@Tag("sandbox")
class ChurnZeroSandboxTest {

  private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(
      (ChurnZeroSandbox.USERNAME + ":" + ChurnZeroSandbox.API_KEY).getBytes(StandardCharsets.UTF_8));

  private static SandboxServer start(long rows) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(ChurnZeroSandbox.platform()).withRows(rows));
  }

  private static HttpResponse<String> get(String url) {
    return VendorSamples.send("GET", url, null, null, "Authorization", AUTH);
  }

  private static String url(SandboxServer sb, String entity, String query) {
    StringBuilder q = new StringBuilder();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      q.append(q.isEmpty() ? "?" : "&").append(pair, 0, eq + 1)
          .append(URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return sb.baseUrl() + "/public/v1/" + entity + q;
  }

  @Test
  void contactsComeAHundredAPageByNextLinkInTheAskedOrderWithTheCount() {
    try (SandboxServer sb = start(450)) {
      ChurnZeroRecords truth = sb.routes(ChurnZeroRoutes.class).records();
      List<Map<String, Object>> expected = new ArrayList<>();
      sb.dataset().rows(ChurnZeroRecords.CONTACT).map(truth::values).forEach(expected::add);
      expected.sort(Comparator.comparing((Map<String, Object> v) -> (Instant) v.get("ObjectCreatedDate")).reversed()
          .thenComparing(v -> (Long) v.get("Id")));

      List<JsonNode> seen = new ArrayList<>();
      String next = url(sb, "Contact", "$orderby=ObjectCreatedDate desc&$count=true");
      int pages = 0;
      while (next != null) {
        JsonNode page = body(get(next));
        pages++;
        assertThat(page.path("@odata.count").asInt()).isEqualTo(450);
        assertThat(page.path("value").size()).isLessThanOrEqualTo(100);
        page.path("value").forEach(seen::add);
        next = page.hasNonNull("@odata.nextLink") ? page.path("@odata.nextLink").asText() : null;
      }
      assertThat(pages).isEqualTo(5);
      assertThat(seen).hasSize(450);
      for (int i = 0; i < 450; i++) {
        Map<String, Object> want = expected.get(i);
        JsonNode got = seen.get(i);
        assertThat(got.path("Id").asLong()).isEqualTo(want.get("Id"));
        assertThat(got.path("Email").asText()).isEqualTo(want.get("Email"));
        assertThat(got.path("ObjectLastModifiedDate").asText())
            .isEqualTo(GeneratedFields.ISO_MILLIS.format((Instant) want.get("ObjectLastModifiedDate")));
      }
    }
  }

  @Test
  void selectReturnsOnlyTheNamedPropertiesAndTopLeavesPagingToSkip() {
    try (SandboxServer sb = start(250)) {
      JsonNode accounts = body(get(url(sb, "Account", "$select=ExternalId,CrmId")));
      assertThat(keys(accounts.path("value").get(0))).containsExactlyInAnyOrder("ExternalId", "CrmId");
      assertThat(accounts.path("value").get(0).path("ExternalId").asText()).isEqualTo("A-1");
      assertThat(accounts.has("@odata.nextLink")).isTrue();

      int read = 0;
      for (int skip = 0; ; skip += 30) {
        JsonNode page = body(get(url(sb, "Account", "$top=30&$skip=" + skip)));
        assertThat(page.has("@odata.nextLink")).as("no next link with $top").isFalse();
        if (page.path("value").isEmpty()) {
          break;
        }
        assertThat(page.path("value").get(0).path("Id").asLong()).isEqualTo(skip + 1);
        read += page.path("value").size();
      }
      assertThat(read).isEqualTo(250);
    }
  }

  @Test
  void filtersOnIdsNullsAndModificationStampsFollowOData() {
    try (SandboxServer sb = start(300)) {
      ChurnZeroRecords truth = sb.routes(ChurnZeroRoutes.class).records();
      Map<String, Object> event = truth.values(sb.dataset().row(ChurnZeroRecords.EVENT, 41));
      long sameAccountAndType = sb.dataset().rows(ChurnZeroRecords.EVENT).map(truth::values)
          .filter(v -> v.get("AccountId").equals(event.get("AccountId"))
              && v.get("EventTypeId").equals(event.get("EventTypeId"))).count();
      JsonNode events = body(get(url(sb, "Event", "$select=Id,EventDate&$skip=0&$filter=AccountId eq "
          + event.get("AccountId") + " and EventTypeId eq " + event.get("EventTypeId"))));
      assertThat(events.path("value").size()).isEqualTo((int) sameAccountAndType);
      assertThat(keys(events.path("value").get(0))).containsExactlyInAnyOrder("Id", "EventDate");

      JsonNode contacts = body(get(url(sb, "Contact", "$filter=FirstName ne null and LastName ne null and Email ne ''"
          + "&$count=true&$orderby=ObjectCreatedDate desc")));
      assertThat(contacts.path("@odata.count").asInt()).isEqualTo(300);

      Instant at = Instant.parse("2025-03-01T12:00:00Z");
      sb.dataset().touch(ChurnZeroRecords.ACCOUNT, 10, 12, at);
      JsonNode changed = body(get(url(sb, "Account", "$filter=ObjectLastModifiedDate ge 2025-03-01T12:00:00Z"
          + "&$orderby=ObjectLastModifiedDate,Id")));
      assertThat(changed.path("value")).hasSize(3);
      assertThat(changed.path("value").get(0).path("Id").asLong()).isEqualTo(11);
      assertThat(changed.path("value").get(0).path("ObjectLastModifiedDate").asText())
          .isEqualTo("2025-03-01T12:00:00.000Z");
    }
  }

  @Test
  void aWrongApiKeyOrAnUnknownPropertyGetsAnODataError() {
    try (SandboxServer sb = start(5)) {
      HttpResponse<String> denied = VendorSamples.send("GET", url(sb, "Account", "$top=1"), null, null,
          "Authorization", "Basic " + Base64.getEncoder().encodeToString("someone:wrong".getBytes(StandardCharsets.UTF_8)));
      assertThat(denied.statusCode()).isEqualTo(401);
      assertThat(body(denied).path("error").path("message").asText()).isNotBlank();
      HttpResponse<String> bad = get(url(sb, "Account", "$filter=NoSuch eq 1"));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(body(bad).path("error").path("message").asText()).contains("NoSuch");
    }
  }
}
