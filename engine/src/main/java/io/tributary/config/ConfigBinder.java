package io.tributary.config;

import io.tributary.core.NameSuggester;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tributary.core.TributaryException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Binds YAML (or an already parsed map) into typed config records with snake_case keys, rejecting unknown keys, and
 * turns every binding or validation failure into one CONFIG error naming the file, the field path, what is wrong
 * and how to fix it. Platform providers' config records are bound through the same binder.
 */
public final class ConfigBinder {

  private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
  private static final ObjectMapper TREE = configure(JsonMapper.builder().build());
  private static final Validator VALIDATOR = buildValidator();

  private final Path file;
  private volatile String text = "";

  public ConfigBinder(Path file) {
    this.file = file;
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(new JavaTimeModule())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
        .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
  }

  private static Validator buildValidator() {
    try (var factory = Validation.buildDefaultValidatorFactory()) {
      return factory.getValidator();
    }
  }

  public Path file() {
    return file;
  }

  /** Parses YAML text into {@code type}. */
  public <T> T bindYaml(String yaml, Class<T> type) {
    this.text = yaml;
    T value;
    try {
      value = YAML.readValue(yaml, type);
    } catch (JsonProcessingException e) {
      throw translate(e, "");
    }
    if (value == null) {
      throw error("", "the file is empty", "start from one of the examples in jobs/");
    }
    validate(value, "");
    return value;
  }

  /** Binds a map (a {@code source:} or {@code sink:} block) into {@code type}; {@code prefix} is its path. */
  public <T> T bindMap(Map<String, Object> raw, Class<T> type, String prefix) {
    T value;
    try {
      value = TREE.convertValue(raw == null ? Map.of() : raw, type);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonProcessingException jpe) {
        throw translate(jpe, prefix);
      }
      throw error(prefix, e.getMessage(), "check the keys and values of this block");
    }
    validate(value, prefix);
    return value;
  }

  /** Runs Jakarta Validation and reports every violation at once. */
  public void validate(Object value, String prefix) {
    var violations = VALIDATOR.validate(value);
    if (violations.isEmpty()) {
      return;
    }
    List<String> lines = violations.stream()
        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .map(v -> join(prefix, snake(v.getPropertyPath().toString())) + ": " + describe(v))
        .toList();
    String first = lines.get(0);
    String rest = lines.size() > 1 ? "\n  " + String.join("\n  ", lines.subList(1, lines.size())) : "";
    throw TributaryException.config(file + ": " + first + rest, "correct the value(s) named above");
  }

  private static String describe(ConstraintViolation<?> v) {
    Object bad = v.getInvalidValue();
    String shown = bad == null ? "missing" : "got '" + bad + "'";
    return v.getMessage() + " (" + shown + ")";
  }

  /** A CONFIG error located at {@code path} in this file. */
  public TributaryException error(String path, String what, String hint) {
    return TributaryException.config(file + ": " + (path.isEmpty() ? "" : path + ": ") + what, hint);
  }

  private TributaryException translate(JsonProcessingException e, String prefix) {
    String path = prefix;
    if (e instanceof JsonMappingException jme) {
      path = join(prefix, io.tributary.core.JsonFieldPath.of(jme));
    }
    String where = location(e.getLocation());
    if (e instanceof UnrecognizedPropertyException upe) {
      List<String> known = upe.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      String key = upe.getPropertyName();
      String parent = path.endsWith(key) ? path.substring(0, Math.max(0, path.length() - key.length() - 1)) : path;
      String keyLine = lineOfKey(key);
      return TributaryException.config(
          file + ": " + (parent.isEmpty() ? "" : parent + ": ") + "unknown key '" + key + "'"
              + (keyLine.isEmpty() ? where : keyLine),
          NameSuggester.didYouMean(key, known) + "known keys here: " + String.join(", ", known));
    }
    if (e instanceof ValueInstantiationException vie && TributaryException.find(vie) != null) {
      TributaryException cause = TributaryException.find(vie);
      return TributaryException.config(file + ": " + path + ": " + cause.getMessage() + where, cause.hint());
    }
    if (e instanceof InvalidFormatException ife) {
      String expected = ife.getTargetType() == null ? "another type" : friendly(ife.getTargetType());
      String allowed = ife.getTargetType() != null && ife.getTargetType().isEnum()
          ? "use one of: " + enumValues(ife.getTargetType())
          : "write a value of type " + expected;
      return TributaryException.config(
          file + ": " + path + ": '" + ife.getValue() + "' is not a valid " + expected + where, allowed);
    }
    if (e instanceof MismatchedInputException mie) {
      String expected = mie.getTargetType() == null ? "another shape" : friendly(mie.getTargetType());
      return TributaryException.config(
          file + ": " + path + ": wrong type, expected " + expected + where,
          "see the job file reference in docs/jobs.md for the shape of this key");
    }
    String msg = e.getOriginalMessage();
    return TributaryException.config(
        file + ": " + (path.isEmpty() ? "" : path + ": ") + "cannot parse: " + msg + where,
        "fix the YAML syntax at that position (indentation, quotes, a missing ':')");
  }

  /** Jackson reports record errors at the end of the object; find the key's own line in the text instead. */
  private String lineOfKey(String key) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(^|[\\s{,-])" + java.util.regex.Pattern.quote(key) + "\\s*:", java.util.regex.Pattern.MULTILINE)
        .matcher(text);
    if (!m.find()) {
      return "";
    }
    int line = 1;
    for (int i = 0; i < m.start(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return " (line " + line + ")";
  }

  private static String location(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? "" : " (line " + loc.getLineNr() + ")";
  }

  private static String friendly(Class<?> type) {
    if (type.isEnum()) {
      return "value (" + enumValues(type) + ")";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "number";
    }
    if (List.class.isAssignableFrom(type)) {
      return "list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "mapping (key: value block)";
    }
    return type.getSimpleName();
  }

  private static String enumValues(Class<?> type) {
    List<String> values = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      values.add(c.toString().toLowerCase());
    }
    return String.join(", ", values);
  }

  /** {@code streams[0].primaryKey} → {@code streams[0].primary_key}; {@code <list element>} markers dropped. */
  static String snake(String propertyPath) {
    return propertyPath.replace(".<list element>", "")
        .replace("<list element>", "")
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .toLowerCase();
  }

  private static String join(String prefix, String path) {
    if (prefix.isEmpty()) {
      return path;
    }
    if (path.isEmpty()) {
      return prefix;
    }
    return path.startsWith("[") ? prefix + path : prefix + "." + path;
  }

}
