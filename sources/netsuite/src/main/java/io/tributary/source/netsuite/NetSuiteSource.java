package io.tributary.source.netsuite;

import io.tributary.auth.OAuth1Auth;
import io.tributary.auth.OAuth1Credentials;
import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import io.tributary.core.TypedOptionsSource;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * NetSuite through SuiteQL over REST with Token-Based Authentication (OAuth 1.0a, HMAC-SHA256). One per job run;
 * the HTTP client and the account's concurrency budget are shared by every stream it opens.
 */
public final class NetSuiteSource extends TypedOptionsSource<NetSuiteStream> {

  private final NetSuiteClient client;
  private final ZoneId zone;

  NetSuiteSource(NetSuiteClient client, ZoneId zone) {
    super(NetSuiteStreams::resolve);
    this.client = client;
    this.zone = zone;
  }

  /** A source for an account. */
  public static NetSuiteSource create(String account, OAuth1Credentials credentials, URI baseUri, ZoneId zone,
      int concurrency, Map<String, Object> httpOverrides) {
    HttpSettings settings = HttpSettings.defaults("netsuite", baseUri)
        .withOverrides(httpOverrides == null ? Map.of() : httpOverrides);
    ResilientHttpClient http = ResilientHttpClient.builder(settings).auth(new OAuth1Auth(credentials))
        .classifier(new NetSuiteErrors()).account(account).build();
    return new NetSuiteSource(new NetSuiteClient(http, NetSuiteConcurrency.forAccount(account, concurrency)), zone);
  }

  @Override
  public void check() {
    try {
      client.query("SELECT id FROM customer ORDER BY id", 1, 0);
    } catch (TributaryException e) {
      if (e.kind() == TributaryException.Kind.TRANSIENT && String.valueOf(e.getMessage()).contains("nvalid login")) {
        throw TributaryException.auth(e.getMessage(), NetSuiteErrors.LOGIN_HINT);
      }
      throw e;
    }
  }

  @Override
  public List<StreamSchema> discover() {
    return NetSuiteStreams.names().stream().map(n -> NetSuiteStreams.resolve(n, Map.of()).schema()).toList();
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    return options(stream, options).schema();
  }

  @Override
  protected StreamReader open(ReadRequest request, NetSuiteStream stream) {
    if (!request.cursorFields().isEmpty() && !request.cursorFields().equals(List.of(stream.modified()))) {
      throw TributaryException.config("stream '" + request.stream() + "': cursor " + request.cursorFields()
          + " is not supported", "use cursor: [" + stream.modified() + "] (ties are broken by " + stream.key()
          + "), or set options.modified_column");
    }
    return new NetSuiteStreamReader(client, stream, zone, request);
  }
}
