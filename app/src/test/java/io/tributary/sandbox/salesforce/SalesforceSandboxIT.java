package io.tributary.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.TributaryException;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.source.salesforce.BulkResultCsv;
import io.tributary.source.salesforce.SalesforceErrors;
import io.tributary.source.salesforce.SalesforceTypes;
import io.tributary.source.salesforce.SforceLimitInfo;
import io.tributary.source.salesforce.SoqlQueryPage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Salesforce simulator over loopback, checked against the dataset's ground truth and known arithmetic. */
@Tag("sandbox")
class SalesforceSandboxIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String V = "/services/data/v" + SalesforceSandboxClient.VERSION;
  private static final Instant EPOCH = SandboxDataset.DEFAULT_EPOCH;

  private static SandboxServer start(SandboxOptions o, SalesforceSandboxSettings s) {
    return SandboxServer.start(o.withPlatform(SalesforceSandbox.platform(s)));
  }

  private static SalesforceSandboxSettings settings() {
    return SalesforceSandboxSettings.defaults().withPublicKey(
        (java.security.interfaces.RSAPublicKey) SalesforceSandboxClient.KEYS.getPublic());
  }

  /** Follows nextRecordsUrl to the end; returns every record and records the batch sizes. */
  private static List<Map<String, Object>> readAll(SalesforceSandboxClient c, String resource, String soql,
      List<Integer> batches, long[] total) throws Exception {
    HttpResponse<String> r = c.query(resource, soql);
    List<Map<String, Object>> out = new ArrayList<>();
    while (true) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Sforce-Limit-Info")).isPresent();
      SoqlQueryPage page = SoqlQueryPage.parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
      total[0] = page.totalSize();
      batches.add(page.records().size());
      out.addAll(page.records());
      if (page.done()) {
        return out;
      }
      assertThat(page.nextRecordsUrl()).startsWith(V + "/query/01g");
      r = c.get(page.nextRecordsUrl());
    }
  }

  @Test
  void jwtLoginThenQueryPagesToTheEndAndMatchesGroundTruth() throws Exception {
    SalesforceSandboxSettings s = settings().withBatchSize(700, true);
    try (SandboxServer sb = start(SandboxOptions.defaults().withRows(5000).withRows("User", 30), s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      JsonNode token = JSON.readTree(c.login(s));
      assertThat(token.get("instance_url").asText()).isEqualTo(sb.baseUrl());
      assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
      assertThat(token.has("refresh_token")).isFalse();
      assertThat(token.get("issued_at").asText()).matches("\\d{13}");

      List<Integer> batches = new ArrayList<>();
      long[] total = {0};
      List<Map<String, Object>> got = readAll(c, "query", "SELECT Id, Name, Amount, StageName, CloseDate,"
          + " SystemModstamp, Owner.Name FROM Opportunity ORDER BY SystemModstamp ASC, Id ASC", batches, total);

      assertThat(total[0]).isEqualTo(5000);
      assertThat(got).hasSize(5000);
      assertThat(batches).allMatch(n -> n <= 700);
      assertThat(batches.subList(0, batches.size() - 1)).anyMatch(n -> n < 700);
      SalesforceRecords truth = sb.routes(SalesforceRoutes.class).records();
      for (int i = 0; i < 5000; i += 97) {
        Map<String, Object> expected = truth.record("Opportunity", i);
        Map<String, Object> rec = got.get(i);
        assertThat(rec.get("Id")).isEqualTo(SalesforceIds.of("006", i));
        assertThat(rec.get("Name")).isEqualTo(expected.get("Name"));
        assertThat(rec.get("StageName")).isEqualTo(expected.get("StageName"));
        assertThat(rec.get("CloseDate")).isEqualTo(expected.get("CloseDate").toString());
        BigDecimal amount = (BigDecimal) expected.get("Amount");
        if (amount == null) {
          assertThat(rec.get("Amount")).isNull();
        } else {
          assertThat((BigDecimal) rec.get("Amount")).isEqualByComparingTo(amount);
        }
        Instant stamp = EPOCH.plusSeconds(i / 7);
        assertThat(SalesforceTypes.parseDateTime((String) rec.get("SystemModstamp"))).isEqualTo(stamp);
        assertThat((String) rec.get("SystemModstamp")).endsWith(".000+0000");
        String ownerId = (String) expected.get("OwnerId");
        long owner = SalesforceIds.indexOf("005", ownerId);
        assertThat(owner).isBetween(0L, 29L);
        assertThat(rec.get("Owner.Name")).isEqualTo(truth.record("User", owner).get("Name"));
      }
    }
  }

  @Test
  void incrementalReadFromACursorSeesTouchedAndHidesDeletedRows() throws Exception {
    SalesforceSandboxSettings s = settings();
    try (SandboxServer sb = start(SandboxOptions.defaults().withRows(1000), s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      c.login(s);
      // Rows 0..6 share the stamp EPOCH; resuming after (EPOCH, id of row 3) must start at row 4.
      String after = "SELECT Id FROM Account WHERE (SystemModstamp > 2024-01-01T00:00:00Z OR (SystemModstamp ="
          + " 2024-01-01T00:00:00Z AND Id > '" + SalesforceIds.of("001", 3) + "')) ORDER BY SystemModstamp ASC,"
          + " Id ASC";
      List<Map<String, Object>> tail = readAll(c, "query", after + " LIMIT 3", new ArrayList<>(), new long[1]);
      assertThat(tail).extracting(r -> r.get("Id"))
          .containsExactly(SalesforceIds.of("001", 4), SalesforceIds.of("001", 5), SalesforceIds.of("001", 6));

      Instant touchedAt = Instant.parse("2024-03-01T12:00:00Z");
      sb.dataset().touch("Account", 10, 20, touchedAt);
      sb.dataset().delete("Account", 5, 7, touchedAt);
      sb.dataset().add("Account", 4, touchedAt.plusSeconds(60));
      String since = "SELECT Id, IsDeleted, SystemModstamp FROM Account WHERE SystemModstamp >= 2024-03-01T00:00:00Z"
          + " ORDER BY SystemModstamp ASC, Id ASC";
      List<Map<String, Object>> changed = readAll(c, "query", since, new ArrayList<>(), new long[1]);
      List<Object> expectedIds = new ArrayList<>();
      for (int i = 10; i <= 20; i++) {
        expectedIds.add(SalesforceIds.of("001", i));
      }
      for (int i = 1000; i < 1004; i++) {
        expectedIds.add(SalesforceIds.of("001", i));
      }
      assertThat(changed).extracting(r -> r.get("Id")).containsExactlyElementsOf(expectedIds);
      assertThat(changed.get(0).get("SystemModstamp")).isEqualTo("2024-03-01T12:00:00.000+0000");

      List<Map<String, Object>> withDeleted = readAll(c, "queryAll", since, new ArrayList<>(), new long[1]);
      assertThat(withDeleted).hasSize(11 + 3 + 4);
      assertThat(withDeleted.stream().filter(r -> Boolean.TRUE.equals(r.get("IsDeleted"))).map(r -> r.get("Id")))
          .containsExactly(SalesforceIds.of("001", 5), SalesforceIds.of("001", 6), SalesforceIds.of("001", 7));
      assertThat(sb.dataset().rows("Account").filter(RowState::deleted).count()).isEqualTo(3);
    }
  }

  @Test
  void aMillionRowsCostNothingUntilRead() throws Exception {
    SalesforceSandboxSettings s = settings();
    try (SandboxServer sb = start(SandboxOptions.defaults().withRows(1_000_000), s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      c.login(s);
      assertThat(JSON.readTree(c.query("query", "SELECT COUNT() FROM Account").body()).get("totalSize").asLong())
          .isEqualTo(1_000_000);
      // Row i is stamped EPOCH + i/7 s: row 999,990 shares its stamp with rows 999,985..999,991.
      Instant stamp = EPOCH.plusSeconds(999_990 / 7);
      String t = stamp.toString();
      List<Map<String, Object>> tail = readAll(c, "query", "SELECT Id FROM Account WHERE (SystemModstamp > " + t
          + " OR (SystemModstamp = " + t + " AND Id > '" + SalesforceIds.of("001", 999_990) + "')) ORDER BY"
          + " SystemModstamp ASC, Id ASC", new ArrayList<>(), new long[1]);
      assertThat(tail).extracting(r -> r.get("Id")).containsExactlyElementsOf(
          java.util.stream.LongStream.range(999_991, 1_000_000).mapToObj(i -> SalesforceIds.of("001", i)).toList());
    }
  }

  @Test
  void countQueriesAndQueryAllCountDeletedRows() throws Exception {
    SalesforceSandboxSettings s = settings();
    try (SandboxServer sb = start(SandboxOptions.defaults().withRows(2000), s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      c.login(s);
      sb.dataset().delete("Contact", 100, 149, Instant.parse("2024-06-01T00:00:00Z"));
      assertThat(c.query("query", "SELECT COUNT() FROM Contact").body())
          .isEqualTo("{\"totalSize\":1950,\"done\":true,\"records\":[]}");
      assertThat(JSON.readTree(c.query("queryAll", "SELECT COUNT() FROM Contact").body()).get("totalSize").asLong())
          .isEqualTo(2000);
      // Base stamps are EPOCH + i/7 seconds: "> EPOCH+10s" keeps rows 77.. (minus the 50 deleted ones).
      assertThat(JSON.readTree(c.query("query", "SELECT COUNT() FROM Contact WHERE SystemModstamp >"
          + " 2024-01-01T00:00:10Z AND SystemModstamp < 2024-05-01T00:00:00Z").body()).get("totalSize").asLong())
          .isEqualTo(2000 - 77 - 50);
    }
  }

  @Test
  void badQueriesGetSalesforceErrorBodies() throws Exception {
    SalesforceSandboxSettings s = settings();
    try (SandboxServer sb = start(SandboxOptions.defaults().withRows(10), s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      c.login(s);
      HttpResponse<String> bad = c.query("query", "SELECT Id, Foo FROM Account");
      assertThat(bad.statusCode()).isEqualTo(400);
      JsonNode err = JSON.readTree(bad.body());
      assertThat(err.isArray()).isTrue();
      assertThat(err.get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
      assertThat(err.get(0).get("message").asText()).contains("ERROR at Row:1:Column:12")
          .contains("No such column 'Foo' on entity 'Account'. If you are attempting to use a custom field");
      assertThat(SalesforceErrors.classify(400, bad.body(), "query Account").kind())
          .isEqualTo(TributaryException.Kind.CONFIG);
      HttpResponse<String> malformed = c.query("query", "SELECT Id FROM Account WHERE Name = 'x'");
      assertThat(JSON.readTree(malformed.body()).get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
      assertThat(c.get(V + "/sobjects/Nope/describe").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void describeReportsTypesThatMapToColumns() throws Exception {
    SalesforceSandboxSettings s = settings();
    try (SandboxServer sb = start(SandboxOptions.defaults().withRows(10), s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      c.login(s);
      JsonNode d = JSON.readTree(c.get(V + "/sobjects/Opportunity/describe").body());
      assertThat(d.get("keyPrefix").asText()).isEqualTo("006");
      Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
      d.get("fields").forEach(f -> fields.put(f.get("name").asText(), f));
      assertThat(SalesforceTypes.column(fields.get("Amount"))).isEqualTo(new Column("Amount", ColumnType.DECIMAL, 18,
          2, true));
      assertThat(fields.get("OwnerId").get("relationshipName").asText()).isEqualTo("Owner");
      assertThat(fields.get("StageName").get("picklistValues")).extracting(v -> v.get("value").asText())
          .contains("Closed Won", "Negotiation/Review");
      JsonNode account = JSON.readTree(c.get(V + "/sobjects/Account/describe").body());
      JsonNode billing = null;
      for (JsonNode f : account.get("fields")) {
        billing = f.get("name").asText().equals("BillingAddress") ? f : billing;
      }
      assertThat(SalesforceTypes.column(billing).type()).isEqualTo(ColumnType.JSON);
    }
  }

  @Test
  void bulkQueryJobPollsThenPagesCsvUntilLocatorIsLiteralNull() throws Exception {
    SalesforceSandboxSettings s = settings().withBulkPolls(2).withBulkProcessing(0, Long.MAX_VALUE);
    try (SandboxServer sb = start(SandboxOptions.defaults().withRows(2500).withRows("User", 5), s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      c.login(s);
      JsonNode job = JSON.readTree(c.postJson(V + "/jobs/query",
          "{\"operation\":\"query\",\"query\":\"SELECT Id, Name, Owner.Name FROM Account\"}").body());
      assertThat(job.get("state").asText()).isEqualTo("UploadComplete");
      assertThat(job.get("id").asText()).startsWith("750").hasSize(18);
      String jobPath = V + "/jobs/query/" + job.get("id").asText();

      HttpResponse<String> early = c.get(jobPath + "/results");
      assertThat(early.statusCode()).isEqualTo(412);
      assertThat(JSON.readTree(early.body()).get(0).get("errorCode").asText()).isEqualTo("JOB_NOT_COMPLETE");
      assertThat(JSON.readTree(c.get(jobPath).body()).get("state").asText()).isEqualTo("InProgress");
      assertThat(JSON.readTree(c.get(jobPath).body()).get("state").asText()).isEqualTo("InProgress");
      JsonNode done = JSON.readTree(c.get(jobPath).body());
      assertThat(done.get("state").asText()).isEqualTo("JobComplete");
      assertThat(done.get("numberRecordsProcessed").asLong()).isEqualTo(2500);

      assertThat(c.get("/services/data/v57.0/jobs/query/" + job.get("id").asText() + "/results").statusCode())
          .isEqualTo(409);

      SalesforceRecords truth = sb.routes(SalesforceRoutes.class).records();
      List<String> locators = new ArrayList<>();
      List<Long> pageSizes = new ArrayList<>();
      List<Map<String, Object>> rows = new ArrayList<>();
      String locator = null;
      do {
        HttpResponse<String> r = c.get(jobPath + "/results?maxRecords=1000"
            + (locator == null ? "" : "&locator=" + locator));
        assertThat(r.statusCode()).isEqualTo(200);
        String raw = r.headers().firstValue("Sforce-Locator").orElseThrow();
        locators.add(raw);
        pageSizes.add(Long.parseLong(r.headers().firstValue("Sforce-NumberOfRecords").orElseThrow()));
        assertThat(r.body()).startsWith("\"Id\",\"Name\",\"Owner.Name\"\n");
        try (BulkResultCsv csv = BulkResultCsv.open(new StringReader(r.body()))) {
          csv.forEachRemaining(rows::add);
        }
        locator = BulkResultCsv.nextLocator(raw);
      } while (locator != null);
      assertThat(pageSizes).containsExactly(1000L, 1000L, 500L);
      assertThat(locators.get(locators.size() - 1)).isEqualTo("null");
      assertThat(locators.get(0)).isEqualTo("MTAwMA"); // base64("1000"), the docs' locator scheme
      assertThat(rows).hasSize(2500);
      for (int i = 0; i < 2500; i += 123) {
        Map<String, Object> expected = truth.record("Account", i);
        assertThat(rows.get(i).get("Id")).isEqualTo(SalesforceIds.of("001", i));
        assertThat(rows.get(i).get("Name")).isEqualTo(expected.get("Name"));
        long owner = SalesforceIds.indexOf("005", (String) expected.get("OwnerId"));
        assertThat(rows.get(i).get("Owner.Name")).isEqualTo(truth.record("User", owner).get("Name"));
      }
    }
  }

  @Test
  void tokenExpiryAnswersInvalidSessionIdAndDailyLimitAnswers403() throws Exception {
    SalesforceSandboxSettings s = settings();
    SandboxOptions o = SandboxOptions.defaults().withRows(10).withFaults("expire-token-after:300s").withDailyLimit(3);
    try (SandboxServer sb = start(o, s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      c.login(s);
      HttpResponse<String> ok = c.query("query", "SELECT COUNT() FROM Account");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(SforceLimitInfo.parse(ok.headers().firstValue("Sforce-Limit-Info").orElseThrow()).apiUsage())
          .isEqualTo(new SforceLimitInfo.Usage(1, 3, null));
      sb.clock().advance(Duration.ofSeconds(301));
      HttpResponse<String> expired = c.query("query", "SELECT COUNT() FROM Account");
      assertThat(expired.statusCode()).isEqualTo(401);
      assertThat(expired.body()).isEqualTo("[{\"message\":\"Session expired or invalid\",\"errorCode\":"
          + "\"INVALID_SESSION_ID\"}]");
      assertThat(SalesforceErrors.isExpiredSession(401, expired.body())).isTrue();

      c.login(s);
      assertThat(c.query("query", "SELECT COUNT() FROM Account").statusCode()).isEqualTo(200);
      assertThat(c.query("query", "SELECT COUNT() FROM Account").statusCode()).isEqualTo(200);
      HttpResponse<String> over = c.query("query", "SELECT COUNT() FROM Account");
      assertThat(over.statusCode()).isEqualTo(403);
      assertThat(over.body()).isEqualTo("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":"
          + "\"REQUEST_LIMIT_EXCEEDED\"}]");
      assertThat(SalesforceErrors.classify(403, over.body(), "query").kind()).isEqualTo(TributaryException.Kind.QUOTA);
    }
  }

  @Test
  void tokenEndpointRejectsWrongAudienceBadSignatureAndWrongSecret() throws Exception {
    SalesforceSandboxSettings s = settings();
    try (SandboxServer sb = start(SandboxOptions.defaults().withRows(1), s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      SalesforceSandboxSettings wrongAud = new SalesforceSandboxSettings(s.clientId(), s.clientSecret(),
          s.username(), "https://test.salesforce.com", s.refreshToken(), null, 2000, false, 0, 0, 1);
      Date exp = new Date(System.currentTimeMillis() + 60_000);
      HttpResponse<String> r = c.token("grant_type=" + SalesforceSandboxClient.enc(SalesforceOAuthEndpoint.JWT_GRANT)
          + "&assertion=" + SalesforceSandboxClient.jwt(wrongAud, exp));
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"audience is invalid\"}");
      assertThat(SalesforceErrors.classify(400, r.body(), "token").kind()).isEqualTo(TributaryException.Kind.AUTH);

      String good = SalesforceSandboxClient.jwt(s, exp);
      String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
      assertThat(c.token("grant_type=" + SalesforceSandboxClient.enc(SalesforceOAuthEndpoint.JWT_GRANT)
          + "&assertion=" + tampered).body()).contains("invalid assertion");

      assertThat(c.token("grant_type=client_credentials&client_id=" + s.clientId() + "&client_secret=nope").body())
          .isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
      assertThat(c.token("grant_type=client_credentials&client_id=" + s.clientId() + "&client_secret="
          + s.clientSecret()).statusCode()).isEqualTo(200);
      assertThat(c.token("grant_type=refresh_token&client_id=" + s.clientId() + "&refresh_token=old").body())
          .isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}");
    }
  }

  @Test
  void faultRatesAreRoughlyHonouredAndTheSameSeedRepeatsTheSequence() throws Exception {
    List<Integer> first = statuses(7, 400);
    List<Integer> again = statuses(7, 400);
    List<Integer> other = statuses(8, 400);
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    long n429 = first.stream().filter(x -> x == 429).count();
    long n500 = first.stream().filter(x -> x == 500).count();
    assertThat(n429).isBetween(20L, 64L);  // 10% of 400 = 40
    assertThat(n500).isBetween(5L, 36L);   // 5% of 400 = 20
  }

  private static List<Integer> statuses(long seed, int calls) throws Exception {
    SalesforceSandboxSettings s = settings();
    SandboxOptions o = SandboxOptions.defaults().withSeed(seed).withRows(10).withFaults("429:10%,500:5%");
    try (SandboxServer sb = start(o, s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      String body;
      do {
        body = c.token("grant_type=client_credentials&client_id=" + s.clientId() + "&client_secret="
            + s.clientSecret()).body();
      } while (!body.contains("access_token"));
      c.token = body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        HttpResponse<String> r = c.query("query", "SELECT COUNT() FROM Account");
        out.add(r.statusCode());
        if (r.statusCode() == 429) {
          assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
          assertThat(SalesforceErrors.classify(429, r.body(), "q").kind()).isEqualTo(TributaryException.Kind.TRANSIENT);
        }
      }
      List<String> log = sb.faultLog();
      assertThat(log.subList(log.size() - calls, log.size()).stream().map(l -> l.equals("ok") ? 200
          : Integer.parseInt(l)).collect(Collectors.toList())).isEqualTo(out);
      return out;
    }
  }

  @Test
  void malformedFaultPutsAnInvalidAmountAndResetCutsTheBody() throws Exception {
    SalesforceSandboxSettings s = settings();
    try (SandboxServer sb = start(SandboxOptions.defaults().withRows(10).withFaults("malformed:100%"), s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      c.login(s);
      SoqlQueryPage page = SoqlQueryPage.parse(new ByteArrayInputStream(
          c.query("query", "SELECT Id, Amount FROM Opportunity").body().getBytes(StandardCharsets.UTF_8)));
      assertThat(page.records().get(0).get("Amount")).isEqualTo("12,5x");
      assertThatThrownBy(() -> SalesforceTypes.convert(Column.decimal("Amount", 18, 2), "12,5x"))
          .isInstanceOfSatisfying(TributaryException.class, e ->
              assertThat(e.kind()).isEqualTo(TributaryException.Kind.RECORD));
      String truncated = c.query("query", "SELECT Id, Name FROM Opportunity").body();
      assertThatThrownBy(() -> SoqlQueryPage.parse(new ByteArrayInputStream(truncated.getBytes(StandardCharsets.UTF_8))))
          .isInstanceOfSatisfying(TributaryException.class, e ->
              assertThat(e.kind()).isEqualTo(TributaryException.Kind.TRANSIENT));
    }
    try (SandboxServer sb = start(SandboxOptions.defaults().withRows(10).withFaults("reset:100%"), s)) {
      SalesforceSandboxClient c = new SalesforceSandboxClient(sb.baseUrl());
      assertThatThrownBy(() -> c.get(V + "/query?q=x")).isInstanceOf(IOException.class);
    }
  }
}
