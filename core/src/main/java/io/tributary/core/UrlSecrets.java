package io.tributary.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a literal secret written into a URL ({@code //user:password@host}, {@code ?password=...}). The job loader
 * checks every URL of a job with it, and a sink given a URL by other means checks it with the same rule.
 */
public final class UrlSecrets {

  /** A scheme: {@code jdbc:}, {@code https:}, {@code postgresql:}... */
  private static final Pattern URL = Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9+.-]*:");
  /** {@code //user:password@host}: the user part of an authority with a password in it. */
  private static final Pattern USER_PASSWORD = Pattern.compile("//[^/@?;#\\s]*:[^/@?;#\\s]*@");
  /** Oracle's {@code jdbc:oracle:thin:user/password@host}. */
  private static final Pattern ORACLE_USER_PASSWORD = Pattern.compile("(?i)^\\s*jdbc:oracle:[a-z0-9]+:[^@/:]+/[^@]+@");
  private static final Pattern URL_PARAM = Pattern.compile("[?&;]([^=&;?/#\\s]+)=");
  /** Names {@link Redactor#isSecretName} does not know: {@code pwd}, Snowflake's {@code private_key_file_pwd}... */
  private static final Pattern URL_PASSWORD_PARAM = Pattern.compile("(?i)(.*[_.-])?(pwd|pass|passwd)|key|sas|sig");

  private UrlSecrets() {}

  /**
   * What part of a URL holds a secret, for example "the password parameter" or "a user:password part", never the
   * secret itself; empty when the text is not a URL or carries none.
   */
  public static Optional<String> secretInUrl(String text) {
    if (!URL.matcher(text).find()) {
      return Optional.empty();
    }
    if (USER_PASSWORD.matcher(text).find() || ORACLE_USER_PASSWORD.matcher(text).find()) {
      return Optional.of("a user:password part");
    }
    Matcher param = URL_PARAM.matcher(text);
    while (param.find()) {
      String name = param.group(1);
      if (Redactor.isSecretName(name) || URL_PASSWORD_PARAM.matcher(name).matches()) {
        return Optional.of("the " + name + " parameter");
      }
    }
    return Optional.empty();
  }
}
