package io.tributary.source.sap;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;

/**
 * One property of an entity type as {@code $metadata} declares it.
 *
 * @param name property name
 * @param edmType the EDM type, for example {@code Edm.Decimal}
 * @param nullable whether {@code Nullable="false"} was absent
 * @param precision {@code Precision}, 0 when absent
 * @param scale {@code Scale}, 0 when absent
 * @param maxLength {@code MaxLength}, 0 when absent
 * @param displayFormat SAP's {@code sap:display-format} annotation ({@code Date} marks a date-only Edm.DateTime)
 */
record SapProperty(String name, String edmType, boolean nullable, int precision, int scale, int maxLength,
    String displayFormat) {

  /** The neutral column type: Edm.DateTime with {@code sap:display-format="Date"} is a calendar date. */
  ColumnType columnType() {
    return switch (edmType) {
      case "Edm.Decimal" -> ColumnType.DECIMAL;
      case "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Byte", "Edm.SByte" -> ColumnType.INTEGER;
      case "Edm.Double", "Edm.Single" -> ColumnType.DOUBLE;
      case "Edm.Boolean" -> ColumnType.BOOLEAN;
      case "Edm.Date" -> ColumnType.DATE;
      case "Edm.DateTime" -> isDateOnly() ? ColumnType.DATE : ColumnType.TIMESTAMP;
      case "Edm.DateTimeOffset" -> ColumnType.TIMESTAMP;
      default -> ColumnType.STRING;
    };
  }

  boolean isDateOnly() {
    return "Edm.Date".equals(edmType) || "date".equalsIgnoreCase(displayFormat);
  }

  boolean isTimestamp() {
    return edmType.equals("Edm.DateTime") || edmType.equals("Edm.DateTimeOffset");
  }

  Column column() {
    ColumnType type = columnType();
    int p = type == ColumnType.DECIMAL ? precision : type == ColumnType.STRING ? maxLength : 0;
    int s = type == ColumnType.DECIMAL ? scale : 0;
    return new Column(name, type, p, s, nullable);
  }
}
