package io.tributary.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Test-only self-signed client certificate made with: openssl req -x509 -newkey rsa:2048 -nodes ... CN=tributary-test-client. */
@Tag("sandbox")
class ClientCertificatesTest {

  private static final Path DIR = Path.of("http/src/test/resources/auth");

  @Test
  void buildsContextsFromPemAndPkcs12() throws Exception {
    SSLContext pem = ClientCertificates.fromPem(Files.readString(DIR.resolve("test_client_cert.pem")),
        Files.readString(DIR.resolve("test_client_key.pem")));
    SSLContext p12 = ClientCertificates.fromPkcs12(DIR.resolve("test_client.p12"), "test-only-pw");
    for (SSLContext ctx : new SSLContext[] {pem, p12}) {
      SSLEngine engine = ctx.createSSLEngine();
      engine.setUseClientMode(true);
      assertThat(engine.getSupportedCipherSuites()).isNotEmpty();
    }
  }

  @Test
  void wrongPasswordIsAConfigFailureWithoutThePassword() {
    assertThatThrownBy(() -> ClientCertificates.fromPkcs12(DIR.resolve("test_client.p12"), "wrong-pw-123"))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.CONFIG);
          assertThat(e.describe()).contains("test_client.p12").doesNotContain("wrong-pw-123");
        });
  }

  @Test
  void certificateInPlaceOfKeyIsExplained() throws Exception {
    String cert = Files.readString(DIR.resolve("test_client_cert.pem"));
    assertThatThrownBy(() -> PemKeys.rsaPrivateKey(cert))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.getMessage()).isEqualTo("the PEM block is a CERTIFICATE, not a private key"));
  }
}
