package io.tributary.sandbox.netsuite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated SuiteQL table: its columns, its unique numeric key (which grows with the dataset index: key =
 * index + 1) and its last-modified datetime column.
 */
record SuiteQlTable(String name, String key, String modified, Map<String, Kind> columns) {

  /** Column kinds, as they render in SuiteQL results (every value is a JSON string there). */
  enum Kind { INT, TEXT, DECIMAL, BOOL, DATE, DATETIME }

  static SuiteQlTable of(String name, String key, String modified, List<Object> nameKindPairs) {
    Map<String, Kind> cols = new LinkedHashMap<>();
    for (int i = 0; i < nameKindPairs.size(); i += 2) {
      cols.put((String) nameKindPairs.get(i), (Kind) nameKindPairs.get(i + 1));
    }
    return new SuiteQlTable(name, key, modified, cols);
  }

  Kind kind(String column) {
    return columns.get(column);
  }
}
