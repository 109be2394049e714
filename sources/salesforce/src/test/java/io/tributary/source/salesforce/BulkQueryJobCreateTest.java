package io.tributary.source.salesforce;

import static io.tributary.http.LoopbackServer.json;
import static io.tributary.http.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.http.LoopbackServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A Bulk job create whose answer is lost (500) adopts the job it did create, or creates once more if none appeared. */
@Tag("sandbox")
class BulkQueryJobCreateTest {

  private static final String JOBS = "/services/data/v62.0/jobs/query";
  private LoopbackServer server;
  private SalesforceClient client;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    server.always("/services/oauth2/token", json("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"instance_url\":\""
        + server.uri() + "\"}"));
    SalesforceConfig config = new SalesforceConfig(null, server.uri().toString(), "62.0", null, null, null,
        Map.of("initial_backoff", "20ms", "max_backoff", "100ms"));
    client = SalesforceClient.connect(config, new io.tributary.auth.ClientCredentialsAuth(
        SalesforceLogin.endpoint(config), "id", "secret", null, io.tributary.auth.ClientAuthMethod.CLIENT_SECRET_POST));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String list(String... ids) {
    StringBuilder b = new StringBuilder("{\"done\":true,\"records\":[");
    for (int i = 0; i < ids.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids[i])
          .append("\",\"operation\":\"query\",\"object\":\"Opportunity\",\"state\":\"UploadComplete\"}");
    }
    return b.append("],\"nextRecordsUrl\":null}").toString();
  }

  private long posts() {
    return server.seen.stream().filter(s -> s.method().equals("POST") && s.uri().getPath().equals(JOBS)).count();
  }

  @Test
  void aLostAnswerAdoptsTheJobThatWasCreated() {
    server.script(JOBS, json(list("750old")), status(500, "[{\"errorCode\":\"UNKNOWN_EXCEPTION\",\"message\":\"x\"}]"),
        json(list("750old", "750new")));
    assertThat(BulkQueryJob.create(client, "Opportunity", "SELECT Id FROM Opportunity", false)).isEqualTo("750new");
    assertThat(posts()).as("the create was sent once, never repeated").isEqualTo(1);
  }

  @Test
  void aLostAnswerWithNoNewJobCreatesOnceMore() {
    server.script(JOBS, json(list("750old")), status(500, "[{\"errorCode\":\"UNKNOWN_EXCEPTION\",\"message\":\"x\"}]"),
        json(list("750old")), json(list("750old")), json("{\"id\":\"750second\",\"state\":\"UploadComplete\"}"));
    assertThat(BulkQueryJob.create(client, "Opportunity", "SELECT Id FROM Opportunity", false))
        .isEqualTo("750second");
    assertThat(posts()).isEqualTo(2);
  }
}
