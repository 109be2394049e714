package io.tributary.core;

import java.util.List;
import java.util.Optional;

/**
 * The shape of one stream: its columns in order and its primary key. Sources return it from discovery; the engine
 * derives the output schema from it through the job's field mapping and hands that to the sink.
 */
public record StreamSchema(String name, List<Column> columns, List<String> primaryKey) {

  public StreamSchema {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
