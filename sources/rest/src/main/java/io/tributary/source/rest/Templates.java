package io.tributary.source.rest;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{name}}} placeholders of definition strings: {@code config.<key>} (a job's value, secrets resolved),
 * {@code page.size}, {@code page.offset}, {@code page.number}, {@code page.token}, {@code cursor.lower} and
 * {@code cursor.upper}, and for {@code keyset} paging {@code page.after_key}. A placeholder with no value renders
 * empty. A section {@code {{#page.after_key}}...{{/page.after_key}}} renders its text only when the placeholder has a
 * value (a keyset filter's tie-break term, absent on a run's first page).
 */
final class Templates {

  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\.([A-Za-z0-9_]+)\\s*}}");
  static final Pattern SECTION = Pattern.compile(
      "\\{\\{#\\s*([a-z_]+\\.[A-Za-z0-9_]+)\\s*}}(.*?)\\{\\{/\\s*\\1\\s*}}", Pattern.DOTALL);
  static final Set<String> PAGE = Set.of("size", "offset", "number", "token", "after_key");
  static final Set<String> CURSOR = Set.of("lower", "upper");

  private Templates() {}

  static String render(String template, Function<String, String> values) {
    if (template == null || template.indexOf("{{") < 0) {
      return template;
    }
    Matcher sections = SECTION.matcher(template);
    StringBuilder kept = new StringBuilder();
    while (sections.find()) {
      String v = values.apply(sections.group(1));
      sections.appendReplacement(kept, Matcher.quoteReplacement(v == null || v.isEmpty() ? "" : sections.group(2)));
    }
    sections.appendTail(kept);
    Matcher m = PLACEHOLDER.matcher(kept);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.apply(m.group(1) + "." + m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String render(String template, Map<String, String> values) {
    return render(template, values::get);
  }

  /** The placeholders a string uses, as {@code namespace.name}. */
  static Set<String> names(String template) {
    Set<String> out = new LinkedHashSet<>();
    if (template != null) {
      Matcher m = PLACEHOLDER.matcher(template);
      while (m.find()) {
        out.add(m.group(1) + "." + m.group(2));
      }
      Matcher s = SECTION.matcher(template);
      while (s.find()) {
        out.add(s.group(1));
      }
    }
    return out;
  }

  static boolean uses(String template, String name) {
    return names(template).contains(name);
  }
}
