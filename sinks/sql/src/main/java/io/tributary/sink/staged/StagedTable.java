package io.tributary.sink.staged;

import io.tributary.core.TableSpec;
import io.tributary.sink.jdbc.CommittedRowsCheck;
import io.tributary.sink.jdbc.JdbcTransactions;
import io.tributary.sink.jdbc.QuarantineTable;
import io.tributary.sink.jdbc.TableLayout;
import java.nio.file.Path;

/**
 * One stream's tables and files as {@link StagedSink#open} prepared them, handed to the writer.
 *
 * @param staging the staging table, qualified
 * @param spoolDir the local folder chunk files are written to before the upload
 * @param nextSeq the load ordinal of the next staged row
 * @param writer the writer's claim on the state row ({@link io.tributary.sink.StateRowFence}), or null when the
 *     warehouse's writer has none
 */
public record StagedTable(JdbcTransactions transactions, StagedStateTable state, QuarantineTable quarantine,
    TableSpec spec, TableLayout<StagedType> layout, String staging, StageLocation stage, Path spoolDir, long nextSeq,
    CommittedRowsCheck committedRows, PublishStatement publishStatement, String writer) {}
