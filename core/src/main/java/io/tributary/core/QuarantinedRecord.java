package io.tributary.core;

import java.util.List;

/**
 * A record that failed mapping or validation, bound for the {@link SystemTables#QUARANTINE} table.
 *
 * @param sourceKey the record's primary key as text ({@code a|b} for composite keys), or null if it had none
 * @param rawJson the record as read from the source, as JSON
 * @param reasons one line per failed rule, naming the field and the rule
 */
public record QuarantinedRecord(String sourceKey, String rawJson, List<String> reasons) {

  public QuarantinedRecord {
    reasons = List.copyOf(reasons);
  }
}
