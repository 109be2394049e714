package io.tributary.sink.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.Clustering;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.cloud.bigquery.TimePartitioning;
import io.tributary.core.StreamSchema;
import io.tributary.core.SystemColumns;
import io.tributary.core.SystemTables;
import io.tributary.core.TributaryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates the dataset, the bookkeeping tables and a stream's target (with its partitioning and clustering), or
 * evolves an existing target: new fields are appended through a schema update (tables.patch), and INT64/NUMERIC
 * widen with {@code ALTER COLUMN ... SET DATA TYPE}; anything else fails with a fix. Runs at {@code open()}.
 */
record BigQueryTableSetup(BigQuery bigquery, BigQueryJobs jobs, String project, String dataset, String location) {

  void ensureDatasetAndBookkeeping() {
    if (bigquery.getDataset(DatasetId.of(project, dataset)) == null) {
      bigquery.create(DatasetInfo.newBuilder(project, dataset).setLocation(location).build());
    }
    createIfMissing(SystemTables.STATE, Schema.of(required("job", StandardSQLTypeName.STRING),
        required("stream", StandardSQLTypeName.STRING), required("instance_id", StandardSQLTypeName.INT64),
        required("position", StandardSQLTypeName.STRING), required("spool_id", StandardSQLTypeName.STRING),
        Field.of("updated_at", StandardSQLTypeName.TIMESTAMP), Field.of("target_table", StandardSQLTypeName.STRING),
        Field.of("target_rows", StandardSQLTypeName.INT64), Field.of("writer", StandardSQLTypeName.STRING)), null,
        null);
    addMissingStateFields();
    createIfMissing(SystemTables.QUARANTINE, quarantineSchema(), null, null);
  }

  /**
   * A state table of an older release gains the fields added since: the committed rows (rows of old: not counted) and
   * the writer's claim ({@link BigQueryStateClaim}; rows of old: claimed by no writer).
   */
  private void addMissingStateFields() {
    Table existing = bigquery.getTable(TableId.of(project, dataset, SystemTables.STATE));
    FieldList fields = existing.getDefinition().getSchema().getFields();
    List<Field> all = new ArrayList<>(fields);
    for (Field f : List.of(Field.of("target_table", StandardSQLTypeName.STRING),
        Field.of("target_rows", StandardSQLTypeName.INT64), Field.of("writer", StandardSQLTypeName.STRING))) {
      if (fields.stream().noneMatch(have -> have.getName().equals(f.getName()))) {
        all.add(f);
      }
    }
    if (all.size() > fields.size()) {
      bigquery.update(existing.toBuilder().setDefinition(StandardTableDefinition.of(Schema.of(all))).build());
    }
  }

  static Schema quarantineSchema() {
    return Schema.of(required("job", StandardSQLTypeName.STRING), required("run_id", StandardSQLTypeName.INT64),
        required("stream", StandardSQLTypeName.STRING), Field.of("source_key", StandardSQLTypeName.STRING),
        Field.of("raw_record", StandardSQLTypeName.STRING), required("reasons", StandardSQLTypeName.STRING),
        Field.of("quarantined_at", StandardSQLTypeName.TIMESTAMP));
  }

