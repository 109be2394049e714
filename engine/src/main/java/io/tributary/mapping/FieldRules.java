package io.tributary.mapping;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules a field's coerced value must pass ({@code required}, {@code regex}, {@code allowed}, {@code max_length},
 * {@code min}, {@code max}); null where the field has no such rule. Every failure becomes one quarantine reason.
 */
record FieldRules(boolean required, Pattern regex, BigDecimal min, BigDecimal max, Set<String> allowed,
    Integer maxLength) {

  /** No rules: a discovered column the job does not list. */
  static final FieldRules NONE = new FieldRules(false, null, null, null, null, null);

  /** {@code allowed} keeps the job's order, for the reason's text. */
  FieldRules {
    allowed = allowed == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(allowed));
  }

  /** Whether no rule but {@code required} is set. */
  boolean atMostRequired() {
    return regex == null && min == null && max == null && allowed == null && maxLength == null;
  }

  /**
   * Adds a reason per failed rule for {@code value} of the column {@code name}; {@code shown} renders a value as a
   * reason may show it (a PII field's transformed form).
   */
  void check(String name, Object value, Function<Object, String> shown, List<String> reasons) {
    if (value == null) {
      if (required) {
        reasons.add(name + ": required but missing");
      }
      return;
    }
    if (regex != null && !regex.matcher(value.toString()).matches()) {
      reasons.add(name + ": '" + ValueCoercer.abbreviate(shown.apply(value)) + "' does not match /" + regex + "/");
    }
    if (allowed != null && !allowed.contains(value.toString())) {
      reasons.add(name + ": '" + ValueCoercer.abbreviate(shown.apply(value)) + "' is not one of " + allowed);
    }
    if (maxLength != null && value instanceof String s && s.codePointCount(0, s.length()) > maxLength) {
      reasons.add(name + ": " + s.codePointCount(0, s.length()) + " characters, longer than max_length "
          + maxLength);
    }
    if ((min != null || max != null) && value instanceof Number n) {
      BigDecimal d = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
      if (min != null && d.compareTo(min) < 0) {
        reasons.add(name + ": " + shown.apply(d) + " is below min " + min.toPlainString());
      }
      if (max != null && d.compareTo(max) > 0) {
        reasons.add(name + ": " + shown.apply(d) + " is above max " + max.toPlainString());
      }
    }
  }
}
