package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Cursor;
import io.tributary.core.Source;
import io.tributary.core.TributaryException;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.oracleerp.OracleErpCatalog;
import io.tributary.sandbox.oracleerp.OracleErpSandbox;
import io.tributary.sandbox.oracleerp.OracleErpSandboxSettings;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The oracle_erp definition's OAuth 2.0 JWT bearer alternative against the simulator's identity-domain token endpoint
 * ({@code /oauth2/v1/token}): a job that sets the OAuth keys and no password reads through a bearer token minted for
 * its signed user assertion; a client the domain does not know fails as AUTH with the domain's message; a job with
 * neither credential is told both ways to sign in.
 */
@Tag("sandbox")
class OracleErpJwtBearerIT {

  private static final OracleErpSandboxSettings SIM = OracleErpSandboxSettings.defaults();

  private SandboxServer sandbox;

  @BeforeEach
  void start() {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(OracleErpSandbox.platform()).withRows(120));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Source source(String clientId, boolean oauth) throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
        rsa.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    Map<String, Object> block = new HashMap<>(Map.of("base_url", sandbox.baseUrl() + OracleErpSandboxSettings.ROOT,
        "username", SIM.user()));
    Map<String, String> secrets = new HashMap<>();
    if (oauth) {
      block.put("token_url", sandbox.baseUrl() + OracleErpSandboxSettings.TOKEN_PATH);
      block.put("client_id", clientId);
      block.put("scope", "urn:opc:resource:fa:instanceid=1urn:opc:resource:consumer::all");
      secrets.put("client_secret", "sandbox-client-secret");
      secrets.put("private_key", pem);
    }
    return ShippedSources.create("oracle_erp.yml", block, secrets);
  }

  @Test
  void aJobWithTheOauthKeysReadsThroughTheJwtBearerGrant() throws Exception {
    try (Source source = source(SIM.clientId(), true)) {
      Set<String> keys = ShippedSources.records(ShippedSources.pages(source, ShippedSources.stream("invoices",
          List.of("InvoiceId"), List.of("LastUpdateDate"), null), Cursor.START, 50)).stream()
          .map(r -> String.valueOf(r.fields().get("InvoiceId"))).collect(Collectors.toSet());
      assertThat(keys).isEqualTo(sandbox.dataset().rows("invoices").filter(s -> !s.deleted())
          .map(s -> Long.toString(OracleErpCatalog.ID_BASE + s.index() + 1)).collect(Collectors.toSet()));
    }
  }

  @Test
  void aClientTheIdentityDomainDoesNotKnowFailsAsAuthWithItsMessage() throws Exception {
    try (Source source = source("SOMEONE_ELSE", true)) {
      assertThatThrownBy(source::check).isInstanceOfSatisfying(TributaryException.class, e -> {
        assertThat(e.kind()).isEqualTo(TributaryException.Kind.AUTH);
        assertThat(e.getMessage()).contains("Client authentication failed");
      });
    }
  }

  @Test
  void aJobWithNeitherCredentialIsToldBothWaysToSignIn() {
    assertThatThrownBy(() -> source(SIM.clientId(), false)).isInstanceOfSatisfying(TributaryException.class, e -> {
      assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
      assertThat(e.getMessage()).contains("source.auth").contains("no credentials");
      assertThat(e.hint()).contains("token_url + client_id + client_secret + private_key + username"
          + " (oauth2_jwt_bearer)").contains("username + password (basic)");
    });
  }
}
