package io.tributary.source.sap;

import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import io.tributary.core.TypedOptionsSource;
import io.tributary.http.AuthProvider;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * SAP S/4HANA and Gateway OData services (v2 or v4), read-only. One per job run; the HTTP client and the
 * {@code $metadata} cache are shared by every stream it opens.
 */
public final class SapSource extends TypedOptionsSource<SapStream> {

  private final SapClient client;

  SapSource(SapClient client) {
    super(SapStreams::resolve, SapStreams.names());
    this.client = client;
  }

  /**
   * A source against an OData root.
   *
   * @param auth basic or OAuth client credentials
   */
  public static SapSource create(URI root, SapODataVersion version, String sapClient, AuthProvider auth,
      Map<String, Object> httpOverrides) {
    HttpSettings settings = HttpSettings.defaults("sap", root)
        .withOverrides(httpOverrides == null ? Map.of() : httpOverrides);
    ResilientHttpClient http = ResilientHttpClient.builder(settings).auth(auth).classifier(new SapErrors())
        .account(root.getHost()).build();
    return new SapSource(new SapClient(http, version, sapClient));
  }

  @Override
  public void check() {
    SapStream first = SapStreams.resolve(SapStreams.names().get(0), Map.of());
    client.metadata(first.service());
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    SapStream s = options(stream, options);
    return entitySet(s).schema(stream);
  }

  @Override
  protected StreamReader open(ReadRequest request, SapStream stream) {
    if (!request.cursorFields().isEmpty() && !request.cursorFields().equals(
        stream.changeField() == null ? List.of() : List.of(stream.changeField()))) {
      throw TributaryException.config("stream '" + request.stream() + "': cursor " + request.cursorFields()
          + " is not its change field " + (stream.changeField() == null ? "(none)" : stream.changeField()),
          "set options.change_field to the entity's change timestamp (for example LastChangeDateTime) and use the"
              + " same name as the stream's cursor; ties are broken by the entity's key");
    }
    return new SapStreamReader(client, stream, entitySet(stream), request);
  }

  private SapEntitySet entitySet(SapStream s) {
    SapEntitySet set = client.metadata(s.service()).entitySet(s.service(), s.entitySet());
    if (s.changeField() != null) {
      SapProperty p = set.property(s.changeField());
      if (p == null || !(p.isTimestamp() || p.isDateOnly())) {
        throw TributaryException.config("stream '" + s.name() + "': change_field '" + s.changeField() + "' is "
            + (p == null ? "not a property of " + set.typeName() : "a " + p.edmType() + ", not a timestamp"),
            "use an Edm.DateTimeOffset or Edm.DateTime property of " + set.typeName()
                + " such as LastChangeDateTime, or remove change_field for a full read");
      }
    }
    if (set.keys().isEmpty()) {
      throw TributaryException.config("entity set " + s.entitySet() + " declares no key", SapErrors.CONFIG_HINT);
    }
    return set;
  }
}
