package io.tributary.mapping;

import io.tributary.config.PiiTransform;
import io.tributary.core.Column;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One compiled output column: where its value comes from, how it is coerced and shaped, and the rules it must pass.
 * Rules run on the coerced value; every failure becomes one quarantine reason naming the field and the rule.
 */
final class OutputField {

  private final Column column;
  private final String from;
  private final ValueCoercer coercer;
  private final boolean trim;
  private final String letterCase;
  private final FieldRules rules;
  private final PiiTransform pii;
  private final byte[] piiKey;

  OutputField(Column column, String from, ValueCoercer coercer, boolean trim, String letterCase, FieldRules rules,
      PiiTransform pii, byte[] piiKey) {
    this.column = column;
    this.from = from;
    this.coercer = coercer;
    this.trim = trim;
    this.letterCase = letterCase == null ? null : letterCase.toLowerCase(Locale.ROOT);
    this.rules = rules;
    this.pii = pii;
    this.piiKey = piiKey;
  }

  PiiTransform pii() {
    return pii;
  }

  /** The PII-transformed form of a raw value, for the quarantined copy of a record. */
  Object scrub(Object raw) {
    return pii == null ? raw : pii.apply(raw, piiKey);
  }

  /**
   * A value as a quarantine reason may show it: as text, or for a PII field as it would be loaded (masked or
   * hashed), so a reason never carries what the transform hides.
   */
  String shown(Object value) {
    if (pii != null) {
      String transformed = pii.apply(value, piiKey);
      return transformed == null ? "(dropped)" : transformed;
    }
    return value instanceof BigDecimal bd ? bd.toPlainString() : String.valueOf(value);
  }

  Column column() {
    return column;
  }

  /**
   * Whether this field only renames and casts: no shaping, no rule but {@code required}, no PII transform, a flat
   * source name, and a cast with no pattern or zone of its own ({@link ValueCoercer#plain}).
   */
  boolean castOnly() {
    return !trim && letterCase == null && rules.atMostRequired() && pii == null && from.indexOf('.') < 0 && coercer.plain();
  }

  /** Whether the field passes its value through unchanged: a cast-only field with no rule at all. */
  boolean unchanged() {
    return castOnly() && !rules.required();
  }

  String from() {
    return from;
  }

  /** Shapes, coerces and checks one raw value; adds reasons for each failure and returns the value (or null). */
  Object apply(Object raw, List<String> reasons) {
    Object value = raw;
    if (value instanceof String s) {
      if (trim) {
        s = s.strip();
      }
      if (letterCase != null) {
        s = letterCase.equals("upper") ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
      }
      value = s;
    }
    try {
      value = coercer.coerce(value);
    } catch (InvalidValue e) {
      reasons.add(column.name() + ": " + (pii == null ? e.getMessage() : e.describe(shown(value))));
      return null;
    }
    rules.check(column.name(), value, this::shown, reasons);
    return pii == null ? value : pii.apply(value, piiKey);
  }
}
