package io.tributary.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.FieldSpec;
import io.tributary.config.FieldType;
import io.tributary.config.PiiTransform;
import io.tributary.core.NameSuggester;
import io.tributary.config.StreamConfig;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.FieldNames;
import io.tributary.core.IndexedFields;
import io.tributary.core.Identifiers;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Maps and validates the records of one stream: flattens nested fields, picks and renames the configured fields,
 * coerces them exactly into the output types, and applies the rules. A record that fails anything becomes a
 * {@link QuarantinedRecord} with one reason per failure. Compiled once per step; used by the step thread only.
 */
public final class RecordMapper {

  private final String stream;
  private final List<OutputField> fields;
  private final int[] keyIndexes;
  private final StreamConfig.DeletedWhen deletedWhen;
  private final StreamSchema output;
  private final Map<String, String> keyAliases = new HashMap<>();
  private final QuarantineRedaction redaction;
  private Slots slots;

  /** Where each output field (and a source's {@code _error} field) sits in records of one {@link FieldNames}. */
  private record Slots(FieldNames names, int[] fieldSlots, int errorSlot) {}

  private RecordMapper(String stream, List<OutputField> fields, int[] keyIndexes,
      StreamConfig.DeletedWhen deletedWhen, StreamSchema output, ObjectMapper json, List<OutputField> scrubbed) {
    this.redaction = new QuarantineRedaction(stream, scrubbed, json);
    this.stream = stream;
    this.fields = fields;
    this.keyIndexes = keyIndexes;
    this.deletedWhen = deletedWhen;
    this.output = output;
  }

  /**
   * Compiles the stream's field list against the discovered schema. Fails with a CONFIG error naming the field when
   * a configured source field does not exist.
   */
  public static RecordMapper compile(StreamConfig config, StreamSchema discovered, ObjectMapper json) {
    return compile(config, discovered, json, null);
  }

  /**
   * As {@link #compile(StreamConfig, StreamSchema, ObjectMapper)}, with the resolved {@code pii_key} for fields with
   * {@code pii: hash}.
   */
  public static RecordMapper compile(StreamConfig config, StreamSchema discovered, ObjectMapper json, byte[] piiKey) {
    List<OutputField> fields = new ArrayList<>();
    List<OutputField> scrubbed = new ArrayList<>();
    if (config.fields() == null || config.includeUnmappedOrDefault()) {
      for (Column c : discovered.columns()) {
        boolean listed = config.fields() != null && config.fields().stream()
            .anyMatch(f -> f.fromOrName().equalsIgnoreCase(c.name()));
        if (!listed) {
          String name = Identifiers.columnName(c.name());
          fields.add(new OutputField(new Column(name, c.type(), c.precision(), c.scale(), true), c.name(),
              new ValueCoercer(c.type(), c.precision(), c.scale(), null, ZoneOffset.UTC, json),
              false, null, FieldRules.NONE, null, null));
        }
      }
    }
    if (config.fields() != null) {
      for (int i = 0; i < config.fields().size(); i++) {
        OutputField f = compileField(config, i, discovered, json, piiKey);
        if (f.pii() != null) {
          scrubbed.add(f);
        }
        if (f.pii() != PiiTransform.DROP) {
          fields.add(f);
        }
      }
    }
    List<String> keyColumns = new ArrayList<>();
    int[] keyIndexes = new int[config.primaryKeyOrEmpty().size()];
    for (int k = 0; k < keyIndexes.length; k++) {
      String key = config.primaryKeyOrEmpty().get(k);
      int idx = indexOfKey(fields, key);
      if (idx < 0) {
        throw TributaryException.config(
            "stream '" + config.name() + "': primary_key field '" + key + "' is not among the stream's fields",
            "list it under fields:, or fix primary_key");
      }
      keyIndexes[k] = idx;
      keyColumns.add(fields.get(idx).column().name());
    }
    List<Column> columns = fields.stream().map(OutputField::column).toList();
    StreamSchema output = new StreamSchema(config.name(), columns, keyColumns);
    return new RecordMapper(config.name(), fields, keyIndexes, config.deletedWhen(), output, json, scrubbed);
  }

