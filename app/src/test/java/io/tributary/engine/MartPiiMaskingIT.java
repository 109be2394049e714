package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.JobConfigLoader;
import io.tributary.mart.read.MartQuery;
import io.tributary.mart.read.MartReader;
import io.tributary.mart.read.QueryResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PII masking is the warehouse's, not the reader's: the ERP file-drop job (its pipeline_by_stage mart declares
 * {@code owner} PII) runs into DuckDB and into PostgreSQL, then a reader tries to read the owners in clear through an
 * alias, an expression, a subquery, a CTE, a UNION, a cast, an aggregate and a filter on a known clear value. Every
 * answer is the mask, compared with the clear owners read from the raw table; a reader started with the explicit
 * option gets exactly those clear owners.
 */
@Tag("db")
@Tag("sandbox")
class MartPiiMaskingIT {

  private static final List<String> LEAKS = List.of(
      "SELECT owner AS o FROM marts.pipeline_by_stage",
      "SELECT lower(owner) AS o FROM marts.pipeline_by_stage",
      "SELECT o FROM (SELECT owner AS o FROM marts.pipeline_by_stage) s",
      "WITH x AS (SELECT owner FROM marts.pipeline_by_stage) SELECT owner AS o FROM x",
      "SELECT owner AS o FROM marts.pipeline_by_stage UNION SELECT stage FROM marts.pipeline_by_stage WHERE 1 = 0",
      "SELECT CAST(owner AS VARCHAR(500)) AS o FROM marts.pipeline_by_stage",
      "SELECT string_agg(owner, ',') AS o FROM marts.pipeline_by_stage",
      "SELECT p.owner AS o FROM marts.pipeline_by_stage p JOIN marts.account_360 a ON true LIMIT 50");

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ExampleJobWarehouse.Kind.class)
  void noQueryShapeReadsAPiiColumnInClearUnlessTheReaderWasStartedWithTheOption(ExampleJobWarehouse.Kind kind)
      throws Exception {
    try (ExampleJobWarehouse w = new ExampleJobWarehouse(dir, kind)) {
      w.run("jobs/erp_files_demo.yml", 0);
      Set<String> clear = w.rows("SELECT owner, _tributary_deleted FROM raw.opportunities").stream()
          .filter(ExampleJobWarehouse::live).map(r -> (String) r.get("owner")).filter(o -> o != null)
          .collect(Collectors.toSet());
      assertThat(clear).hasSizeGreaterThan(3);
      String someOwner = clear.iterator().next();
      Path job = dir.resolve("erp_files_demo.yml");
      System.setProperty("tributary.state-dir", dir.resolve("state").toString());
      try (MartReader reader = MartReader.open(JobConfigLoader.load(job), false)) {
        for (String sql : LEAKS) {
          assertMasked(reader.query(MartQuery.of(sql), "it"), clear, sql);
        }
        assertThat(count(reader, "SELECT count(*) AS n FROM marts.pipeline_by_stage WHERE owner = ?", someOwner))
            .as("a filter on a clear value matches nothing").isZero();
        Map<String, Object> described = reader.describe("pipeline_by_stage", 20, "it");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> samples = (List<Map<String, Object>>) described.get("sample_rows");
        assertThat(samples).isNotEmpty().allSatisfy(r -> assertThat(r.get("owner")).isIn("***", null));
      }
      try (MartReader reader = MartReader.open(JobConfigLoader.load(job), true)) {
        QueryResult r = reader.query(new MartQuery("SELECT DISTINCT owner AS o FROM marts.pipeline_by_stage WHERE"
            + " owner IS NOT NULL", List.of(), 1000, MartQuery.DEFAULT_TIMEOUT), "it");
        assertThat(r.rows().stream().map(row -> row.get("o")).collect(Collectors.toSet())).isEqualTo(clear);
        assertThat(count(reader, "SELECT count(*) AS n FROM marts.pipeline_by_stage WHERE owner = ?", someOwner))
            .isPositive();
      } finally {
        System.clearProperty("tributary.state-dir");
      }
    }
  }

  private static long count(MartReader reader, String sql, String param) {
    return ((Number) reader.query(new MartQuery(sql, List.of(param), 10, MartQuery.DEFAULT_TIMEOUT), "it").rows()
        .get(0).get("n")).longValue();
  }

  private static void assertMasked(QueryResult r, Set<String> clear, String sql) {
    List<Object> values = r.rows().stream().map(row -> row.get("o")).filter(v -> v != null).toList();
    assertThat(values).as(sql).isNotEmpty();
    for (Object v : values) {
      assertThat(v.toString()).as(sql).matches("(\\*\\*\\*)(,\\*\\*\\*)*");
      clear.forEach(c -> assertThat(v.toString()).as(sql).doesNotContain(c));
    }
  }
}
