package io.tributary.source.salesforce;

import static io.tributary.http.LoopbackServer.json;
import static io.tributary.http.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.http.LoopbackServer;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Bulk job create lists no jobs when its answer arrives; when the answer is lost (500) it adopts the one job for
 * its object created since Salesforce's clock read 5 s before the create, or creates once more if there is none or
 * more than one.
 */
@Tag("sandbox")
class BulkQueryJobCreateTest {

  private static final String JOBS = "/services/data/v62.0/jobs/query";
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
      .withZone(ZoneOffset.UTC);
  private static final String LOST = "[{\"errorCode\":\"UNKNOWN_EXCEPTION\",\"message\":\"x\"}]";
  private LoopbackServer server;
  private SalesforceClient client;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    server.always("/services/oauth2/token", json("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"instance_url\":\""
        + server.uri() + "\"}"));
    SalesforceConfig config = new SalesforceConfig(null, server.uri().toString(), "62.0", null, null, null, null,
        Map.of("initial_backoff", "20ms", "max_backoff", "100ms"));
    client = SalesforceClient.connect(config, new io.tributary.auth.ClientCredentialsAuth(
        SalesforceLogin.endpoint(config), "id", "secret", null, io.tributary.auth.ClientAuthMethod.CLIENT_SECRET_POST));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A job list; each job is {id, object, seconds before now it was created}. */
  private static String list(Object[]... jobs) {
    StringBuilder b = new StringBuilder("{\"done\":true,\"records\":[");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < jobs.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(jobs[i][0]).append("\",\"operation\":\"query\",")
          .append("\"object\":\"").append(jobs[i][1]).append("\",\"createdDate\":\"")
          .append(CREATED.format(now.minusSeconds((Integer) jobs[i][2]))).append("\",\"state\":\"UploadComplete\"}");
    }
    return b.append("],\"nextRecordsUrl\":null}").toString();
  }

  private static Object[] job(String id, String object, int secondsAgo) {
    return new Object[] {id, object, secondsAgo};
  }

  private long requests(String method) {
    return server.seen.stream().filter(s -> s.method().equals(method) && s.uri().getPath().equals(JOBS)).count();
  }

  private String create() {
    return BulkQueryJob.create(client, "Opportunity", "SELECT Id FROM Opportunity", false);
  }

  @Test
  void aCreateWhoseAnswerArrivesListsNoJobs() {
    server.script(JOBS, json("{\"id\":\"750new\",\"state\":\"UploadComplete\"}"));
    assertThat(create()).isEqualTo("750new");
    assertThat(requests("POST")).isEqualTo(1);
    assertThat(requests("GET")).as("no job list on the normal path").isZero();
  }

  @Test
  void aLostAnswerAdoptsTheOneJobOfItsObjectCreatedSinceTheCreate() {
    server.script(JOBS, status(500, LOST), json(list(job("750old", "Opportunity", 3600),
        job("750other", "Account", 0), job("750new", "Opportunity", 0))));
    assertThat(create()).isEqualTo("750new");
    assertThat(requests("POST")).as("the create was sent once, never repeated").isEqualTo(1);
    assertThat(requests("GET")).isEqualTo(1);
  }

  @Test
  void aLostAnswerWithNoNewJobCreatesOnceMore() {
    server.script(JOBS, status(500, LOST), json(list(job("750old", "Opportunity", 3600))),
        json("{\"id\":\"750second\",\"state\":\"UploadComplete\"}"));
    assertThat(create()).isEqualTo("750second");
    assertThat(requests("POST")).isEqualTo(2);
  }

  @Test
  void aLostAnswerWithTwoCandidatesAdoptsNeitherAndCreatesOnceMore() {
    server.script(JOBS, status(500, LOST), json(list(job("750a", "Opportunity", 1), job("750b", "Opportunity", 0))),
        json("{\"id\":\"750third\",\"state\":\"UploadComplete\"}"));
    assertThat(create()).isEqualTo("750third");
    assertThat(requests("POST")).isEqualTo(2);
  }

  @Test
  void jobsListedBeforeARetriedCreateAreNotItsJob() {
    server.script(JOBS, status(500, LOST), json(list(job("750a", "Opportunity", 1), job("750b", "Opportunity", 0))),
        status(500, LOST), json(list(job("750a", "Opportunity", 1), job("750b", "Opportunity", 0),
            job("750c", "Opportunity", 0))));
    assertThat(create()).isEqualTo("750c");
    assertThat(requests("POST")).isEqualTo(2);
  }

  @Test
  void theServerClockIsTheLatestDateHeaderSeen() {
    SalesforceServerClock clock = new SalesforceServerClock();
    clock.saw(headers("Thu, 16 Dec 2021 23:14:10 GMT"));
    clock.saw(headers("Thu, 16 Dec 2021 23:14:09 GMT"));
    clock.saw(headers("not a date"));
    assertThat(clock.now()).isEqualTo(Instant.parse("2021-12-16T23:14:10Z"));
  }

  private static HttpHeaders headers(String date) {
    return HttpHeaders.of(Map.of("Date", List.of(date)), (k, v) -> true);
  }
}