  private static int indexOfKey(List<OutputField> fields, String key) {
    for (int i = 0; i < fields.size(); i++) {
      OutputField f = fields.get(i);
      if (f.from().equalsIgnoreCase(key) || f.column().name().equalsIgnoreCase(key)) {
        return i;
      }
    }
    return -1;
  }

  private static OutputField compileField(StreamConfig config, int i, StreamSchema discovered, ObjectMapper json,
      byte[] piiKey) {
    FieldSpec f = config.fields().get(i);
    String from = f.fromOrName();
    Column source = discovered.column(from)
        .or(() -> discovered.columns().stream()
            .filter(c -> Identifiers.columnName(c.name()).equalsIgnoreCase(Identifiers.columnName(from)))
            .findFirst())
        .orElse(null);
    if (source == null && !discovered.columns().isEmpty()) {
      List<String> known = discovered.columnNames();
      throw TributaryException.config(
          "stream '" + config.name() + "' field '" + f.name() + "': the source has no field '" + from + "'",
          NameSuggester.didYouMean(from, known) + "fields the source reports: " + String.join(", ", known));
    }
    FieldType type = f.type() != null
        ? FieldType.parse(f.type())
        : source != null ? new FieldType(source.type(), source.precision(), source.scale())
        : new FieldType(ColumnType.STRING, 0, 0);
    ZoneId zone = f.timezone() == null ? ZoneOffset.UTC : zone(config, f);
    boolean required = Boolean.TRUE.equals(f.required()) || config.primaryKeyOrEmpty().contains(from)
        || config.primaryKeyOrEmpty().contains(f.name());
    // JobConfigLoader has checked the word, and that a job with 'pii: hash' has a pii_key.
    PiiTransform pii = f.pii() == null ? null : PiiTransform.parse(f.pii());
    // A masked or hashed value is text whatever it was.
    Column column = pii == null
        ? new Column(f.name(), type.type(), type.precision(), type.scale(), !required)
        : new Column(f.name(), io.tributary.core.ColumnType.STRING, 0, 0, !required);
    ValueCoercer coercer;
    try {
      coercer = new ValueCoercer(type.type(), type.precision(), type.scale(), f.format(), zone, json);
    } catch (IllegalArgumentException e) {
      throw TributaryException.config("stream '" + config.name() + "' field '" + f.name() + "': format '"
          + f.format() + "' is not a date/time pattern: " + e.getMessage(),
          "use java.time pattern letters such as dd/MM/yyyy or yyyy-MM-dd HH:mm:ss, or epoch_ms / epoch_s");
    }
    FieldRules rules = new FieldRules(required, f.regex() == null ? null : Pattern.compile(f.regex()), f.min(),
        f.max(), f.allowed() == null ? null : new LinkedHashSet<>(f.allowed()), f.maxLength());
    return new OutputField(column, from, coercer, Boolean.TRUE.equals(f.trim()), f.letterCase(), rules, pii, piiKey);
  }

  private static ZoneId zone(StreamConfig config, FieldSpec f) {
    try {
      return ZoneId.of(f.timezone());
    } catch (java.time.DateTimeException e) {
      throw TributaryException.config("stream '" + config.name() + "' field '" + f.name() + "': timezone '"
          + f.timezone() + "' is not a time zone", NameSuggester.didYouMean(f.timezone(), ZoneId.getAvailableZoneIds())
          + "use a region id such as Europe/Berlin or an offset such as +02:00");
    }
  }

  /**
   * The target columns with the header slot each one reads, when every field of the stream only renames and casts
   * (and no {@code deleted_when} rule marks records): then a warehouse may convert the file's text itself, leaving
   * to {@link #oddRecords} what it cannot convert exactly as this mapping would. Empty otherwise.
   */
  public Optional<List<TableWriter.CsvColumn>> csvColumns(List<String> header) {
    if (deletedWhen != null) {
      return Optional.empty();
    }
    FieldNames names = new FieldNames(header);
    List<TableWriter.CsvColumn> columns = new ArrayList<>(fields.size());
    for (OutputField f : fields) {
      if (!f.castOnly()) {
        return Optional.empty();
      }
      columns.add(new TableWriter.CsvColumn(slotOf(names, f.from()), f.column()));
    }
    return Optional.of(columns);
  }

