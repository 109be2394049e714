package io.tributary.sandbox.totango;

import static io.tributary.sandbox.VendorSamples.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.VendorSamples;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Totango simulator against the Search API documentation: the documented accounts search sent verbatim, paging
 * with offset and count (at most 1,000 a call, 10,000 a search), users with their account, the app-token and the
 * 100-a-minute limit.
 */
@Tag("sandbox")
class TotangoSandboxTest {

  private static final String FORM = "application/x-www-form-urlencoded";

  private static SandboxServer start(long rows) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(TotangoSandbox.platform()).withRows(rows)
        .withSetting("totango.requests_per_minute", "0"));
  }

  private static HttpResponse<String> search(SandboxServer sb, String object, String formBody) {
    return VendorSamples.send("POST", sb.baseUrl() + "/api/v1/search/" + object, FORM, formBody,
        "app-token", TotangoSandbox.APP_TOKEN);
  }

  private static String query(String json) {
    return "query=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  @Test
  void theDocumentedAccountsSearchReturnsPayingAccountsByDisplayNameWithTheAskedFields() {
    try (SandboxServer sb = start(1500)) {
      HttpResponse<String> r = search(sb, "accounts", VendorSamples.text("totango", "search_accounts_request.txt"));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode got = body(r);
      assertThat(got.path("status").asText()).isEqualTo("success");

      TotangoRecords truth = sb.routes(TotangoRoutes.class).records();
      List<Map<String, Object>> paying = new ArrayList<>();
      sb.dataset().rows(TotangoRecords.ACCOUNTS).map(truth::values)
          .filter(v -> v.get("status_group").equals("paying")).forEach(paying::add);
      paying.sort(Comparator.comparing((Map<String, Object> v) -> (String) v.get("display_name"))
          .thenComparing(v -> (String) v.get("name")));
      JsonNode accounts = got.path("response").path("accounts");
      assertThat(accounts.path("total_hits").asInt()).isEqualTo(paying.size());
      JsonNode hits = accounts.path("hits");
      assertThat(hits).hasSize(Math.min(1000, paying.size()));
      for (int i = 0; i < hits.size(); i++) {
        Map<String, Object> want = paying.get(i);
        JsonNode hit = hits.get(i);
        assertThat(hit.path("name").asText()).isEqualTo(want.get("name"));
        assertThat(hit.path("display_name").asText()).isEqualTo(want.get("display_name"));
        JsonNode fields = hit.path("selected_fields");
        assertThat(fields).hasSize(3);
        assertThat(fields.get(0).asText()).isEqualTo(want.get("health"));
        assertThat(fields.get(1).asLong()).isEqualTo(((Instant) want.get("health_trend")).toEpochMilli());
        assertThat(fields.get(2).asText()).isEqualTo(want.get("Success Manager"));
      }
    }
  }

  @Test
  void offsetAndCountPageThroughUsersAndEachUserCarriesItsAccount() {
    try (SandboxServer sb = start(2300)) {
      List<String> seen = new ArrayList<>();
      TotangoRecords truth = sb.routes(TotangoRoutes.class).records();
      for (int offset = 0; ; offset += 1000) {
        JsonNode users = body(search(sb, "users", query("{\"terms\":[],\"fields\":[{\"type\":\"string_attribute\","
            + "\"attribute\":\"Email\"}],\"parent_account_fields\":[{\"type\":\"string\",\"term\":\"identifier\"}],"
            + "\"count\":5000,\"offset\":" + offset + "}"))).path("response").path("users");
        assertThat(users.path("total_hits").asInt()).isEqualTo(2300);
        for (JsonNode hit : users.path("hits")) {
          seen.add(hit.path("name").asText());
          Map<String, Object> want = truth.values(sb.dataset().row(TotangoRecords.USERS, seen.size() - 1));
          assertThat(hit.path("selected_fields").get(0).asText()).isEqualTo(want.get("Email"));
          assertThat(hit.path("parent_account_selected_fields").get(0).asText()).isEqualTo(want.get("account"));
        }
        if (users.path("hits").size() < 1000) {
          assertThat(users.path("hits").size()).as("count is capped at 1,000").isEqualTo(300);
          break;
        }
      }
      List<String> expected = new ArrayList<>();
      for (long i = 0; i < 2300; i++) {
        expected.add(TotangoRecords.id(TotangoRecords.USERS, i));
      }
      assertThat(seen).containsExactlyElementsOf(expected);
      assertThat(body(search(sb, "users", VendorSamples.text("totango", "search_users_request.txt")))
          .path("response").path("users").path("hits")).as("the documented users call").hasSize(1000);
    }
  }

  @Test
  void onlyTheFirstTenThousandRecordsOfASearchCanBeRead() {
    try (SandboxServer sb = start(10_500)) {
      String page = "{\"terms\":[],\"fields\":[],\"count\":1000,\"offset\":%d}";
      JsonNode last = body(search(sb, "accounts", query(page.formatted(9_000)))).path("response").path("accounts");
      assertThat(last.path("total_hits").asInt()).isEqualTo(10_500);
      assertThat(last.path("hits")).hasSize(1000);
      assertThat(last.path("hits").get(999).path("name").asText()).isEqualTo("ACC010000");
      HttpResponse<String> beyond = search(sb, "accounts", query(page.formatted(10_000)));
      assertThat(beyond.statusCode()).isEqualTo(400);
      assertThat(body(beyond).path("status").asText()).isEqualTo("error");
    }
  }

  @Test
  void aMissingOrWrongAppTokenIsRefused() {
    try (SandboxServer sb = start(10)) {
      String url = sb.baseUrl() + "/api/v1/search/accounts";
      String q = query("{\"terms\":[],\"fields\":[]}");
      assertThat(VendorSamples.send("POST", url, FORM, q).statusCode()).isEqualTo(401);
      assertThat(VendorSamples.send("POST", url, FORM, q, "app-token", "wrong").statusCode()).isEqualTo(401);
      assertThat(VendorSamples.send("POST", url, FORM, q, "app-token", TotangoSandbox.APP_TOKEN).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void theHundredAndFirstCallOfATokenInAMinuteIsRefused() {
    try (SandboxServer sb = SandboxServer.start(SandboxOptions.defaults().withPlatform(TotangoSandbox.platform())
        .withRows(3))) {
      sb.clock().stop();
      sb.clock().advance(Duration.ofMillis(60_000 - sb.clock().millis() % 60_000));
      String q = query("{\"terms\":[],\"fields\":[],\"count\":1}");
      for (int i = 1; i <= 100; i++) {
        assertThat(search(sb, "accounts", q).statusCode()).as("call %d", i).isEqualTo(200);
      }
      HttpResponse<String> refused = search(sb, "accounts", q);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
      sb.clock().advance(Duration.ofMinutes(1));
      assertThat(search(sb, "accounts", q).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void termsFilterByAttributeAndNameAndAnUnknownTermIsRefused() {
    try (SandboxServer sb = start(400)) {
      TotangoRecords truth = sb.routes(TotangoRoutes.class).records();
      long champions = sb.dataset().rows(TotangoRecords.USERS).map(truth::values)
          .filter(v -> v.get("contact_account_role").equals("Champion")).count();
      JsonNode got = body(search(sb, "users", query("{\"terms\":[{\"type\":\"string_attribute\",\"attribute\":"
          + "\"contact_account_role\",\"in_list\":[\"Champion\"]}],\"fields\":[]}")));
      assertThat(got.path("response").path("users").path("total_hits").asLong()).isEqualTo(champions);
      JsonNode one = body(search(sb, "accounts", query("{\"terms\":[{\"type\":\"string\",\"term\":\"search_name\","
          + "\"contains\":\" 17\"}],\"fields\":[]}"))).path("response").path("accounts");
      assertThat(one.path("hits").get(0).path("name").asText()).isEqualTo("ACC000017");
      assertThat(search(sb, "accounts", query("{\"terms\":[{\"type\":\"string\",\"term\":\"no_such\","
          + "\"in_list\":[\"x\"]}],\"fields\":[]}")).statusCode()).isEqualTo(400);
    }
  }
}
