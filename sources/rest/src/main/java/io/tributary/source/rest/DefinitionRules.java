package io.tributary.source.rest;

import io.tributary.core.Durations;
import io.tributary.core.NameSuggester;
import io.tributary.core.TributaryException;
import io.tributary.source.rest.RestDefinition.AuthSpec;
import io.tributary.source.rest.RestDefinition.ConfigKey;
import io.tributary.source.rest.RestDefinition.CursorSpec;
import io.tributary.source.rest.RestDefinition.ErrorRule;
import io.tributary.source.rest.RestDefinition.PagingSpec;
import io.tributary.source.rest.RestDefinition.StreamSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What a bound definition must satisfy beyond its shape; the first broken rule is reported with its field. */
final class DefinitionRules {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern STATUS = Pattern.compile("[1-5](\\d\\d|xx)");
  /** Keys every REST source block has besides the definition's own. */
  static final Set<String> RESERVED = Set.of("type", "definition", "sandbox", "http");

  private DefinitionRules() {}

  static void check(RestDefinition d, DefinitionErrors err) {
    if (d.name() == null || !NAME.matcher(d.name()).matches() || d.name().equals("rest")) {
      throw err.at("name", d.name() == null ? "missing" : "'" + d.name() + "' is not a valid source type name",
          "give the type jobs will use, lower case letters, digits, '-' or '_', for example name: my_api"
              + " ('rest' is taken by the generic source)");
    }
    Map<String, ConfigKey> keys = configKeys(d, err);
    if (d.baseUrl() == null || d.baseUrl().isBlank()) {
      throw err.at("base_url", "missing", "write base_url: \"{{config.base_url}}\"");
    }
    templates(err, "base_url", d.baseUrl(), keys, false);
    d.headers().forEach((h, v) -> templates(err, "headers." + h, v, keys, false));
    for (int i = 0; i < d.auth().size(); i++) {
      auth(d.auth().get(i), d.auth().size() == 1 ? "auth" : "auth[" + i + "]", keys, err);
    }
    if (d.streams().isEmpty()) {
      throw err.at("streams", "no streams", "declare at least one stream with its path, records and primary_key");
    }
    if (d.paging() != null) {
      paging(d.paging(), "paging", err);
    }
    d.streams().forEach((name, s) -> stream(d, name, s, keys, err));
    errors(d, err);
    if (d.rateLimit() != null) {
      var r = d.rateLimit();
      if (r.requests() != null && (r.requests() < 1 || r.per() == null)
          || r.requests() == null && r.concurrency() == null && r.remainingHeader() == null) {
        throw err.at("rate_limit", "needs requests (a positive number) and per (a duration), concurrency, or"
            + " remaining_header", "write rate_limit: { requests: 50, per: 10s } as the vendor documents it");
      }
      if (r.concurrency() != null && r.concurrency() < 1) {
        throw err.at("rate_limit.concurrency", "must be positive", "write the vendor's limit of requests in"
            + " flight, e.g. concurrency: 4");
      }
      if (r.per() != null) {
        duration(err, "rate_limit.per", r.per());
      }
    }
    if (d.check() != null && d.check().stream() != null && !d.streams().containsKey(d.check().stream())) {
      throw err.at("check.stream", "unknown stream '" + d.check().stream() + "'",
          NameSuggester.didYouMean(d.check().stream(), d.streams().keySet()) + "streams: " + d.streams().keySet());
    }
  }

  private static Map<String, ConfigKey> configKeys(RestDefinition d, DefinitionErrors err) {
    Map<String, ConfigKey> keys = new java.util.LinkedHashMap<>();
    for (int i = 0; i < d.config().size(); i++) {
      ConfigKey k = d.config().get(i);
      String at = "config[" + i + "].name";
      if (k.name() == null || !KEY.matcher(k.name()).matches()) {
        throw err.at(at, k.name() == null ? "missing" : "'" + k.name() + "' is not a valid key",
            "use snake_case, for example api_key");
      }
      if (RESERVED.contains(k.name()) || keys.put(k.name(), k) != null) {
        throw err.at(at, "'" + k.name() + "' is declared twice or reserved",
            "rename it; every REST source already has: " + RESERVED);
      }
      if (k.secret() && k.defaultValue() != null && !k.defaultValue().isEmpty()) {
        throw err.at("config[" + i + "].default", "a secret key cannot have a default",
            "remove the default: secrets come from the job as ${env:...} or ${file:...}");
      }
    }
    if (!keys.containsKey("base_url")) {
      throw err.at("config", "no base_url key",
          "declare - { name: base_url, default: \"https://api.example.com/v1\" }: every definition lets a job"
              + " (and the sandbox) point it elsewhere");
    }
    return keys;
  }