  /**
   * The source field each output column is read from, when the mapping changes no value: every field only renames
   * (no shaping, rule, PII transform, pattern or zone), keeps the type the source reports for it, and no
   * {@code deleted_when} marks records. Then a record the source encodes in the sink's own format
   * ({@link SourceRecord#encoded}) loads exactly as its mapped values would. Empty otherwise.
   */
  public Optional<List<String>> passThroughFields(StreamSchema discovered) {
    if (deletedWhen != null) {
      return Optional.empty();
    }
    List<String> from = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      OutputField f = fields.get(i);
      // a key is required by definition; the source refuses a NULL key in either path
      if (!(f.unchanged() || isKey(i) && f.castOnly())) {
        return Optional.empty();
      }
      Column source = discovered.column(f.from()).orElse(null);
      Column out = f.column();
      if (source == null || source.type() != out.type() || source.precision() != out.precision()
          || source.scale() != out.scale()) {
        return Optional.empty();
      }
      from.add(source.name());
    }
    return Optional.of(from);
  }

  /** Maps records given as their values in header order, exactly as records read by the source's reader. */
  public TableWriter.OddRecords oddRecords(List<String> header) {
    FieldNames names = new FieldNames(header);
    return (values, quarantine) -> {
      MappedItem item = map(SourceRecord.of(names.record(java.util.Arrays.copyOf(values, values.length, Object[].class))),
          null);
      if (item.isQuarantined()) {
        quarantine.add(item.quarantined());
        return null;
      }
      return item.row();
    };
  }

  /** A cursor's values as a log line may show them: PII fields (a key in a position) as they are loaded. */
  public Map<String, String> printable(Map<String, String> cursor) {
    return redaction.printable(cursor);
  }

  /** The output schema: column names, types and primary key as the sink will create them. */
  public StreamSchema outputSchema() {
    return output;
  }

  /** Maps one record. Never throws for bad data: bad data is quarantined. */
  public MappedItem map(SourceRecord record, Cursor position) {
    return mapWithPosition(record, position == null ? null : () -> position);
  }

  /** As {@link #map}, with the position computed only if the item's position is asked for. */
  public MappedItem mapWithPosition(SourceRecord record, Supplier<Cursor> position) {
    if (record.encoded() != null) {
      // read in the sink's encoding because passThroughFields said this mapping changes no value
      return new MappedItem(Row.encoded(record.encoded()), null, position);
    }
    Map<String, Object> flat = RecordFlattener.flatten(record.fields());
    if (flat instanceof IndexedFields indexed ? slots(indexed.names()).errorSlot >= 0 : flat.containsKey("_error")) {
      return new MappedItem(null, new QuarantinedRecord(sourceKey(flat), redaction.unparsedRawJson(flat),
          List.of(redaction.unparsedReason(flat.get("_error")))), position);
    }
    boolean deleted = record.deleted() || isDeletedByRule(flat);
    Object[] values = new Object[fields.size()];
    List<String> reasons = new ArrayList<>(0);
    // A key-only delete (every other field absent) is not validated: its other fields are not meant to hold values.
    // A delete that carries values replaces the row's values in the warehouse like an update, so it is validated
    // like one: a bad value quarantines it instead of loading as NULL.
    List<String> deleteReasons = deleted ? new ArrayList<>(0) : reasons;
    boolean carriesValues = false;
    boolean flattened = flat != record.fields();
    for (int i = 0; i < values.length; i++) {
      OutputField f = fields.get(i);
      Object raw = flat instanceof IndexedFields indexed ? valueAt(indexed, i) : lookup(flat, f.from());
      if (raw == null && flattened && f.column().type() == io.tributary.core.ColumnType.JSON) {
        raw = ShapeMismatch.objectAt(record.fields(), f.from()); // a json field keeps a nested object whole
      }
      List<String> fieldReasons = isKey(i) ? reasons : deleteReasons;
      carriesValues |= raw != null && !isKey(i);
      if (raw == null && (flattened || f.from().indexOf('.') > 0)) {
        String mismatch = ShapeMismatch.explain(flat, f.from(), flattened);
        if (mismatch != null) {
          fieldReasons.add(f.column().name() + ": " + mismatch);
        }
      }
      values[i] = f.apply(raw, fieldReasons);
    }
    if (deleted && carriesValues) {
      reasons.addAll(deleteReasons);
    }
    for (int k : keyIndexes) {
      if (values[k] == null && reasons.stream().noneMatch(r -> r.startsWith(fields.get(k).column().name() + ":"))) {
        reasons.add(fields.get(k).column().name() + ": primary key is null");
      }
    }
    if (!reasons.isEmpty()) {
      return quarantine(record, flat, position, reasons);
    }
    return new MappedItem(new Row(values, deleted), null, position);
  }

  private boolean isKey(int index) {
    for (int k : keyIndexes) {
      if (k == index) {
        return true;
      }
    }
    return false;
  }

  private boolean isDeletedByRule(Map<String, Object> flat) {
    if (deletedWhen == null) {
      return false;
    }
    Object v = lookup(flat, deletedWhen.field());
    return v != null && v.toString().trim().equalsIgnoreCase(deletedWhen.equals());
  }

  /** The raw value of output field {@code i}: the field slots are resolved once per {@link FieldNames}. */
  private Object valueAt(IndexedFields record, int i) {
    int slot = slots(record.names()).fieldSlots[i];
    return slot < 0 ? null : record.valueAt(slot);
  }

  private Slots slots(FieldNames names) {
    if (slots == null || slots.names != names) {
      int[] fieldSlots = new int[fields.size()];
      for (int f = 0; f < fieldSlots.length; f++) {
        fieldSlots[f] = slotOf(names, fields.get(f).from());
      }
      slots = new Slots(names, fieldSlots, names.slot("_error"));
    }
    return slots;
  }

  /** As {@link #lookup}: the exact name, else the first name equal ignoring case or in column-name form. */
  private static int slotOf(FieldNames names, String from) {
    int exact = names.slot(from);
    if (exact >= 0) {
      return exact;
    }
    for (int s = 0; s < names.size(); s++) {
      if (sameField(names.name(s), from)) {
        return s;
      }
    }
    return -1;
  }

  /** The name-matching rule after an exact miss: equal ignoring case, or the same column name. */
  private static boolean sameField(String key, String from) {
    return key.equalsIgnoreCase(from) || Identifiers.columnName(key).equals(Identifiers.columnName(from));
  }

  /** Finds a field by exact name, else case-insensitively or by its column-name form; remembers the match. */
  private Object lookup(Map<String, Object> flat, String from) {
    Object v = flat.get(from);
    if (v != null || flat.containsKey(from)) {
      return v;
    }
    String alias = keyAliases.get(from);
    if (alias == null) {
      for (String key : flat.keySet()) {
        if (sameField(key, from)) {
          alias = key;
          keyAliases.put(from, key);
          break;
        }
      }
    }
    return alias == null ? null : flat.get(alias);
  }

  private MappedItem quarantine(SourceRecord record, Map<String, Object> flat, Supplier<Cursor> position,
      List<String> reasons) {
    return new MappedItem(null, new QuarantinedRecord(sourceKey(flat), redaction.rawJson(record.fields()),
        redaction.reasons(reasons, flat)), position);
  }

  /** The primary key as text ({@code a|b}), with PII key fields as they are loaded; null without a key. */
  private String sourceKey(Map<String, Object> flat) {
    if (keyIndexes.length == 0) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (int k : keyIndexes) {
      parts.add(QuarantineRedaction.keyPart(fields.get(k), lookup(flat, fields.get(k).from())));
    }
    return String.join("|", parts);
  }
}
