package io.tributary.sink.staged;

import io.tributary.core.ChunkOutcome;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.SystemColumns;
import io.tributary.core.SystemTables;
import io.tributary.core.WriteMode;
import io.tributary.sink.RefusedRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads one stream into a warehouse where each statement is atomic but no transaction spans several of them over COPY
 * and DDL (Databricks: a Delta table commits each statement alone, and interactive transactions accept only SELECT,
 * INSERT, MERGE, UPDATE and DELETE). Every step is therefore one atomic statement or idempotent on replay:
 * <ul>
 *   <li>A chunk is one COPY INTO the staging table of two files: the data rows, and the control rows (the chunk's
 *       quarantined records and its marker: job instance, position, data file). The marker commits with the rows or
 *       neither does, so the staging table itself is the chunk's state. A COPY replayed after its reply was lost
 *       loads nothing: the warehouse skips files it already loaded, and the file names carry the run and the load
 *       ordinal.</li>
 *   <li>{@link #finish()} runs, each alone: the quarantine INSERT of the staged records of runs the quarantine does
 *       not hold yet; the target's MERGE (idempotent: replayed, it matches every row it inserted), INSERT OVERWRITE
 *       (idempotent) or, for rows appended without a key, COPY INTO the target from the data files (skipped when
 *       loaded); the state row's MERGE (published, position); DELETE of the staging table; removal of the files.</li>
 * </ul>
 * A failure between any two statements leaves a state a restart completes: staged chunks stay until the state row
 * says they are published, and the publish replayed adds nothing twice.
 *
 * <p>Two runs at once ({@link io.tributary.sink.StateRowFence}): a writer with a claim stamps every row it stages with
 * it and reads only rows that carry it (markers, quarantined records, the data-rows view); at open it adopted the rows
 * of the writer it took the claim from. A stale writer checks its claim before each chunk and before its publish, and
 * fails; a chunk that races the check commits rows nobody reads. The fenced state MERGE refuses a publish taken over
 * after its check, before the staging table is emptied. Used by the step thread only.
 */
public final class AtomicStagedWriter extends StagedTableWriterBase {

  /** The most files one COPY INTO names (Databricks docs, "COPY INTO", FILES). */
  static final int MAX_FILES_PER_COPY = 1000;

  private final String control;
  private final String writerColumn;

  /**
   * @param dataRows a view of this writer's data rows in the staging table, qualified
   * @param control the staging table's control column, quoted
   * @param writerColumn the staging table's column naming each row's writer ({@link StagedSink#stagedWriterColumn}),
   *     as stored; read and written only when the writer has a claim ({@link StagedTable#writer})
   */
  public AtomicStagedWriter(StagedTable table, StagedChunkFile encoder, String dataRows, String control,
      String writerColumn) {
    super(table, encoder, new StagedPublish(table.layout(), dataRows, table.staging()));
    this.control = control;
    this.writerColumn = writerColumn;
  }

  /** The position of this instance's last staged chunk, else of its last publish. */
  @Override
  public Optional<Cursor> committedPosition() {
    return transactions.runAutocommit("reading the state of stream " + spec.stream(), c -> {
      List<StagedControl.Marker> markers = markers(c);
      if (!markers.isEmpty()) {
        return Optional.of(markers.get(markers.size() - 1).position());
      }
      return readState(c).map(StagedStateTable.Entry::position);
    });
  }

  @Override
  public void write(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    load(rows, quarantined, position);
  }

  @Override
  public ChunkOutcome load(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    return transactions.runAutocommit("loading " + rows.size() + " rows of " + spec.stream() + " into "
        + table.staging(), c -> {
          long firstSeq = nextSeq;
          String base = "run" + spec.run().runId() + "-" + String.format("%012d", firstSeq);
          Path data = spoolFile(base + ".csv.gz");
          Path controlFile = spoolFile(base + "-control.csv.gz");
          try {
            StagedChunkFile.Written written = encoder.write(data, rows, firstSeq);
            List<QuarantinedRecord> bad = RefusedRow.quarantine(quarantined, written.rejected(), rows,
                spec.schema());
            List<String> controls = new ArrayList<>();
            bad.forEach(r -> controls.add(StagedControl.quarantine(r)));
            String dataFile = written.rows() > 0 ? data.getFileName().toString() : null;
            controls.add(StagedControl.marker(new StagedControl.Marker(spec.run().instanceId(), position, dataFile,
                layout.columns())));
            encoder.writeControl(controlFile, controls, firstSeq + rows.size());
            if (table.writer() != null) {
              // a COPY cannot roll back: a writer taken over stages nothing more (one racing this check is never read)
              state.requireClaim(c, spec.run().job(), spec.stream(), table.writer());
            }
            List<String> files = new ArrayList<>();
            if (dataFile != null) {
              execute(c, stage.put(data));
              files.add(dataFile);
            }
            execute(c, stage.put(controlFile));
            files.add(controlFile.getFileName().toString());
            execute(c, table.writer() == null ? stage.copy(table.staging(), stagingColumns(), stagingTypes(), files)
                : stage.copy(table.staging(), stagingColumns(), stagingTypes(), files, writerColumn, table.writer()));
            // only now: a COPY whose reply was lost is replayed under the same file names, and skipped
            nextSeq = firstSeq + rows.size() + controls.size();
            return new ChunkOutcome(rows.size() - written.rejected().size(), bad.size());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write chunk files " + base, e);
          } finally {
            deleteQuietly(data);
            deleteQuietly(controlFile);
          }
        });
  }

  @Override
  public void verifyCommittedRows() {
    transactions.runAutocommit("checking the rows of " + layout.qualified(), c -> {
      verifyCommittedRows(c, readState(c));
      return null;
    });
  }

  @Override
  public void finish() {
    boolean published = transactions.runAutocommit("publishing " + spec.stream() + " into " + layout.qualified(),
        c -> {
          if (table.writer() != null) {
            // no statement of a publish rolls back: a writer taken over must not start one
            state.requireClaim(c, spec.run().job(), spec.stream(), table.writer());
          }
          Optional<StagedStateTable.Entry> entry = readState(c);
          List<StagedControl.Marker> markers = markers(c);
          boolean publishedBefore = entry.map(StagedStateTable.Entry::publishedBefore).orElse(false);
          boolean replacing = spec.mode() == WriteMode.REPLACE && !publishedBefore;
          if (markers.isEmpty() && !replacing) {
            return false;
          }
          execute(c, quarantineStaged());
          long inserted = 0;
          for (String sql : targetStatements(replacing, markers)) {
            inserted += publishStatement.run(c, sql);
          }
          Cursor position = markers.isEmpty() ? entry.map(StagedStateTable.Entry::position).orElse(Cursor.START)
              : markers.get(markers.size() - 1).position();
          state.savePublished(c, spec.run().job(), spec.stream(), spec.run().instanceId(), position,
              layout.table(), inserted, replacing, table.writer());
          execute(c, publish.clearStaging());
          return true;
        });
    if (published) {
      try {
        transactions.runAutocommit("removing staged files of " + spec.stream(), c -> execute(c, stage.removeAll()));
      } catch (RuntimeException e) {
        LOG.warn("could not remove staged files of stream {} ({}); they are removed when the next job instance"
            + " opens the stream", spec.stream(), e.getMessage());
      }
    }
  }

  /**
   * merge → one MERGE; replace, first publish of the instance → one INSERT OVERWRITE; appended rows (append, or a
   * later publish of an unkeyed replace) → COPY INTO the target from the data files, one statement per column list
   * and thousand files.
   */
  List<String> targetStatements(boolean replacing, List<StagedControl.Marker> markers) {
    boolean keyed = publish.keyed();
    if (spec.mode() == WriteMode.MERGE || (spec.mode() == WriteMode.REPLACE && !replacing && keyed)) {
      return List.of(publish.merge());
    }
    if (replacing) {
      return List.of(publish.insertOverwrite(keyed));
    }
    return copyIntoTarget(markers);
  }

  private List<String> copyIntoTarget(List<StagedControl.Marker> markers) {
    List<String> sql = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<String> columns = null;
    for (StagedControl.Marker m : markers) {
      if (m.file() == null) {
        continue;
      }
      if (columns != null && (!columns.equals(m.columns()) || files.size() == MAX_FILES_PER_COPY)) {
        sql.add(copyFiles(columns, files));
        files = new ArrayList<>();
      }
      columns = m.columns();
      files.add(m.file());
    }
    if (!files.isEmpty()) {
      sql.add(copyFiles(columns, files));
    }
    return sql;
  }

  /** The data files' columns are the stream's as they were staged, then the metadata; typed as the target has them. */
  private String copyFiles(List<String> fileColumns, List<String> files) {
    List<String> columns = new ArrayList<>(fileColumns);
    columns.addAll(SystemColumns.METADATA);
    List<String> types = new ArrayList<>();
    for (String column : columns) {
      int i = layout.columns().indexOf(column);
      types.add(i >= 0 ? layout.types().get(i).ddl() : metadataType(column));
    }
    return stage.copy(layout.qualified(), columns, types, files);
  }

  private String metadataType(String column) {
    return switch (column) {
      case SystemColumns.EXTRACTED_AT -> layout.dialect().ddl(io.tributary.core.ColumnType.TIMESTAMP);
      case SystemColumns.RUN_ID -> layout.dialect().ddl(io.tributary.core.ColumnType.INTEGER);
      default -> layout.dialect().ddl(io.tributary.core.ColumnType.BOOLEAN);
    };
  }

  /**
   * The staged quarantined records of runs whose records the quarantine does not hold yet: every record of a run is
   * staged before its publish and inserted by one statement, so a replay finds its run there and adds nothing.
   */
  private String quarantineStaged() {
    String q = SystemTables.QUARANTINE;
    String quarantineTable = layout.dialect().qualified(layout.schema(), q);
    String runId = "s." + quote(SystemColumns.RUN_ID);
    return "INSERT INTO " + quarantineTable + " (" + quote("job") + ", " + quote("run_id") + ", " + quote("stream")
        + ", " + quote("source_key") + ", " + quote("raw_record") + ", " + quote("reasons") + ") SELECT "
        + literal(spec.run().job()) + ", " + runId + ", " + literal(spec.stream()) + ", " + field("source_key")
        + ", " + field("raw_record") + ", " + field("reasons") + " FROM " + table.staging() + " AS s WHERE "
        + StagedControl.isQuarantine("s." + control) + ownRows("s.") + " AND " + runId + " NOT IN (SELECT "
        + quote("run_id") + " FROM " + quarantineTable + " WHERE " + quote("job") + " = " + literal(spec.run().job())
        + " AND " + quote("stream") + " = " + literal(spec.stream()) + ")";
  }

  private String field(String name) {
    return "get_json_object(s." + control + ", '$." + StagedControl.QUARANTINE + "." + name + "')";
  }

  /** The condition on a staged row that this writer staged or adopted it; empty for a writer without a claim. */
  private String ownRows(String alias) {
    return table.writer() == null ? "" : " AND " + alias + quote(writerColumn) + " = " + literal(table.writer());
  }

  /** This instance's markers in load order, of this writer's rows. */
  private List<StagedControl.Marker> markers(Connection c) throws SQLException {
    List<StagedControl.Marker> markers = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + control + " FROM " + table.staging() + " WHERE "
        + StagedControl.isMarker(control) + (table.writer() == null ? "" : " AND " + quote(writerColumn) + " = ?")
        + " ORDER BY " + quote(SystemColumns.SEQ))) {
      if (table.writer() != null) {
        ps.setString(1, table.writer());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          StagedControl.Marker m = StagedControl.readMarker(rs.getString(1));
          if (m.instanceId() == spec.run().instanceId()) {
            markers.add(m);
          }
        }
      }
    }
    return markers;
  }

  private List<String> stagingColumns() {
    List<String> columns = new ArrayList<>(layout.allColumns());
    columns.add(SystemColumns.SEQ);
    columns.add(SystemColumns.PREFIX + "control");
    return columns;
  }

  private List<String> stagingTypes() {
    List<String> types = new ArrayList<>();
    layout.types().forEach(t -> types.add(t.staged().ddl()));
    for (String meta : SystemColumns.METADATA) {
      types.add(metadataType(meta));
    }
    types.add(layout.dialect().ddl(io.tributary.core.ColumnType.INTEGER));
    types.add(layout.dialect().ddl(io.tributary.core.ColumnType.STRING));
    return types;
  }

  private String quote(String name) {
    return layout.dialect().quote(name);
  }

  private static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