  private static void auth(AuthSpec a, String at, Map<String, ConfigKey> keys, DefinitionErrors err) {
    List<String> needed = switch (a.type() == null ? AuthSpec.Type.NONE : a.type()) {
      case NONE -> List.of();
      case API_KEY -> List.of("value");
      case BASIC -> List.of("username");
      case BEARER -> List.of("token");
      case OAUTH2_CLIENT_CREDENTIALS -> List.of("token_url", "client_id", "client_secret");
      case OAUTH2_REFRESH_TOKEN -> List.of("token_url", "client_id", "client_secret", "refresh_token");
      case OAUTH2_JWT_BEARER -> List.of("token_url", "client_id", "private_key");
    };
    Map<String, String> fields = authFields(a);
    for (String f : needed) {
      if (fields.get(f) == null || fields.get(f).isBlank()) {
        throw err.at(at + "." + f, "missing for auth type " + a.type().name().toLowerCase(),
            "write " + at + "." + f + ": \"{{config.<key>}}\" naming a key declared under config:");
      }
    }
    if (a.type() == AuthSpec.Type.API_KEY && (a.header() == null) == (a.queryParam() == null)) {
      throw err.at(at, "an api_key sends the key in one place",
          "give exactly one of header: X-Api-Key or query_param: api_key");
    }
    for (var e : fields.entrySet()) {
      templates(err, at + "." + e.getKey(), e.getValue(), keys, false);
    }
    for (String secretField : List.of("value", "password", "token", "client_secret", "refresh_token", "private_key")) {
      String v = fields.get(secretField);
      if (v != null && !v.isEmpty() && Templates.names(v).stream()
          .noneMatch(n -> n.startsWith("config.") && keys.get(n.substring(7)).secret())) {
        throw err.at(at + "." + secretField, "holds no secret config key",
            "write \"{{config.<key>}}\" with a key declared secret: true, so jobs pass it as ${env:...}");
      }
    }
  }

