package io.tributary.source.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.core.JsonFieldPath;
import io.tributary.core.NameSuggester;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a definition file (a user's, from disk, or one shipped under {@code tributary/rest/definitions/}) and
 * validates it. Every failure is one CONFIG error: {@code file: field: what} with a fix, so a malformed definition
 * exits 2 like a malformed job file.
 */
public final class DefinitionLoader {

  /** Where the product's own definitions live on the class path. */
  public static final String SHIPPED = "tributary/rest/definitions/";

  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
      .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
      .build();

  private DefinitionLoader() {}

  /** A user's definition file. */
  public static RestDefinition load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw TributaryException.config(file + ": the definition file does not exist",
          "fix source.definition in the job file: a path relative to the job file (docs/sources/rest.md)");
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw TributaryException.config(file + ": cannot be read (" + e.getClass().getSimpleName() + ")",
          "make the file readable by this user");
    }
  }

  /** A definition shipped in the product, by resource name (e.g. {@code greenhouse.yml}). */
  public static RestDefinition loadShipped(String resource) {
    String path = SHIPPED + resource;
    try (InputStream in = DefinitionLoader.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no shipped definition " + path);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }

  /** Parses and validates definition text; {@code file} names it in errors. */
  public static RestDefinition parse(String yaml, String file) {
    RestDefinition def;
    try {
      def = YAML.readValue(yaml, RestDefinition.class);
    } catch (JsonProcessingException e) {
      throw translate(e, file);
    }
    if (def == null) {
      throw TributaryException.config(file + ": the definition is empty",
          "start from the example in docs/sources/rest.md");
    }
    DefinitionRules.check(def, new DefinitionErrors(file));
    return def;
  }

  private static TributaryException translate(JsonProcessingException e, String file) {
    String path = e instanceof JsonMappingException jme ? JsonFieldPath.of(jme) : "";
    String line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
        : " (line " + e.getLocation().getLineNr() + ")";
    String at = file + ": " + (path.isEmpty() ? "" : path + ": ");
    if (e instanceof UnrecognizedPropertyException upe) {
      List<String> known = upe.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      String parent = path.endsWith(upe.getPropertyName())
          ? path.substring(0, Math.max(0, path.length() - upe.getPropertyName().length() - 1)) : path;
      return TributaryException.config(file + ": " + (parent.isEmpty() ? "" : parent + ": ") + "unknown key '"
          + upe.getPropertyName() + "'" + line, NameSuggester.didYouMean(upe.getPropertyName(), known)
          + "known keys here: " + String.join(", ", known));
    }
    if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
      String allowed = String.join(", ", Arrays.stream(ife.getTargetType().getEnumConstants())
          .map(c -> c.toString().toLowerCase(Locale.ROOT)).toList());
      return TributaryException.config(at + "'" + ife.getValue() + "' is not allowed" + line,
          "use one of: " + allowed);
    }
    if (e instanceof MismatchedInputException mie) {
      String expected = mie.getTargetType() == null ? "another shape" : shape(mie.getTargetType());
      return TributaryException.config(at + "wrong type, expected " + expected + line,
          "see the definition reference in docs/sources/rest.md for the shape of this key");
    }
    return TributaryException.config(at + "cannot parse: " + e.getOriginalMessage() + line,
        "fix the YAML syntax at that position (indentation, quotes, a missing ':')");
  }

  private static String shape(Class<?> type) {
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping (key: value block)";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return type == boolean.class || type == Boolean.class ? "true or false" : "a number";
    }
    return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
  }
}
