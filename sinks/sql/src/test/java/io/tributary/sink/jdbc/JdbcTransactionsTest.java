package io.tributary.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.ChunkTransaction;
import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * A JDBC sink's chunk transaction on a real database (H2 in memory): a bulk loader that takes its connection with
 * {@link DataSourceUtils#getConnection} and the work run through {@link JdbcTransactions#run} land in it together,
 * commit together, and roll back together.
 */
@Tag("unit")
class JdbcTransactionsTest {

  /** Just enough dialect for the transactions: a name, and the lock calls recorded. */
  private static final class TestDialect extends SqlDialect<TextType> {
    final List<String> locked = new ArrayList<>();

    TestDialect() {
      super("H2", column -> new TextType(), (dataType, precision, scale) -> Optional.of(new TextType()));
    }

    @Override
    public void lockSchema(Connection c, String schema) {
      locked.add(schema);
    }
  }

  private record TextType() implements SqlType<TextType> {
    @Override
    public String ddl() {
      return "VARCHAR";
    }

    @Override
    public boolean holds(TextType other) {
      return true;
    }

    @Override
    public Optional<TextType> widenedFor(TextType wanted) {
      return Optional.empty();
    }
  }

  private JdbcDataSource db;
  private TestDialect dialect;
  private JdbcTransactions transactions;

  @BeforeEach
  void database() throws SQLException {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dialect = new TestDialect();
    transactions = new JdbcTransactions(dialect, db, (e, doing) -> new TributaryException(
        TributaryException.Kind.CONFIG, "failed while " + doing + ": " + e.getMessage(), null, e));
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE rows_loaded (id INT)");
      s.execute("CREATE TABLE state (position VARCHAR)");
    }
  }

  /** What a chunk writes: a row through the bulk loader's own connection, and the state row through run(). */
  private void writeChunk(int id) {
    Connection bulk = DataSourceUtils.getConnection(db);
    try (Statement s = bulk.createStatement()) {
      s.execute("INSERT INTO rows_loaded VALUES (" + id + ")");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } finally {
      DataSourceUtils.releaseConnection(bulk, db);
    }
    transactions.run("saving the position", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO state VALUES ('" + id + "')");
      }
      assertThat(c).as("the state row joins the chunk's connection").isSameAs(DataSourceUtils.getConnection(db));
      return null;
    });
  }

  @Test
  void rowsAndStateOfACommittedChunkLandTogether() throws SQLException {
    ChunkTransaction chunk = transactions.beginChunk();
    writeChunk(1);
    assertThat(count("rows_loaded")).as("nothing is visible before the commit").isZero();
    chunk.commit();

    assertThat(count("rows_loaded")).isEqualTo(1);
    assertThat(count("state")).isEqualTo(1);
  }

  @Test
  void aRolledBackChunkLeavesNeitherRowsNorState() throws SQLException {
    ChunkTransaction chunk = transactions.beginChunk();
    writeChunk(1);
    chunk.rollback();
    chunk.rollback();

    assertThat(count("rows_loaded")).isZero();
    assertThat(count("state")).isZero();
  }

  @Test
  void aFailureInTheChunkMarksItForRollbackAndIsClassified() throws SQLException {
    ChunkTransaction chunk = transactions.beginChunk();
    writeChunk(1);
    assertThatThrownBy(() -> transactions.run("saving a bad position", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO no_such_table VALUES (1)");
      }
      return null;
    })).isInstanceOf(TributaryException.class).hasMessageContaining("failed while saving a bad position");
    chunk.rollback();

    assertThat(count("rows_loaded")).isZero();
  }

  @Test
  void ddlRunsInATransactionOfItsOwnAfterTakingTheSchemaLock() throws SQLException {
    ChunkTransaction chunk = transactions.beginChunk();
    writeChunk(1);
    transactions.runDdl("raw", "creating a table", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE made_by_ddl (id INT)");
      }
      return null;
    });
    chunk.rollback();

    assertThat(dialect.locked).containsExactly("raw");
    assertThat(count("made_by_ddl")).as("committed apart from the chunk").isZero();
    assertThat(count("rows_loaded")).isZero();
  }

  private long count(String table) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * A whole-file load may roll its chunk transaction back and start over (DuckDB has no savepoints), so it must be the
   * chunk's first work: the transactions count the work of the chunk open on this thread, and a new chunk starts at 0.
   */
  @Test
  void theWorkOfTheOpenChunkIsCountedSoAWholeFileLoadCanTellItComesFirst() {
    assertThat(transactions.chunkWorkSoFar()).as("outside a chunk").isZero();
    ChunkTransaction chunk = transactions.beginChunk();
    assertThat(transactions.chunkWorkSoFar()).isZero();
    transactions.run("a quarantine insert", c -> null);
    transactions.run("the state row", c -> null);
    assertThat(transactions.chunkWorkSoFar()).isEqualTo(2);
    chunk.commit();
    assertThat(transactions.chunkWorkSoFar()).as("after the commit").isZero();
    ChunkTransaction next = transactions.beginChunk();
    assertThat(transactions.chunkWorkSoFar()).as("a new chunk").isZero();
    transactions.run("work", c -> null);
    next.rollback();
    assertThat(transactions.chunkWorkSoFar()).as("after the rollback").isZero();
  }
}
