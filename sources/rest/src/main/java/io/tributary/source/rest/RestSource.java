package io.tributary.source.rest;

import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.NameSuggester;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import io.tributary.core.TypedOptionsSource;
import io.tributary.http.HttpCall;
import io.tributary.source.rest.RestDefinition.StreamSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source read through a {@link RestDefinition}: the streams it declares, their schema (declared, or inferred from
 * the first page), and a {@link RestStreamReader} per stream. Built by a {@link RestSourceProvider} per job run.
 */
final class RestSource extends TypedOptionsSource<RestSource.StreamOptions> {

  /** Records sampled for an inferred schema. */
  static final int SAMPLE = 50;

  /**
   * A job stream's {@code options:}: {@code query} adds (or overrides) query parameters of the stream's requests.
   */
  record StreamOptions(String name, StreamSpec spec, Map<String, String> query) {}

  private final RestDefinition def;
  private final JobValues values;
  private final RestHttp http;
  private final RestHook hook;
  private final Clock clock;

  RestSource(RestDefinition def, JobValues values, JobContext context, Clock clock) {
    super((stream, options) -> parse(def, stream, options), def.streams().keySet());
    this.def = def;
    this.values = values;
    this.clock = clock;
    this.hook = hook(def);
    this.http = new RestHttp(def, values, RestAuth.of(def, values, context), clock);
  }

  private static StreamOptions parse(RestDefinition def, String stream, Map<String, Object> options) {
    StreamSpec spec = def.streams().get(stream);
    if (spec == null) {
      throw TributaryException.config("source type '" + def.name() + "' has no stream '" + stream + "'",
          NameSuggester.didYouMean(stream, def.streams().keySet()) + "streams: "
              + String.join(", ", def.streams().keySet()));
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (options != null) {
      for (var e : options.entrySet()) {
        if (!e.getKey().equals("query") || !(e.getValue() instanceof Map<?, ?> m)) {
          throw TributaryException.config("stream '" + stream + "': unknown option '" + e.getKey() + "'",
              "the only option is query: { param: value } (extra query parameters)");
        }
        m.forEach((k, v) -> query.put(String.valueOf(k), String.valueOf(v)));
      }
    }
    return new StreamOptions(stream, spec, Map.copyOf(query));
  }

  private static RestHook hook(RestDefinition def) {
    if (def.hook() == null) {
      return null;
    }
    try {
      return (RestHook) Class.forName(def.hook()).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw TributaryException.config("definition '" + def.name() + "': hook " + def.hook() + " cannot be loaded ("
          + e.getClass().getSimpleName() + ")", "name a public class implementing RestHook with a no-argument"
          + " constructor, on the class path");
    }
  }

  @Override
  public void check() {
    if (def.check() != null && def.check().path() != null) {
      HttpCall call = HttpCall.get(values.render(def.check().path()).replaceFirst("^/+", ""));
      if (def.check().query() != null) {
        for (var e : def.check().query().entrySet()) {
          call = call.query(e.getKey(), values.render(e.getValue()));
        }
      }
      http.send(call);
      return;
    }
    String stream = def.check() != null && def.check().stream() != null ? def.check().stream()
        : def.streams().keySet().iterator().next();
    sample(options(stream, Map.of()), 1);
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    StreamOptions opts = options(stream, options);
    StreamSpec spec = opts.spec();
    if (spec.schema() != null && !spec.schema().fields().isEmpty()) {
      return RecordSchema.declared(stream, spec.schema().fields(), spec.primaryKey());
    }
    if (spec.schema() != null && spec.schema().metadata() != null) {
      return described(opts, spec.schema().metadata());
    }
    List<Map<String, Object>> sample = sample(opts, SAMPLE).stream().map(SourceRecord::fields).toList();
    return RecordSchema.inferred(stream, sample, spec.primaryKey());
  }

  /** The columns the platform's field metadata lists: from its metadata endpoint, or the stream's first page. */
  private StreamSchema described(StreamOptions opts, RestDefinition.MetadataSpec m) {
    HttpCall call;
    if (m.path() != null) {
      call = HttpCall.get(values.render(m.path()).replaceFirst("^/+", "")).header("Accept", "application/json");
    } else {
      String start = opts.spec().cursor() == null ? null : opts.spec().cursor().start();
      call = endpoint(opts.name(), opts.spec(), opts.query(), false).calls().call(PageState.first(start, null, null), 1);
    }
    com.fasterxml.jackson.databind.JsonNode list = http.send(call).body().at(m.fields());
    if (!list.isArray()) {
      throw TributaryException.config("stream '" + opts.name() + "': schema.metadata.fields '" + m.fields()
          + "' selects no list of fields in the platform's answer", "fix schema.metadata.fields in the definition"
          + " (a JSON pointer to the field list)");
    }
    return RecordSchema.described(opts.name(), list, m, opts.spec().primaryKey());
  }

  private List<SourceRecord> sample(StreamOptions opts, int size) {
    ReadRequest req = new ReadRequest(opts.name(), Map.of(), opts.spec().primaryKey(), List.of(), Cursor.START,
        Duration.ZERO, size);
    try (StreamReader reader = open(req, opts)) {
      return reader.read(Cursor.START).records();
    }
  }

  @Override
  protected StreamReader open(ReadRequest request, StreamOptions opts) {
    RestStreamReader.Endpoint own = endpoint(opts.name(), opts.spec(), opts.query(), false);
    RestStreamReader.Endpoint deletions = opts.spec().deletedRecords() == null ? null
        : endpoint(opts.name(), opts.spec().deletedRecords().asStream(opts.spec()), Map.of(),
            opts.spec().deletedRecords().filter() == null);
    RestDefinition.AuthSpec auth = values.auth();
    String secretParam = auth.type() == RestDefinition.AuthSpec.Type.API_KEY ? auth.queryParam() : null;
    return new RestStreamReader(http, own, deletions, request, opts.spec().cursor(), clock, secretParam);
  }

  private RestStreamReader.Endpoint endpoint(String stream, StreamSpec spec, Map<String, String> query,
      boolean allDeleted) {
    return new RestStreamReader.Endpoint(new StreamCalls(stream, def, spec, values, query, hook),
        new RecordSelector(stream, spec.records(), spec.deletes(), http.json(), hook), allDeleted);
  }

  RestDefinition definition() {
    return def;
  }
}
