package io.tributary.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DefaultErrorClassifierTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);
  private final DefaultErrorClassifier classifier = new DefaultErrorClassifier(CLOCK);

  @Test
  void statusCodesMapToClasses() {
    for (int s : new int[] {408, 429, 500, 502, 503, 504}) {
      assertThat(classifier.classify(s, headers(), "").errorClass()).as("" + s).isEqualTo(ErrorClass.TRANSIENT);
    }
    assertThat(classifier.classify(401, headers(), "").errorClass()).isEqualTo(ErrorClass.AUTH_EXPIRED);
    assertThat(classifier.classify(403, headers(), "").errorClass()).isEqualTo(ErrorClass.AUTH);
    for (int s : new int[] {400, 404, 405, 409, 412, 422}) {
      assertThat(classifier.classify(s, headers(), "").errorClass()).as("" + s).isEqualTo(ErrorClass.CONFIG);
    }
  }

  @Test
  void retryAfterSecondsAndHttpDate() {
    assertThat(classifier.classify(429, headers("Retry-After", "7"), "").retryAfter()).isEqualTo(Duration.ofSeconds(7));
    // RFC 9110's own example date, 28 s after the fixed clock
    assertThat(classifier.classify(503, headers("Retry-After", "Wed, 21 Oct 2015 07:28:28 GMT"), "").retryAfter())
        .isEqualTo(Duration.ofSeconds(28));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", CLOCK)).isNull();
  }

  @Test
  void vendorMessagesFromRealErrorBodies() throws Exception {
    assertThat(VendorMessage.extract(resource("netsuite_400.json"))).isEqualTo("INVALID_PARAMETER: Invalid search"
        + " query. Detailed unprocessed description follows. Search error occurred: Unknown identifier 'subsidiary'."
        + " Available identifiers are: {transaction=transaction}.");
    assertThat(VendorMessage.extract(resource("salesforce_403.json")))
        .isEqualTo("REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.");
    assertThat(VendorMessage.extract(resource("salesforce_invalid_grant.json")))
        .isEqualTo("invalid_grant: expired access/refresh token");
    assertThat(VendorMessage.extract(resource("sap_404.json")))
        .isEqualTo("/IWBEP/CM_MGW_RT/020: Resource not found for segment 'A_BusinessPartnerType'");
    String hubspot = new ObjectMapper().readTree(resource("hubspot_429.json")).at("/response/body").toString();
    assertThat(VendorMessage.extract(hubspot)).isEqualTo("You have reached your secondly limit.");
    assertThat(VendorMessage.extract("<html>Bad Gateway</html>")).isEqualTo("<html>Bad Gateway</html>");
    assertThat(VendorMessage.extract("x".repeat(600))).hasSize(VendorMessage.MAX_CHARS + 1);
  }

  @Test
  void quotaHeaderReaderParsesSalesforceVariants() {
    QuotaMonitor m = QuotaMonitor.usageHeader("Sforce-Limit-Info", "api-usage", "daily API quota");
    assertThat(m.usage(headers("Sforce-Limit-Info", "api-usage=18/5000")))
        .contains(new QuotaMonitor.Usage("daily API quota", 18, 5000));
    assertThat(m.usage(headers("Sforce-Limit-Info", "api-usage=25/5000; per-app-api-usage=17/250(appName=x)")))
        .contains(new QuotaMonitor.Usage("daily API quota", 25, 5000));
    assertThat(m.usage(headers("Sforce-Limit-Info", "per-app-api-usage=17/250(appName=x)"))).isEmpty();
    assertThat(m.usage(headers())).isEmpty();
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = DefaultErrorClassifierTest.class.getResourceAsStream("/http/vendor_errors/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpHeaders headers(String... pairs) {
    Map<String, List<String>> map = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], List.of(pairs[i + 1]));
    }
    return HttpHeaders.of(map, (a, b) -> true);
  }
}
