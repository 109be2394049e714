package io.tributary.source.salesforce;

import io.tributary.core.Cursor;
import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses REST or Bulk API 2.0 for one stream: the stream's {@code mode}, or with {@code auto} a cheap
 * {@code SELECT COUNT()} over the same bound against {@code bulk_threshold} (compound fields force REST, which Bulk
 * cannot select).
 */
record SalesforceApiChoice(SalesforceClient client, SalesforceCatalog catalog, ReadRequest request,
    SalesforceStreamOptions options, SalesforceConfig config) {

  private static final Logger LOG = LoggerFactory.getLogger(SalesforceApiChoice.class);

  /** The reader of the stream, chosen for a read starting at {@code cursor}. */
  StreamReader readerFor(Cursor cursor) {
    List<String> fields = catalog.selectedFields(options);
    boolean compound = catalog.selectsCompound(options);
    boolean bulk = switch (options.mode()) {
      case REST -> false;
      case BULK -> {
        if (compound) {
          throw TributaryException.config("stream '" + request.stream() + "' selects a compound address or location"
              + " field, which Bulk API 2.0 cannot query", "list the component fields (BillingCity, ...) instead, or"
              + " use mode: rest");
        }
        yield true;
      }
      case AUTO -> {
        if (compound) {
          yield false;
        }
        String where = SalesforceCursor.lowerBound(cursor, request);
        long count = client.count(SalesforceSoql.count(options.object(), where), options.includeDeleted());
        yield count > config.bulkThresholdOrDefault();
      }
    };
    LOG.info("Salesforce stream '{}' ({}) reads with {}", request.stream(), options.object(), bulk ? "Bulk API 2.0"
        : "REST query");
    SalesforceStreamQuery query = new SalesforceStreamQuery(request, options, fields);
    return bulk
        ? new SalesforceBulkReader(client, query, config.bulkPageSizeOrDefault(), config.bulkPollSchedule())
        : new SalesforceRestReader(client, query);
  }
}
