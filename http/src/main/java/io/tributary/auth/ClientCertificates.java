package io.tributary.auth;

import io.tributary.core.TributaryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * SSLContexts with a client certificate for mutual TLS, from a PKCS#12 file or PEM certificate chain + key. The
 * server is verified against the JVM's default trust store. Pass the result to
 * {@code ResilientHttpClient.builder(..).sslContext(..)}.
 */
public final class ClientCertificates {

  private static final char[] IN_MEMORY = "tributary".toCharArray();

  private ClientCertificates() {}

  /** @param password the resolved SecretRef of the keystore password */
  public static SSLContext fromPkcs12(Path file, String password) {
    char[] pw = password == null ? new char[0] : password.toCharArray();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, pw);
      return context(ks, pw);
    } catch (IOException | GeneralSecurityException e) {
      throw TributaryException.config("cannot load the client certificate " + file + ": "
          + e.getClass().getSimpleName(), "check the PKCS#12 file path and the password secret it references");
    }
  }

  /** @param certificateChainPem leaf certificate first; @param privateKeyPem RSA key, PKCS#8 or PKCS#1 */
  public static SSLContext fromPem(String certificateChainPem, String privateKeyPem) {
    PrivateKey key = PemKeys.rsaPrivateKey(privateKeyPem);
    try {
      Certificate[] chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(certificateChainPem.getBytes(StandardCharsets.US_ASCII)))
          .toArray(new Certificate[0]);
      if (chain.length == 0) {
        throw new GeneralSecurityException("no certificate");
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("client", key, IN_MEMORY, chain);
      return context(ks, IN_MEMORY);
    } catch (IOException | GeneralSecurityException e) {
      throw TributaryException.config("cannot build the client certificate from PEM: " + e.getClass().getSimpleName(),
          "reference a PEM certificate chain (-----BEGIN CERTIFICATE-----) and its matching private key");
    }
  }

  private static SSLContext context(KeyStore ks, char[] pw) throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