  /** The auth block's fields that are set, by their YAML names. */
  static Map<String, String> authFields(AuthSpec a) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("header", a.header());
    m.put("query_param", a.queryParam());
    m.put("value", a.value());
    m.put("username", a.username());
    m.put("password", a.password());
    m.put("token", a.token());
    m.put("token_url", a.tokenUrl());
    m.put("client_id", a.clientId());
    m.put("client_secret", a.clientSecret());
    m.put("refresh_token", a.refreshToken());
    m.put("scope", a.scope());
    m.put("private_key", a.privateKey());
    m.put("subject", a.subject());
    m.put("audience", a.audience());
    m.values().removeIf(java.util.Objects::isNull);
    return m;
  }

  private static void stream(RestDefinition d, String name, StreamSpec s, Map<String, ConfigKey> keys,
      DefinitionErrors err) {
    String at = "streams." + name;
    if (s == null || s.path() == null || s.path().isBlank()) {
      throw err.at(at + ".path", "missing", "give the endpoint path, for example path: /" + name);
    }
    if (!s.method().equals("GET") && !s.method().equals("POST")) {
      throw err.at(at + ".method", "'" + s.method() + "' is not supported", "use GET or POST");
    }
    pointer(err, at + ".records", s.records());
    if (s.primaryKey().isEmpty()) {
      throw err.at(at + ".primary_key", "missing", "name the field(s) that identify a record, for example"
          + " primary_key: [id]: loads merge by it");
    }
    templates(err, at + ".path", s.path(), keys, true);
    templates(err, at + ".body", s.body(), keys, true);
    s.form().forEach((k, v) -> templates(err, at + ".form." + k, v, keys, true));
    if (!s.form().isEmpty() && (!s.method().equals("POST") || s.body() != null)) {
      throw err.at(at + ".form", "a form body needs method: POST and no body",
          "send either body: (JSON) or form: (fields), with method: POST");
    }
    s.query().forEach((k, v) -> templates(err, at + ".query." + k, v, keys, true));
    s.headers().forEach((k, v) -> templates(err, at + ".headers." + k, v, keys, true));
    PagingSpec p = s.paging() != null ? s.paging() : d.paging();
    if (p == null) {
      throw err.at(at + ".paging", "missing (and no top-level paging)",
          "declare paging: { type: none } for a single-page endpoint, or the platform's paging");
    }
    // A POST that carries the offset or page number in its body or form needs no query parameter for it.
    java.util.Set<String> inBody = new java.util.HashSet<>(Templates.names(s.body()));
    s.form().values().forEach(v -> inBody.addAll(Templates.names(v)));
    paging(p, s.paging() != null ? at + ".paging" : "paging", err, inBody);
    if (s.cursor() != null) {
      cursor(s.cursor(), at + ".cursor", err);
    }
    if (p.type() == PagingSpec.Type.KEYSET) {
      keyset(s, at, err);
    }
    if (s.deletes() != null && (s.deletes().field() == null || s.deletes().field().isBlank())) {
      throw err.at(at + ".deletes.field", "missing", "name the field that marks a deleted record, e.g. deleted_at");
    }
    if (s.deletedRecords() != null) {
      deletedRecords(s.deletedRecords(), at + ".deleted_records", keys, err);
    }
    if (s.schema() != null && s.schema().metadata() != null) {
      metadata(s.schema().metadata(), at + ".schema.metadata", keys, err);
    }
    if (s.schema() != null) {
      s.schema().fields().forEach((f, type) -> {
        if (!RecordSchema.TYPES.containsKey(type == null ? "" : type.toLowerCase())) {
          throw err.at(at + ".schema.fields." + f, "unknown type '" + type + "'",
              "use one of: " + String.join(", ", RecordSchema.TYPES.keySet()));
        }
      });
    }
  }

  static void paging(PagingSpec p, String at, DefinitionErrors err) {
    paging(p, at, err, java.util.Set.of());
  }

  private static void metadata(RestDefinition.MetadataSpec m, String at, Map<String, ConfigKey> keys,
      DefinitionErrors err) {
    templates(err, at + ".path", m.path(), keys, false);
    pointer(err, at + ".fields", m.fields());
    require(err, at + ".name", m.name(), "the field of each element that names the column, e.g. name");
    require(err, at + ".type", m.type(), "the field of each element that holds its type, e.g. type");
    m.types().forEach((vendor, ours) -> {
      if (!RecordSchema.TYPES.containsKey(ours == null ? "" : ours.toLowerCase())) {
        throw err.at(at + ".types." + vendor, "unknown type '" + ours + "'",
            "use one of: " + String.join(", ", RecordSchema.TYPES.keySet()));
      }
    });
  }

  private static void deletedRecords(RestDefinition.DeletedRecordsSpec d, String at, Map<String, ConfigKey> keys,
      DefinitionErrors err) {
    require(err, at + ".path", d.path(), "the deleted-records endpoint's path, e.g. path: /deleted");
    templates(err, at + ".path", d.path(), keys, true);
    d.query().forEach((k, v) -> templates(err, at + ".query." + k, v, keys, true));
    pointer(err, at + ".records", d.records());
    if (d.filter() != null) {
      require(err, at + ".filter.field", d.filter().field(), "the field that marks a deletion, e.g. action");
    }
    if (d.paging().type() == PagingSpec.Type.KEYSET) {
      throw err.at(at + ".paging.type", "keyset is not supported here", "use the endpoint's own paging");
    }
    paging(d.paging(), at + ".paging", err);
  }

  /** Keyset paging moves the lower bound: it needs a cursor, and a deleted-records endpoint needs the run's own. */
  private static void keyset(StreamSpec s, String at, DefinitionErrors err) {
    if (s.cursor() == null) {
      throw err.at(at + ".cursor", "missing (paging type keyset pages by the cursor field)",
          "declare the cursor the API orders by, or use offset paging");
    }
    if (s.deletedRecords() != null) {
      throw err.at(at + ".deleted_records", "not supported with paging type keyset",
          "use another paging type for a stream with a deleted-records endpoint");
    }
  }

  static void paging(PagingSpec p, String at, DefinitionErrors err, java.util.Set<String> inBody) {
    if (p.type() == null) {
      throw err.at(at + ".type", "missing", "use one of: none, link_header, next_url, cursor, offset, page, keyset");
    }
    switch (p.type()) {
      case NEXT_URL -> require(err, at + ".next_url", p.nextUrl(), "the JSON pointer of the next page's URL,"
          + " e.g. /paging/next");
      case CURSOR -> {
        require(err, at + ".token", p.token(), "the JSON pointer of the next page's token, e.g. /meta/next_cursor");
        require(err, at + ".token_param", p.tokenParam(), "the query parameter that sends it, e.g. cursor");
      }
      case OFFSET -> require(err, at + ".offset_param", inBody.contains("page.offset") ? "(body)" : p.offsetParam(),
          "the offset parameter, e.g. offset (or {{page.offset}} in the stream's body or form)");
      case KEYSET -> require(err, at + ".key", p.key(), "the record field that breaks ties of the cursor in the"
          + " API's order, e.g. id (the filter uses {{cursor.lower}} and {{page.after_key}})");
      case PAGE -> require(err, at + ".page_param", inBody.contains("page.number") ? "(body)" : p.pageParam(),
          "the page number parameter, e.g. page (or {{page.number}} in the stream's body or form)");
      default -> { }
    }
    for (String[] ptr : new String[][] {{"next_url", p.nextUrl()}, {"token", p.token()}, {"has_more", p.hasMore()},
        {"total", p.total()}, {"total_pages", p.totalPages()}}) {
      if (ptr[1] != null) {
        pointer(err, at + "." + ptr[0], ptr[1]);
      }
    }
    if (p.pageSize() != null && p.pageSize() < 1 || p.maxPageSize() != null && p.maxPageSize() < 1) {
      throw err.at(at + ".page_size", "must be positive", "write the vendor's page size, e.g. page_size: 100");
    }
  }

  private static void cursor(CursorSpec c, String at, DefinitionErrors err) {
    require(err, at + ".field", c.field(), "the record field whose greatest value is the watermark, e.g. updated_at");
    try {
      CursorFormat.of(c.format());
    } catch (IllegalArgumentException e) {
      throw err.at(at + ".format", e.getMessage(), "use iso8601, iso8601_millis, epoch_seconds, epoch_millis, date,"
          + " number or a java.time pattern such as yyyy-MM-dd'T'HH:mm:ss'Z'");
    }
  }

  private static void errors(RestDefinition d, DefinitionErrors err) {
    if (d.errors() == null) {
      return;
    }
    if (d.errors().message() != null) {
      pointer(err, "errors.message", d.errors().message());
    }
    List<ErrorRule> rules = d.errors().rules();
    for (int i = 0; i < rules.size(); i++) {
      ErrorRule r = rules.get(i);
      String at = "errors.rules[" + i + "]";
      if (r.kind() == null) {
        throw err.at(at + ".kind", "missing", "use one of: config, auth, transient, quota, record, empty");
      }
      if (r.status().isEmpty() && r.body() == null) {
        throw err.at(at, "matches nothing", "give status: 401 (or 4xx, or a list) and/or body: a regular expression");
      }
      for (String st : r.status()) {
        if (!STATUS.matcher(st).matches()) {
          throw err.at(at + ".status", "'" + st + "' is not a status", "write a code like 429 or a class like 5xx");
        }
      }
      if (r.body() != null) {
        try {
          Pattern.compile(r.body());
        } catch (PatternSyntaxException e) {
          throw err.at(at + ".body", "not a regular expression: " + e.getDescription(),
              "fix the pattern (java.util.regex syntax)");
        }
      }
    }
  }

  private static void templates(DefinitionErrors err, String at, String text, Map<String, ConfigKey> keys,
      boolean streamScope) {
    for (String n : Templates.names(text)) {
      String ns = n.substring(0, n.indexOf('.'));
      String key = n.substring(n.indexOf('.') + 1);
      boolean ok = switch (ns) {
        case "config" -> keys.containsKey(key);
        case "page" -> streamScope && Templates.PAGE.contains(key);
        case "cursor" -> streamScope && Templates.CURSOR.contains(key);
        default -> false;
      };
      if (!ok) {
        List<String> known = new ArrayList<>(keys.keySet().stream().map(k -> "config." + k).toList());
        if (streamScope) {
          Templates.PAGE.forEach(p -> known.add("page." + p));
          Templates.CURSOR.forEach(c -> known.add("cursor." + c));
        }
        throw err.at(at, "unknown placeholder {{" + n + "}}",
            NameSuggester.didYouMean(n, new HashSet<>(known)) + "known here: " + known);
      }
    }
  }

  private static void pointer(DefinitionErrors err, String at, String ptr) {
    if (!ptr.isEmpty() && !ptr.startsWith("/")) {
      throw err.at(at, "'" + ptr + "' is not a JSON pointer",
          "start it with '/', e.g. /data or /meta/next (\"\" for the whole body)");
    }
  }

  private static void require(DefinitionErrors err, String at, String value, String what) {
    if (value == null || value.isBlank()) {
      throw err.at(at, "missing", "give " + what);
    }
  }

  private static void duration(DefinitionErrors err, String at, String text) {
    try {
      Durations.parse(text);
    } catch (TributaryException e) {
      throw err.at(at, e.getMessage(), e.hint());
    }
  }
}
