package io.tributary.sandbox.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sandbox.SandboxDataset;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * totalResults of a keyset page is counted from row states; it must equal the rows the query returns, counted one
 * by one, after touches, deletes and additions, and for filters beyond the bound (which take the slow path).
 */
class NetSuiteSuiteQlCountTest {

  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final String COLS = "SELECT id, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS"
      + " lastmodifieddate FROM customer";

  @Test
  void theCountFromRowStatesEqualsTheRowsReturned() {
    SandboxDataset data = new SandboxDataset(7);
    data.define("customer", 2_000);
    data.touch("customer", 10, 19, Instant.parse("2024-03-01T17:30:00Z"));
    data.delete("customer", 1_200, 1_204, Instant.parse("2024-03-01T17:30:01Z"));
    data.delete("customer", 30, 30, Instant.parse("2024-03-01T17:30:02Z"));
    data.add("customer", 5, Instant.parse("2024-03-01T17:30:03Z"));
    SuiteQlExecutor executor = new SuiteQlExecutor(data, new NetSuiteRecords(data, ZONE));
    SuiteQlParser parser = new SuiteQlParser(ZONE);
    String ts = "TO_TIMESTAMP('2024-01-01 00:01:00', 'YYYY-MM-DD HH24:MI:SS')";
    List<String> queries = List.of(
        COLS + " ORDER BY id",
        COLS + " WHERE id > 25 ORDER BY id",
        COLS + " WHERE id > 1500 ORDER BY id",
        COLS + " ORDER BY lastmodifieddate, id",
        COLS + " WHERE lastmodifieddate >= " + ts + " ORDER BY lastmodifieddate, id",
        COLS + " WHERE (lastmodifieddate > " + ts + " OR (lastmodifieddate = " + ts + " AND id > 3)) ORDER BY"
            + " lastmodifieddate, id",
        COLS + " WHERE (isinactive = 'F') AND id > 25 ORDER BY id");
    for (String q : queries) {
      SuiteQlQuery query = parser.parse(q);
      long oneByOne = 0;
      for (Iterator<?> it = executor.rows(query); it.hasNext(); it.next()) {
        oneByOne++;
      }
      assertThat(oneByOne).as(q).isPositive();
      assertThat(executor.count(query)).as(q).isEqualTo(oneByOne);
    }
    assertThat(parser.parse(queries.get(5)).onlyBound()).isTrue();
    assertThat(parser.parse(queries.get(6)).onlyBound()).isFalse();
  }
}
