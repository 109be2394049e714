package io.tributary.auth;

import static io.tributary.http.LoopbackServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.http.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("sandbox")
class RefreshTokenAuthTest {

  @TempDir
  Path tmp;

  @Test
  void rotatedRefreshTokenIsPersistedOwnerOnlyAndUsedNextRun() throws Exception {
    try (LoopbackServer server = new LoopbackServer()) {
      server.script("/oauth/v1/token",
          json("{\"access_token\":\"at-1\",\"refresh_token\":\"rt-2\",\"expires_in\":1800}"),
          json("{\"access_token\":\"at-2\",\"refresh_token\":\"rt-2\",\"expires_in\":1800}"));
      Path dir = tmp.resolve("tokens");
      FileRefreshTokenStore store = new FileRefreshTokenStore(dir);
      TokenEndpoint endpoint = TokenEndpoint.create(server.fastSettings("hubspot"),
          server.uri().resolve("/oauth/v1/token"));

      new RefreshTokenAuth(endpoint, "cid", "csec", ClientAuthMethod.CLIENT_SECRET_POST, "rt-1", store,
          "hubspot/portal 42").tokenResponse();
      Path file = store.file("hubspot/portal 42");
      assertThat(file.getFileName().toString()).isEqualTo("hubspot_portal_42.refresh_token");
      assertThat(Files.readString(file)).isEqualTo("rt-2");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

      new RefreshTokenAuth(endpoint, "cid", "csec", ClientAuthMethod.CLIENT_SECRET_POST, "rt-1", store,
          "hubspot/portal 42").tokenResponse();
      assertThat(server.seen.get(0).body())
          .isEqualTo("grant_type=refresh_token&refresh_token=rt-1&client_id=cid&client_secret=csec");
      assertThat(server.seen.get(1).body())
          .isEqualTo("grant_type=refresh_token&refresh_token=rt-2&client_id=cid&client_secret=csec");
    }
  }
}
