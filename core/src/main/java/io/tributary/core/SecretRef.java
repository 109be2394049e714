package io.tributary.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a secret, never the secret: {@code ${env:NAME}} or {@code ${file:/run/secrets/name}}. Job files hold
 * only references; the value is read at connection time and kept out of logs, job parameters and the job repository.
 * {@link #toString()} prints the reference.
 */
public record SecretRef(String reference) {

  private static final Pattern REF = Pattern.compile("^\\$\\{(env|file):([^}]+)}$");

  /** A literal value is rejected with a fix hint. */
  public SecretRef {
    if (reference == null || !REF.matcher(reference).matches()) {
      throw TributaryException.config(
          "a literal value is not allowed in a secret field",
          "put the secret in an environment variable or a file and reference it as \"${env:NAME}\" or"
              + " \"${file:/path/to/secret}\"");
    }
  }

  /** Parses a reference (surrounding white space is dropped); a literal value is rejected with a fix hint. */
  @JsonCreator
  public static SecretRef parse(String text) {
    return new SecretRef(text == null ? "" : text.trim());
  }

  @JsonValue
  public String reference() {
    return reference;
  }

  /** Reads the secret from the process environment or the file. */
  public String resolve() {
    return resolve(System.getenv());
  }

  /** Reads the secret, with an explicit environment (tests). */
  public String resolve(Map<String, String> env) {
    Matcher m = REF.matcher(reference);
    m.matches(); // the constructor checked the form
    String target = m.group(2).trim();
    if (m.group(1).equals("env")) {
      String value = env.get(target);
      if (value == null || value.isEmpty()) {
        throw TributaryException.config(
            "secret " + reference + " is not set: environment variable " + target + " is missing or empty",
            "export " + target + "=... before running, or point the field at a file with ${file:/path}");
      }
      return value;
    }
    Path path = Path.of(target);
    try {
      return Files.readString(path, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw TributaryException.config(
          "secret " + reference + " cannot be read: " + e.getClass().getSimpleName() + " on " + path,
          "create the file (readable by this user) or fix the path in the job file");
    }
  }

  @Override
  public String toString() {
    return reference;
  }
}
