package io.tributary.source.hubspot;

import io.tributary.core.Cursor;
import io.tributary.core.ReadRequest;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one HubSpot read starts, for the object and the link readers alike: a first run lists from now, an
 * incremental run searches from its watermark less the lookback, a resumed run re-opens its cursor on its first call
 * ({@link HubSpotReopen}), and searches reach up to now less the search index lag. One per reader, on its thread.
 */
final class HubSpotReadStart {

  private static final Logger log = LoggerFactory.getLogger(HubSpotReadStart.class);

  private final ReadRequest request;
  private final Duration indexLag;
  private final Clock clock;
  private boolean firstRead = true;

  HubSpotReadStart(ReadRequest request, Duration indexLag, Clock clock) {
    this.request = request;
    this.indexLag = indexLag;
    this.clock = clock;
  }

  /** The cursor a read call goes on from: where the run starts, a resumed run's re-opened cursor, or the one given. */
  Cursor from(Cursor cursor) {
    Cursor c = cursor.isStart() ? first() : cursor;
    if (firstRead && !cursor.isStart()) {
      c = HubSpotReopen.reopen(cursor, searchEnd());
      log.info("hubspot {}: resumed run re-opened its read up to {} (epoch ms): {}", request.stream(), searchEnd(),
          c.values());
    }
    firstRead = false;
    return c;
  }

  /** Where an incremental read stops: changes newer than the index lag may not be searchable yet. */
  long searchEnd() {
    return clock.millis() - indexLag.toMillis();
  }

  private Cursor first() {
    if (request.incremental()) {
      long since = Long.parseLong(request.watermark().get(HubSpotStreamReader.WATERMARK))
          - request.lookback().toMillis();
      long end = searchEnd();
      log.info("hubspot {}: searching changes from {} to {} (epoch ms)", request.stream(), since, end);
      return HubSpotSearchWindow.start(since, Math.max(since, end)).toCursor().with("mode", "search");
    }
    return Cursor.of("mode", "list", "start", Long.toString(clock.millis()));
  }
}