  BigQueryTableLayout ensureTarget(String table, StreamSchema stream, List<String> primaryKey,
      BigQuerySinkConfig.TableOptions options) {
    List<String> names = stream.columnNames();
    List<StandardSQLTypeName> wanted = stream.columns().stream().map(BigQueryType::forColumn).toList();
    Table existing = bigquery.getTable(TableId.of(project, dataset, table));
    if (existing == null) {
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        fields.add(Field.of(names.get(i), wanted.get(i)));
      }
      fields.addAll(metadataFields());
      createIfMissing(table, Schema.of(fields), partitioning(options, names, wanted), clustering(options,
          primaryKey, names, wanted));
      return new BigQueryTableLayout(project, dataset, table, names, wanted, primaryKey);
    }
    Map<String, StandardSQLTypeName> have = new LinkedHashMap<>();
    FieldList current = existing.getDefinition().getSchema().getFields();
    current.forEach(f -> have.put(f.getName(), f.getType().getStandardType()));
    List<Field> added = new ArrayList<>();
    List<StandardSQLTypeName> actual = new ArrayList<>();
    Map<String, StandardSQLTypeName> widen = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      StandardSQLTypeName h = have.get(names.get(i));
      if (h == null) {
        added.add(Field.of(names.get(i), wanted.get(i)));
        actual.add(wanted.get(i));
      } else {
        StandardSQLTypeName t = evolvedType(table, names.get(i), h, wanted.get(i));
        actual.add(t);
        if (t != h) {
          widen.put(names.get(i), t);
        }
      }
    }
    metadataFields().stream().filter(f -> !have.containsKey(f.getName())).forEach(added::add);
    // New fields first, through the schema of the table as it is; then the in-place widenings, as DDL.
    if (!added.isEmpty()) {
      List<Field> all = new ArrayList<>(current);
      all.addAll(added);
      bigquery.update(existing.toBuilder().setDefinition(StandardTableDefinition.of(Schema.of(all))).build());
    }
    widen.forEach((column, type) -> jobs.run(QueryJobConfiguration.newBuilder("ALTER TABLE "
        + BigQueryTableLayout.qualified(project, dataset, table) + " ALTER COLUMN " + BigQueryTableLayout.quote(column)
        + " SET DATA TYPE " + type).build(), "widening " + dataset + "." + table + "." + column));
    return new BigQueryTableLayout(project, dataset, table, names, actual, primaryKey);
  }

  private StandardSQLTypeName evolvedType(String table, String column, StandardSQLTypeName have,
      StandardSQLTypeName want) {
    if (BigQueryType.holds(have, want)) {
      return have;
    }
    return BigQueryType.widenedFor(have, want).orElseThrow(() -> TributaryException.config(
        "table " + dataset + "." + table + " column " + column + " is " + have + " but the stream now delivers "
            + want + ", which BigQuery cannot widen in place",
        "map the field to a new column name, or drop the table and run with --full-refresh"));
  }

  private void createIfMissing(String table, Schema schema, TimePartitioning partitioning, Clustering clustering) {
    TableId id = TableId.of(project, dataset, table);
    if (bigquery.getTable(id) != null) {
      return;
    }
    StandardTableDefinition.Builder def = StandardTableDefinition.newBuilder().setSchema(schema);
    if (partitioning != null) {
      def.setTimePartitioning(partitioning);
    }
    if (clustering != null) {
      def.setClustering(clustering);
    }
    bigquery.create(TableInfo.of(id, def.build()));
  }

  static List<Field> metadataFields() {
    return List.of(Field.of(SystemColumns.EXTRACTED_AT, StandardSQLTypeName.TIMESTAMP),
        Field.of(SystemColumns.RUN_ID, StandardSQLTypeName.INT64),
        Field.of(SystemColumns.DELETED, StandardSQLTypeName.BOOL));
  }

  private TimePartitioning partitioning(BigQuerySinkConfig.TableOptions options, List<String> names,
      List<StandardSQLTypeName> types) {
    if (options.partitionBy() == null) {
      return null;
    }
    int i = names.indexOf(options.partitionBy());
    if (i < 0 || (types.get(i) != StandardSQLTypeName.DATE && types.get(i) != StandardSQLTypeName.TIMESTAMP)) {
      throw TributaryException.config("sink.tables partition_by '" + options.partitionBy()
          + "' is not a DATE or TIMESTAMP column of the stream " + names, "name a date or timestamp output column");
    }
    String granularity = options.partitionGranularity() == null ? "DAY"
        : options.partitionGranularity().toUpperCase(Locale.ROOT);
    return TimePartitioning.newBuilder(TimePartitioning.Type.valueOf(granularity)).setField(options.partitionBy())
        .build();
  }

  private static Clustering clustering(BigQuerySinkConfig.TableOptions options, List<String> primaryKey,
      List<String> names, List<StandardSQLTypeName> types) {
    List<String> wanted = options.clusterBy() != null ? options.clusterBy() : primaryKey.stream()
        .filter(k -> BigQueryType.clusterable(types.get(names.indexOf(k)))).limit(4).toList();
    for (String c : wanted) {
      if (!names.contains(c)) {
        throw TributaryException.config("sink.tables cluster_by column '" + c + "' is not an output column " + names,
            "name up to four output columns");
      }
    }
    return wanted.isEmpty() ? null : Clustering.newBuilder().setFields(wanted).build();
  }

  private static Field required(String name, StandardSQLTypeName type) {
    return Field.newBuilder(name, type).setMode(Field.Mode.REQUIRED).build();
  }
}
