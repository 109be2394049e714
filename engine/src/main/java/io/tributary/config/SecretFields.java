package io.tributary.config;

import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import io.tributary.core.UrlSecrets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A safety net under the typed {@link SecretRef} fields: any key in a {@code source:} or {@code sink:} block whose
 * name says it holds a secret must hold a reference, even if a platform forgot to type it as a SecretRef.
 */
public final class SecretFields {

  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(password|passwd|secret|token|private_key|api_key|apikey|passphrase|credentials|client_key).*");
  private static final Pattern NOT_SECRET = Pattern.compile("(?i).*(_url|_uri|_host|_endpoint|_path|_file_ref|_header"
      + "|_param|_ttl|_expiry|_name|_type)$");

  static final String URL_FIX = "remove it from the URL and put it in its own secret field as a reference, for"
      + " example password: \"${env:DB_PASSWORD}\" (docs/jobs.md, Secrets)";

  private SecretFields() {}

  static void check(ConfigBinder binder, String path, Map<String, Object> block) {
    for (Map.Entry<String, Object> e : block.entrySet()) {
      String at = path + "." + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) nested;
        check(binder, at, m);
      } else if (v instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) instanceof Map<?, ?> item) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) item;
            check(binder, at + "[" + i + "]", m);
          }
        }
      } else if (v != null && isSecretName(e.getKey())) {
        try {
          SecretRef.parse(v.toString());
        } catch (TributaryException ex) {
          throw binder.error(at, ex.getMessage(), ex.hint());
        }
      } else if (v instanceof String text) {
        UrlSecrets.secretInUrl(text).ifPresent(part -> {
          throw binder.error(at, "the URL carries " + part + " (a literal secret)", URL_FIX);
        });
      }
    }
  }

  /**
   * Resolves every secret reference in a block once, so a missing variable or file is reported with the field that
   * names it before anything connects. The values are dropped at once.
   */
  public static void checkResolvable(ConfigBinder binder, String path, Map<String, Object> block) {
    for (Map.Entry<String, Object> e : block.entrySet()) {
      String at = path + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) nested;
        checkResolvable(binder, at, m);
      } else if (e.getValue() instanceof String s && s.trim().startsWith("${") && s.trim().endsWith("}")) {
        try {
          SecretRef.parse(s).resolve();
        } catch (TributaryException ex) {
          throw binder.error(at, ex.getMessage(), ex.hint());
        }
      }
    }
  }

  static boolean isSecretName(String key) {
    return SECRET_NAME.matcher(key).matches() && !NOT_SECRET.matcher(key).matches();
  }
}
