package io.tributary.source.dynamics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.NameSuggester;
import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import io.tributary.core.TypedOptionsSource;
import io.tributary.http.AuthProvider;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Reads Dataverse tables through the Web API. Schema comes from EntityDefinitions; the primary key is the table's
 * primary id attribute. Holds one {@link DynamicsClient}.
 */
final class DynamicsSource extends TypedOptionsSource<DynamicsStreamOptions> {

  /** Tables listed by {@link #discover()}; any other table is read by naming its logical name as a stream. */
  static final List<String> COMMON_TABLES = List.of("account", "contact");

  private final DynamicsClient client;
  // Definitions change rarely; one fetch per table per run saves two calls per discover/open.
  private final Map<String, DynamicsTable> tables = new java.util.concurrent.ConcurrentHashMap<>();

  DynamicsSource(DynamicsConfig config, URI org, AuthProvider auth) {
    super(DynamicsStreamOptions::parse, COMMON_TABLES);
    this.client = new DynamicsClient(org, auth, config, new ObjectMapper());
  }

  @Override
  public void check() {
    client.table("account");
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    DynamicsStreamOptions opts = options(stream, options);
    DynamicsTable table = table(stream);
    List<Column> cols = table.columns();
    if (!opts.select().isEmpty()) {
      List<String> names = table.columnNames();
      for (String s : opts.select()) {
        if (!names.contains(s)) {
          throw TributaryException.config("Dataverse table " + stream + " has no readable column '" + s + "'",
              NameSuggester.didYouMean(s, names) + "lookups are named _<attribute>_value; list columns with:"
                  + " tributary discover");
        }
      }
      cols = cols.stream().filter(c -> opts.select().contains(c.name()) || c.name().equals(table.primaryId())
          || c.name().endsWith("_formatted") && opts.select().contains(c.name().replaceAll("_formatted$", "")))
          .toList();
    }
    return new StreamSchema(stream, cols, List.of(table.primaryId()));
  }

  @Override
  protected StreamReader open(ReadRequest request, DynamicsStreamOptions opts) {
    DynamicsTable table = table(request.stream());
    List<String> select = opts.select().isEmpty() ? table.columnNames() : opts.select();
    return new DynamicsStreamReader(client, table, request, select);
  }

  private DynamicsTable table(String logicalName) {
    return tables.computeIfAbsent(logicalName, client::table);
  }
}
