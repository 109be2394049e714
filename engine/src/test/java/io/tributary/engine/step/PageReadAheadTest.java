package io.tributary.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PageReadAheadTest {

  /** Pages "0", "1", ... with no records; page 3 fails when {@code failAt} is 3; records each call's thread. */
  private static class CountingReader implements StreamReader {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean blockAfterFirst;
    volatile boolean closed;
    volatile String closeThread;
    int failAt = -1;

    @Override
    public Page read(Cursor cursor) {
      int n = cursor.isStart() ? 0 : Integer.parseInt(cursor.get("p"));
      calls.add(n + "@" + Thread.currentThread().getName());
      if (blockAfterFirst && n > 0) {
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (n == failAt) {
        throw TributaryException.config("page " + n + " is malformed", "fix it");
      }
      return Page.more(List.of(), Cursor.of("p", String.valueOf(n + 1)), null);
    }

    @Override
    public void close() {
      closeThread = Thread.currentThread().getName();
      closed = true;
    }
  }

  @Test
  void readsEachPageOnceInCursorOrderOnOneReaderThread() {
    CountingReader reader = new CountingReader();
    PageReadAhead pages = new PageReadAhead(reader, "s");
    Cursor next = Cursor.START;
    for (int i = 0; i < 4; i++) {
      Page page = pages.take(next);
      next = page.next();
      pages.readAhead(next);
    }
    pages.close();
    assertThat(reader.calls).containsExactly("0@tributary-read-s", "1@tributary-read-s", "2@tributary-read-s",
        "3@tributary-read-s", "4@tributary-read-s");
    assertThat(reader.closeThread).isEqualTo("tributary-read-s");
  }

  /** Holds the pages it is told to for 300 ms after they are asked for. */
  private static CountingReader slowAt(String... slowPages) {
    Set<String> slow = Set.of(slowPages);
    return new CountingReader() {
      @Override
      public Page read(Cursor cursor) {
        if (slow.contains(cursor.isStart() ? "0" : cursor.get("p"))) {
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return super.read(cursor);
      }
    };
  }

  /**
   * The wait that stops rows being offered while chunks are read ({@link MappingItemReader}): only a page the step
   * thread had to wait for counts, and the first page taken (for which every step waits) never does, however slow,
   * and whether or not it was ready.
   */
  @Test
  void theLongestWaitCountsOnlyPagesTheStepWaitedForAfterTheFirst() throws Exception {
    PageReadAhead slowFirst = new PageReadAhead(slowAt("0"), "s");
    slowFirst.take(Cursor.START);
    assertThat(slowFirst.longestWaitMillis()).as("the first page, however slow").isZero();
    slowFirst.close();

    PageReadAhead pages = new PageReadAhead(slowAt("2"), "s");
    pages.readAhead(Cursor.START);
    Thread.sleep(200); // page 0 is read ahead and ready when the step takes it
    Page page = pages.take(Cursor.START);
    pages.readAhead(page.next());
    Thread.sleep(200); // the step works on page 0 while page 1 is read ahead
    page = pages.take(page.next());
    assertThat(pages.longestWaitMillis()).as("page 1, read ahead while the step worked").isLessThan(150L);
    pages.readAhead(page.next());
    pages.take(page.next());
    assertThat(pages.longestWaitMillis()).as("the step waited for page 2").isBetween(200L, 5_000L);
    pages.close();
  }

  @Test
  void aFailedReadSurfacesWhenItsPageIsTakenWithTheSourcesOwnException() {
    CountingReader reader = new CountingReader();
    reader.failAt = 1;
    PageReadAhead pages = new PageReadAhead(reader, "s");
    Page first = pages.take(Cursor.START);
    pages.readAhead(first.next());
    assertThatThrownBy(() -> pages.take(first.next())).isInstanceOf(TributaryException.class)
        .hasMessage("page 1 is malformed");
    pages.close();
    assertThat(reader.closed).isTrue();
  }

  @Test
  void closeWaitsForTheReadInFlightBeforeClosingTheReader() throws Exception {
    CountingReader reader = new CountingReader();
    reader.blockAfterFirst = true;
    PageReadAhead pages = new PageReadAhead(reader, "s");
    pages.readAhead(pages.take(Cursor.START).next());
    Thread closer = new Thread(pages::close);
    closer.start();
    closer.join(300);
    assertThat(reader.closed).as("closed while page 1 was still being read").isFalse();
    reader.release.countDown();
    closer.join(5_000);
    assertThat(reader.closed).isTrue();
  }
}
