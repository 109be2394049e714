package io.tributary.source.salesforce;

import io.tributary.auth.OAuthTokenFlow;
import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import io.tributary.core.TypedOptionsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads Salesforce objects through REST queries or Bulk API 2.0 query jobs. Logs in lazily on first use; one client and
 * one describe cache per source.
 */
final class SalesforceSource extends TypedOptionsSource<SalesforceStreamOptions> {

  /** Objects {@link #discover()} describes when no streams are declared. */
  static final List<String> CORE_OBJECTS = List.of("Account", "Contact", "Opportunity", "User", "Lead", "Case");

  private final SalesforceConfig config;
  private final Supplier<OAuthTokenFlow> login;
  private SalesforceClient client;
  private SalesforceCatalog catalog;

  /**
   * @param login builds the OAuth flow (called once, on first use)
   */
  SalesforceSource(SalesforceConfig config, Supplier<OAuthTokenFlow> login) {
    super(SalesforceStreamOptions::parse);
    this.config = config;
    this.login = login;
  }

  private synchronized SalesforceClient client() {
    if (client == null) {
      client = SalesforceClient.connect(config, login.get());
      catalog = new SalesforceCatalog(client);
    }
    return client;
  }

  /** The API client (logging in if needed); for tests in this package. */
  SalesforceClient clientForTests() {
    return client();
  }

  private SalesforceCatalog catalog() {
    client();
    return catalog;
  }

  @Override
  public void check() {
    catalog().schema("check", SalesforceStreamOptions.parse("User", Map.of()));
  }

  @Override
  public List<StreamSchema> discover() {
    List<StreamSchema> out = new ArrayList<>();
    for (String object : CORE_OBJECTS) {
      try {
        out.add(discover(object, Map.of()));
      } catch (TributaryException e) {
        if (e.kind() != Kind.CONFIG) {
          throw e;
        }
        // The org does not have this object (or the user cannot see it): leave it out of the list.
      }
    }
    return out;
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    return catalog().schema(stream, options(stream, options));
  }

  @Override
  protected StreamReader open(ReadRequest request, SalesforceStreamOptions options) {
    for (String c : request.cursorFields()) {
      if (!c.equalsIgnoreCase(SalesforceCursor.MODSTAMP)) {
        throw TributaryException.config("stream '" + request.stream() + "': cursor '" + c + "' is not supported",
            "use cursor: [SystemModstamp] (Tributary reads in (SystemModstamp, Id) order), or remove cursor: for a"
                + " full read each run");
      }
    }
    return new SalesforceStreamReader(new SalesforceApiChoice(client(), catalog(), request, options, config));
  }
}
