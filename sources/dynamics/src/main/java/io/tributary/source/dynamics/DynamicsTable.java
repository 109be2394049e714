package io.tributary.source.dynamics;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A table's definition from {@code EntityDefinitions(LogicalName='x')} and its {@code /Attributes} ("Query table
 * definitions using the Web API", learn.microsoft.com): entity set name, primary id attribute and the readable
 * attributes, mapped to warehouse columns by {@code AttributeType}.
 *
 * @param logicalName e.g. {@code account}
 * @param entitySet e.g. {@code accounts}, the collection the Web API reads
 * @param primaryId e.g. {@code accountid}; deleted rows arrive as its value under {@code id}
 * @param columns the readable attributes as columns, with Web API property names ({@code _x_value} for lookups)
 */
record DynamicsTable(String logicalName, String entitySet, String primaryId, List<Column> columns) {

  /** Types with no column value (computed, multi-party, binary or system bookkeeping). */
  private static final Set<String> SKIPPED = Set.of("Virtual", "PartyList", "ManagedProperty", "CalendarRules");
  private static final Set<String> LOOKUPS = Set.of("Lookup", "Customer", "Owner");

  static DynamicsTable parse(JsonNode definition, JsonNode attributes, boolean keepFormatted) {
    List<Column> cols = new ArrayList<>();
    for (JsonNode a : attributes.path("value")) {
      String type = a.path("AttributeType").asText("");
      boolean readable = !a.has("IsValidForRead") || a.path("IsValidForRead").asBoolean(true);
      if (!readable || SKIPPED.contains(type) || !a.path("AttributeOf").isMissingNode() && !a.path("AttributeOf")
          .isNull()) {
        continue;
      }
      String name = a.path("LogicalName").asText();
      String property = LOOKUPS.contains(type) ? "_" + name + "_value" : name;
      Column c = column(property, type);
      if (c == null) {
        continue;
      }
      cols.add(c);
      if (keepFormatted && c.type() != ColumnType.STRING) {
        cols.add(Column.of(property + "_formatted", ColumnType.STRING));
      }
    }
    return new DynamicsTable(definition.path("LogicalName").asText(), definition.path("EntitySetName").asText(),
        definition.path("PrimaryIdAttribute").asText(), cols);
  }

  /** AttributeTypeCode → column; lookups and option sets keep their raw value (GUID, integer code). */
  private static Column column(String name, String type) {
    return switch (type) {
      case "BigInt", "Integer", "Picklist", "State", "Status" -> Column.of(name, ColumnType.INTEGER);
      case "Boolean" -> Column.of(name, ColumnType.BOOLEAN);
      case "DateTime" -> Column.of(name, ColumnType.TIMESTAMP);
      case "Money" -> Column.decimal(name, 38, 4);
      case "Decimal" -> Column.decimal(name, 38, 10);
      case "Double" -> Column.of(name, ColumnType.DOUBLE);
      case "String", "Memo", "EntityName", "Uniqueidentifier", "Lookup", "Customer", "Owner" ->
          Column.of(name, ColumnType.STRING);
      default -> null;
    };
  }

  List<String> columnNames() {
    return columns.stream().map(Column::name).filter(n -> !n.endsWith("_formatted")).toList();
  }
}
