package io.tributary.http;

import static io.tributary.http.LoopbackServer.json;
import static io.tributary.http.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.auth.ApiKeyAuth;
import io.tributary.auth.BearerTokenAuth;
import io.tributary.core.TributaryException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A known marker secret goes through every path that logs or throws; it must never come out. */
@Tag("sandbox")
class RedactionLoggingTest {

  private static final String MARKER = "MARKER-SECRET-7f3a9c";

  private LoopbackServer server;
  private ListAppender<ILoggingEvent> appender;
  private Logger logger;
  private Level before;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    logger = (Logger) LoggerFactory.getLogger("io.tributary");
    before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(appender);
    logger.setLevel(before);
    server.close();
  }

  @Test
  void markerSecretNeverReachesLogsOrExceptions() {
    String echo = "{\"message\":\"bad request\",\"access_token\":\"" + MARKER + "\",\"detail\":\"Bearer " + MARKER
        + "\"}";
    server.script("/crm/v3/objects", status(503, "oops token=" + MARKER), json("{}"), status(400, echo));
    ResilientHttpClient withQueryKey = ResilientHttpClient.builder(server.fastSettings("hubspot"))
        .auth(ApiKeyAuth.query("hapikey", MARKER)).build();
    withQueryKey.sendForText(HttpCall.get("/crm/v3/objects").query("limit", 10));
    ResilientHttpClient withBearer = ResilientHttpClient.builder(server.fastSettings("hubspot"))
        .auth(new BearerTokenAuth(MARKER)).build();
    Throwable failure = catchThrowable(() -> withBearer.sendForText(HttpCall.post("/crm/v3/objects")
        .query("client_secret", MARKER).form(Map.of("password", MARKER, "name", "x"))));

    assertThat(server.seen.get(0).uri().getQuery()).contains("hapikey=" + MARKER); // it was really sent
    assertThat(failure).isInstanceOf(TributaryException.class);
    assertThat(((TributaryException) failure).describe()).doesNotContain(MARKER).contains("bad request");
    assertThat(appender.list).isNotEmpty();
    assertThat(appender.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("hapikey=***"));
    for (ILoggingEvent e : appender.list) {
      assertThat(e.getFormattedMessage()).doesNotContain(MARKER);
    }
  }
}
