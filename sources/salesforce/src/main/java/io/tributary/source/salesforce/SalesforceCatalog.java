package io.tributary.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.Column;
import io.tributary.core.NameSuggester;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Object metadata from {@code describe}, cached for the run: the columns of a stream (relationship paths typed by the
 * parent's describe, compound fields as JSON) and the field list a query selects.
 */
final class SalesforceCatalog {

  private final SalesforceClient client;
  private final Map<String, Map<String, JsonNode>> describes = new ConcurrentHashMap<>();

  SalesforceCatalog(SalesforceClient client) {
    this.client = client;
  }

  /** The fields a stream's queries select, in order: the configured list or every non-compound field. */
  List<String> selectedFields(SalesforceStreamOptions o) {
    Map<String, JsonNode> fields = fields(o.object());
    List<String> out = new ArrayList<>();
    if (o.fields() == null) {
      fields.values().stream().filter(f -> !isCompound(f)).forEach(f -> out.add(f.path("name").asText()));
    } else {
      for (String f : o.fields()) {
        out.add(canonical(o.object(), f));
      }
    }
    addIfMissing(out, fields, SalesforceCursor.ID);
    addIfMissing(out, fields, SalesforceCursor.MODSTAMP);
    if (o.includeDeleted()) {
      addIfMissing(out, fields, "IsDeleted");
    }
    return List.copyOf(out);
  }

  StreamSchema schema(String stream, SalesforceStreamOptions o) {
    List<Column> columns = new ArrayList<>();
    for (String path : selectedFields(o)) {
      columns.add(column(o.object(), path));
    }
    return new StreamSchema(stream, columns, List.of(SalesforceCursor.ID));
  }

  boolean selectsCompound(SalesforceStreamOptions o) {
    return selectedFields(o).stream().anyMatch(p -> !p.contains(".") && isCompound(field(o.object(), p)));
  }

  private Column column(String object, String path) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return SalesforceTypes.column(field(object, path));
    }
    JsonNode ref = relationship(object, path.substring(0, dot));
    String parent = ref.path("referenceTo").path(0).asText();
    return column(parent, path.substring(dot + 1)).withName(path);
  }

  /** The path with the describe's spelling ({@code owner.name} → {@code Owner.Name}); unknown names fail. */
  private String canonical(String object, String path) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return field(object, path).path("name").asText();
    }
    JsonNode ref = relationship(object, path.substring(0, dot));
    String parent = ref.path("referenceTo").path(0).asText();
    return ref.path("relationshipName").asText() + "." + canonical(parent, path.substring(dot + 1));
  }

  private JsonNode field(String object, String name) {
    Map<String, JsonNode> fields = fields(object);
    JsonNode f = fields.get(name.toLowerCase(Locale.ROOT));
    if (f == null) {
      List<String> known = fields.values().stream().map(n -> n.path("name").asText()).toList();
      throw TributaryException.config("Salesforce " + object + " has no field '" + name + "' (INVALID_FIELD per its"
          + " describe)", NameSuggester.didYouMean(name, known) + "fix options.fields; custom fields end in __c, and"
          + " the integration user needs field-level read access. Fields: " + String.join(", ", known));
    }
    return f;
  }

  private JsonNode relationship(String object, String name) {
    for (JsonNode f : fields(object).values()) {
      if (name.equalsIgnoreCase(f.path("relationshipName").asText(null)) && f.path("referenceTo").size() > 0) {
        return f;
      }
    }
    throw TributaryException.config("Salesforce " + object + " has no relationship '" + name + "'",
        "use the relationship name, not the field name (Owner.Name, not OwnerId.Name; custom ones end in __r)");
  }

  private Map<String, JsonNode> fields(String object) {
    return describes.computeIfAbsent(object.toLowerCase(Locale.ROOT), k -> {
      Map<String, JsonNode> m = new LinkedHashMap<>();
      client.describe(object).path("fields").forEach(f -> m.put(f.path("name").asText().toLowerCase(Locale.ROOT), f));
      return m;
    });
  }

  private static void addIfMissing(List<String> out, Map<String, JsonNode> fields, String name) {
    if (out.stream().noneMatch(f -> f.equalsIgnoreCase(name)) && fields.containsKey(name.toLowerCase(Locale.ROOT))) {
      out.add(name);
    }
  }

  private static boolean isCompound(JsonNode f) {
    String t = f.path("type").asText();
    return t.equals("address") || t.equals("location");
  }
}
