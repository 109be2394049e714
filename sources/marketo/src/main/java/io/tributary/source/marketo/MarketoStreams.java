package io.tributary.source.marketo;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.NameSuggester;
import io.tributary.core.TributaryException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The two bulk extracts a Marketo job reads: {@code leads} and {@code activities}. */
enum MarketoStreams {

  /** Bulk Lead Extract, filtered by createdAt or updatedAt; key {@code id}. */
  LEADS("leads", "id", List.of("id", "email", "firstName", "lastName", "company", "createdAt", "updatedAt")),
  /** Bulk Activity Extract, filtered by createdAt (activities never change); key {@code marketoGUID}. */
  ACTIVITIES("activities", "marketoGUID", List.of("marketoGUID", "leadId", "activityDate", "activityTypeId",
      "campaignId", "primaryAttributeValueId", "primaryAttributeValue", "attributes"));

  /** Columns whose type is not text (lead fields not named here are text; see docs/sources/marketo.md). */
  private static final Map<String, ColumnType> TYPES = Map.of(
      "id", ColumnType.INTEGER, "leadId", ColumnType.INTEGER, "activityTypeId", ColumnType.INTEGER,
      "campaignId", ColumnType.INTEGER, "primaryAttributeValueId", ColumnType.INTEGER,
      "createdAt", ColumnType.TIMESTAMP, "updatedAt", ColumnType.TIMESTAMP, "activityDate", ColumnType.TIMESTAMP,
      "attributes", ColumnType.JSON);

  private final String path;
  private final String key;
  private final List<String> defaultFields;

  MarketoStreams(String path, String key, List<String> defaultFields) {
    this.path = path;
    this.key = key;
    this.defaultFields = defaultFields;
  }

  static MarketoStreams of(String stream) {
    return Arrays.stream(values()).filter(s -> s.path.equals(stream)).findFirst().orElseThrow(() ->
        TributaryException.config("Marketo has no bulk stream '" + stream + "'",
            NameSuggester.didYouMean(stream, names()) + "the Marketo source reads " + names()));
  }

  static List<String> names() {
    return Arrays.stream(values()).map(s -> s.path).toList();
  }

  /** The URL segment: {@code leads} or {@code activities}. */
  String path() {
    return path;
  }

  String key() {
    return key;
  }

  List<String> defaultFields() {
    return defaultFields;
  }

  static Column column(String field, String key) {
    Column c = Column.of(field, TYPES.getOrDefault(field, ColumnType.STRING));
    return field.equals(key) ? c.notNull() : c;
  }
}
