package io.tributary.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.PiiTransform;
import io.tributary.core.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place that decides what of a bad record may be persisted or printed. Every quarantined record's raw copy,
 * source key and reasons pass through it before they reach the quarantine table, the skip-limit error on the console
 * or a log line; for a stream with {@code pii:} fields they come out with those fields transformed as they would be
 * loaded (masked, hashed or removed). A record the source could not split into fields (a CSV record with an extra
 * value, a broken JSON line) has no located PII fields: its text is withheld entirely and the reason says so.
 */
final class QuarantineRedaction {

  static final String WITHHELD = "_raw_withheld";
  /** Quoted fragments of a parser's message ({@code Unrecognized token 'alice'}) may be the record's own text. */
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|`[^`]*`");
  /** Shorter clear values are not searched for in reason text: they would match ordinary words and numbers. */
  private static final int SHORTEST_SEARCHED = 4;

  private final String stream;
  private final List<OutputField> piiFields;
  private final ObjectMapper json;

  QuarantineRedaction(String stream, List<OutputField> piiFields, ObjectMapper json) {
    this.stream = stream;
    this.piiFields = List.copyOf(piiFields);
    this.json = json;
  }

  /** The record as read, as JSON, with PII fields transformed or removed as configured. */
  String rawJson(Map<String, Object> fields) {
    Object raw = fields;
    if (!piiFields.isEmpty()) {
      Map<String, Object> copy = new LinkedHashMap<>(RecordFlattener.flatten(fields));
      for (OutputField f : piiFields) {
        String key = keyOf(copy, f.from());
        if (f.pii() == PiiTransform.DROP) {
          copy.remove(key);
        } else if (copy.containsKey(key)) {
          copy.put(key, f.scrub(copy.get(key)));
        }
      }
      raw = copy;
    }
    return write(raw);
  }

  /** An unsplit record ({@code _raw} + {@code _error}): kept whole without PII fields, withheld with them. */
  String unparsedRawJson(Map<String, Object> fields) {
    if (piiFields.isEmpty()) {
      return write(fields);
    }
    Object text = fields.get("_raw");
    Map<String, Object> withheld = new LinkedHashMap<>();
    withheld.put(WITHHELD, (text == null ? 0 : text.toString().length()) + " characters withheld: the stream has pii"
        + " fields and this record could not be split into fields to transform them");
    withheld.put("_error", error(fields.get("_error")));
    return write(withheld);
  }

  /** The reason of an unsplit record, without any fragment of its text when the stream has PII fields. */
  String unparsedReason(Object error) {
    if (piiFields.isEmpty()) {
      return "unparseable record: " + error;
    }
    return "unparseable record: " + error(error) + "; raw text withheld (the stream has pii fields, which cannot be"
        + " located in a record that was not split into fields)";
  }

  /** One part of the source key: a PII key field as it is loaded (hashed). */
  static String keyPart(OutputField key, Object raw) {
    if (raw == null) {
      return "";
    }
    return key.pii() == null ? raw.toString() : key.shown(raw);
  }

  /**
   * The reasons with any clear value of this record's PII fields replaced by its transformed form: the rules word
   * their own reasons that way already, this catches any other text that quotes a value.
   */
  List<String> reasons(List<String> reasons, Map<String, Object> flat) {
    if (piiFields.isEmpty()) {
      return reasons;
    }
    List<String> out = new ArrayList<>(reasons.size());
    for (String reason : reasons) {
      String r = reason;
      for (OutputField f : piiFields) {
        Object clear = flat.get(keyOf(flat, f.from()));
        String text = clear == null ? "" : clear.toString().strip();
        if (text.length() >= SHORTEST_SEARCHED && r.contains(text)) {
          r = r.replace(text, f.shown(clear));
        }
      }
      out.add(r);
    }
    return out;
  }

  /** A cursor's values for a log line: a PII field's value (a key in the position) as it is loaded. */
  Map<String, String> printable(Map<String, String> cursor) {
    if (piiFields.isEmpty()) {
      return cursor;
    }
    Map<String, String> out = new LinkedHashMap<>(cursor);
    for (OutputField f : piiFields) {
      String key = keyOf(out, f.from());
      if (out.containsKey(key)) {
        out.put(key, f.shown(out.get(key)));
      }
    }
    return out;
  }

  private String error(Object error) {
    return QUOTED.matcher(String.valueOf(error)).replaceAll("'…'");
  }

  private static String keyOf(Map<String, ?> flat, String from) {
    if (flat.containsKey(from)) {
      return from;
    }
    for (String k : flat.keySet()) {
      if (k.equalsIgnoreCase(from) || Identifiers.columnName(k).equals(Identifiers.columnName(from))) {
        return k;
      }
    }
    return from;
  }

  private String write(Object raw) {
    try {
      return json.writeValueAsString(raw);
    } catch (JsonProcessingException e) {
      return "{\"_unserializable\":\"" + stream + "\"}";
    }
  }
}
