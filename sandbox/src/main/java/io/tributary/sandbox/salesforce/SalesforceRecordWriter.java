package io.tributary.sandbox.salesforce;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tributary.sandbox.RowState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes selected fields of a row as a REST query record (JSON with {@code attributes}, relationship fields as
 * nested objects with their own {@code attributes}) or as a Bulk API CSV row.
 *
 * <p>A corrupted record carries an invalid value in its first selected number, date or boolean field ("12,5x",
 * "2024-02-30x", "maybe"): the shape of a vendor value a strict reader must quarantine.
 */
final class SalesforceRecordWriter {

  private final SalesforceRecords records;

  SalesforceRecordWriter(SalesforceRecords records) {
    this.records = records;
  }

  /** The selected path whose value a corrupted record replaces, or null when the query selects none. */
  static String corruptiblePath(SoqlQuery q) {
    for (String path : q.fields()) {
      SalesforceField f = path.contains(".") ? null : q.object().field(path);
      if (f != null && !f.name().equals("SystemModstamp") && switch (f.type()) {
        case "currency", "percent", "double", "int", "date", "datetime", "boolean" -> true;
        default -> false;
      }) {
        return path;
      }
    }
    return null;
  }

  void writeJson(JsonGenerator g, SoqlQuery q, RowState row, String version, boolean corrupt) throws IOException {
    SalesforceObject type = q.object();
    Map<String, Object> rec = records.record(row);
    String bad = corrupt ? corruptiblePath(q) : null;
    g.writeStartObject();
    attributes(g, type, (String) rec.get("Id"), version);
    Set<String> relationshipsDone = new LinkedHashSet<>();
    for (String path : q.fields()) {
      int dot = path.indexOf('.');
      if (dot < 0) {
        g.writeFieldName(path);
        if (path.equals(bad)) {
          g.writeString(invalidValue(type.field(path)));
        } else {
          SalesforceJson.write(g, rec.get(path));
        }
        continue;
      }
      String rel = path.substring(0, dot);
      if (relationshipsDone.add(rel)) {
        writeRelationship(g, q, rec, type.relationship(rel), version);
      }
    }
    g.writeEndObject();
  }

  List<String> csvRow(SoqlQuery q, RowState row, boolean corrupt) {
    Map<String, Object> rec = records.record(row);
    String bad = corrupt ? corruptiblePath(q) : null;
    List<String> out = new ArrayList<>(q.fields().size());
    for (String path : q.fields()) {
      out.add(path.equals(bad) ? invalidValue(q.object().field(path))
          : SalesforceJson.csv(records.value(rec, q.object(), path)));
    }
    return out;
  }

  private void writeRelationship(
      JsonGenerator g, SoqlQuery q, Map<String, Object> rec, SalesforceField ref, String version) throws IOException {
    g.writeFieldName(ref.relationshipName());
    Map<String, Object> parent = records.parent(rec, ref);
    if (parent == null) {
      g.writeNull();
      return;
    }
    SalesforceObject parentType = SalesforceSchema.object(ref.referenceTo());
    g.writeStartObject();
    attributes(g, parentType, (String) parent.get("Id"), version);
    String prefix = ref.relationshipName() + ".";
    for (String path : q.fields()) {
      if (path.startsWith(prefix)) {
        String field = path.substring(prefix.length());
        g.writeFieldName(field);
        SalesforceJson.write(g, parent.get(field));
      }
    }
    g.writeEndObject();
  }

  private static void attributes(JsonGenerator g, SalesforceObject type, String id, String version)
      throws IOException {
    g.writeObjectFieldStart("attributes");
    g.writeStringField("type", type.name());
    g.writeStringField("url", "/services/data/v" + version + "/sobjects/" + type.name() + "/" + id);
    g.writeEndObject();
  }

  private static String invalidValue(SalesforceField f) {
    return switch (f.type()) {
      case "date", "datetime" -> "2024-02-30x";
      case "boolean" -> "maybe";
      default -> "12,5x";
    };
  }
}
