package io.tributary.auth;

import io.tributary.core.TributaryException;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an unencrypted RSA private key from PEM: PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}). */
public final class PemKeys {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  /** AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
  private static final byte[] RSA_ALGORITHM =
      {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private PemKeys() {}

  public static PrivateKey rsaPrivateKey(String pem) {
    Matcher m = BLOCK.matcher(pem == null ? "" : pem);
    if (!m.find()) {
      throw TributaryException.config("the private key is not PEM text",
          "reference a PEM file holding an unencrypted RSA private key, PKCS#8 or"
              + " PKCS#1 (its first line names the format)");
    }
    String type = m.group(1);
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    if (type.equals("ENCRYPTED PRIVATE KEY")) {
      throw TributaryException.config("the private key is encrypted",
          "export it unencrypted: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
    }
    byte[] pkcs8 = switch (type) {
      case "PRIVATE KEY" -> der;
      case "RSA PRIVATE KEY" -> wrapPkcs1(der);
      default -> throw TributaryException.config("the PEM block is a " + type + ", not a private key",
          "reference the private key file, not the certificate");
    };
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw TributaryException.config("the private key cannot be read as an RSA key: " + e.getClass().getSimpleName(),
          "use an RSA key in PKCS#8 or PKCS#1 PEM form");
    }
  }

  /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo {version 0, rsaEncryption, OCTET STRING pkcs1}. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.write(0x04);
    body.writeBytes(derLength(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.writeBytes(derLength(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] derLength(int len) {
    if (len < 0x80) {
      return new byte[] {(byte) len};
    }
    if (len < 0x100) {
      return new byte[] {(byte) 0x81, (byte) len};
    }
    if (len < 0x10000) {
      return new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len};
    }
    return new byte[] {(byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
  }
}
