package io.tributary.config;

import io.tributary.core.TributaryException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-field PII handling: {@code mask} keeps the last 4 characters, {@code hash} is HMAC-SHA256 with the job's
 * {@code pii_key} (stable across runs, so hashed columns still join), {@code drop} never loads the field. Applied to
 * the loaded row and to the quarantined copy of the record alike. A word of the job file, checked when it loads
 * ({@code hash} needs {@code pii_key}); the mapping applies it.
 */
public enum PiiTransform {
  MASK,
  HASH,
  DROP;

  private static final int KEPT = 4;

  public static PiiTransform parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw TributaryException.config("'" + text + "' is not a PII transform", "use mask, hash or drop");
    }
  }

  /** The transformed text, or null for null. {@code key} is needed for HASH only. */
  public String apply(Object value, byte[] key) {
    if (value == null) {
      return null;
    }
    String s = value instanceof java.math.BigDecimal bd ? bd.toPlainString() : value.toString();
    return switch (this) {
      case MASK -> mask(s);
      case HASH -> hmac(s, key);
      case DROP -> null;
    };
  }

  private static String mask(String s) {
    int n = s.codePointCount(0, s.length());
    if (n <= KEPT) {
      return "*".repeat(n);
    }
    int cut = s.offsetByCodePoints(0, n - KEPT);
    return "*".repeat(n - KEPT) + s.substring(cut);
  }

  private static String hmac(String s, byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
