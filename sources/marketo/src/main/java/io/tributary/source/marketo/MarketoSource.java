package io.tributary.source.marketo;

import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TypedOptionsSource;
import java.util.List;
import java.util.Map;

/**
 * Reads Marketo leads and activities through the Bulk Extract API (create, enqueue, poll, download with
 * {@code Range}). The schema of a stream is its export's fields (leads: the {@code fields} option; activities: the
 * eight documented columns); the key is {@code id} or {@code marketoGUID}. Holds one {@link MarketoClient} and the
 * run's {@link MarketoExportJobs}, shared by its streams.
 */
final class MarketoSource extends TypedOptionsSource<MarketoStreamOptions> {

  private final MarketoClient client;
  private final MarketoIdentity identity;
  private final MarketoExportJobs jobs;
  private final MarketoConfig config;

  MarketoSource(MarketoConfig config, MarketoClient client, MarketoIdentity identity, MarketoExportJobs jobs) {
    super(MarketoStreamOptions::parse, MarketoStreams.names());
    this.config = config;
    this.client = client;
    this.identity = identity;
    this.jobs = jobs;
  }

  /** A token from the Identity service, then the export list: proves the credentials and the bulk permission. */
  @Override
  public void check() {
    identity.tokenResponse();
    client.listLeadExports();
    config.start();
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    MarketoStreamOptions opts = options(stream, options);
    String key = opts.stream().key();
    return new StreamSchema(stream, opts.fields().stream().map(f -> MarketoStreams.column(f, key)).toList(),
        List.of(key));
  }

  @Override
  protected StreamReader open(ReadRequest request, MarketoStreamOptions opts) {
    return new MarketoExportReader(client, jobs, opts, request, config);
  }
}
