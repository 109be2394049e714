package io.tributary.reliability;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stock Spring Batch baseline for bench/run-all: {@code JdbcCursorItemReader} over {@code bench_src.t} and
 * {@code JdbcBatchItemWriter} INSERTs into an empty {@code bench_ref.t_batch} (same columns and primary key), in
 * chunks of 10,000, each chunk one transaction, as a chunk-oriented step would. Prints {@code rows seconds}.
 * Args: JDBC URL, user.
 */
public final class JdbcBatchWriterBench {

  private JdbcBatchWriterBench() {}

  public static void main(String[] args) throws Exception {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(args[0]);
    ds.setUser(args[1]);
    try (var c = ds.getConnection();
        var s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_ref.t_batch");
      s.execute("CREATE TABLE bench_ref.t_batch (LIKE bench_src.t INCLUDING DEFAULTS, PRIMARY KEY (id))");
    }
    JdbcCursorItemReader<Object[]> reader = new JdbcCursorItemReader<>(ds, "SELECT id, name, email, city, status,"
        + " amount, balance, score, active, born, updated_at, attrs::text FROM bench_src.t ORDER BY id",
        (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getDouble(8), rs.getBoolean(9),
            rs.getDate(10), rs.getTimestamp(11), rs.getString(12)});
    reader.setFetchSize(10_000);
    JdbcBatchItemWriter<Object[]> writer = new JdbcBatchItemWriter<>();
    writer.setDataSource(ds);
    writer.setSql("INSERT INTO bench_ref.t_batch (id, name, email, city, status, amount, balance, score, active,"
        + " born, updated_at, attrs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))");
    writer.setItemPreparedStatementSetter((row, ps) -> {
      ps.setLong(1, (Long) row[0]);
      for (int i = 1; i <= 4; i++) {
        ps.setString(i + 1, (String) row[i]);
      }
      ps.setBigDecimal(6, (BigDecimal) row[5]);
      ps.setBigDecimal(7, (BigDecimal) row[6]);
      ps.setDouble(8, (Double) row[7]);
      ps.setBoolean(9, (Boolean) row[8]);
      ps.setDate(10, (Date) row[9]);
      ps.setTimestamp(11, (Timestamp) row[10]);
      ps.setString(12, (String) row[11]);
    });
    writer.afterPropertiesSet();
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    long t0 = System.nanoTime();
    long rows = 0;
    reader.open(new ExecutionContext());
    try {
      while (true) {
        List<Object[]> items = new ArrayList<>(10_000);
        Object[] item;
        while (items.size() < 10_000 && (item = reader.read()) != null) {
          items.add(item);
        }
        if (items.isEmpty()) {
          break;
        }
        tx.executeWithoutResult(st -> {
          try {
            writer.write(new Chunk<>(items));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        rows += items.size();
      }
    } finally {
      reader.close();
    }
    System.out.printf("%d %.3f%n", rows, (System.nanoTime() - t0) / 1e9);
  }
}
