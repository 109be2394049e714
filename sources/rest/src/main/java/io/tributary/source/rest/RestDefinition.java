package io.tributary.source.rest;

import java.util.List;
import java.util.Map;

/**
 * A REST connector definition: one YAML file (docs/sources/rest.md) that describes a platform's API well enough for
 * {@link RestSource} to read it. Bound by {@link DefinitionLoader} with snake_case keys and unknown keys rejected, then
 * checked by {@link DefinitionRules}; immutable and shared by every source built from it.
 *
 * @param name the source type it registers ({@code source.type} in a job), lower case
 * @param description one line for {@code tributary list}
 * @param docs the vendor's API reference the definition was written from
 * @param config the keys a job's {@code source:} block may set; every definition declares {@code base_url}
 * @param baseUrl the API root, usually {@code "{{config.base_url}}"}
 * @param auth how requests are authenticated: one flow, or alternatives of which a job uses the first whose config
 *     keys it sets (Oracle ERP Cloud: OAuth 2.0 JWT bearer, else basic)
 * @param headers headers sent with every request (templates allowed)
 * @param check what {@code tributary check} calls
 * @param rateLimit the platform's documented request budget
 * @param errors how error responses are classified
 * @param paging the default paging of streams that declare none
 * @param streams the streams, by name
 * @param hook the class name of a {@link RestHook} for what YAML cannot say, or null
 */
public record RestDefinition(
    String name,
    String description,
    String docs,
    List<ConfigKey> config,
    String baseUrl,
    List<AuthSpec> auth,
    Map<String, String> headers,
    CheckSpec check,
    RateLimitSpec rateLimit,
    ErrorSpec errors,
    PagingSpec paging,
    Map<String, StreamSpec> streams,
    String hook) {

  public RestDefinition {
    config = config == null ? List.of() : List.copyOf(config);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    auth = auth == null || auth.isEmpty() ? List.of(new AuthSpec(AuthSpec.Type.NONE, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null)) : List.copyOf(auth);
    streams = streams == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(streams));
  }

  /** One key of a job's {@code source:} block. */
  public record ConfigKey(String name, boolean required, boolean secret, String description,
      @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue) {}

  /**
   * How requests authenticate; which fields apply depends on {@code type}. Values are templates, usually
   * {@code "{{config.api_key}}"}.
   */
  public record AuthSpec(
      Type type,
      String header,
      String queryParam,
      String value,
      String username,
      String password,
      String token,
      String tokenUrl,
      String clientId,
      String clientSecret,
      String refreshToken,
      String scope,
      String clientAuth,
      String privateKey,
      String subject,
      String audience) {

    /** The supported flows. */
    public enum Type { NONE, API_KEY, BASIC, BEARER, OAUTH2_CLIENT_CREDENTIALS, OAUTH2_REFRESH_TOKEN, OAUTH2_JWT_BEARER }
  }

  /** What {@code check} calls: a stream's first page (of size 1 where paging allows) or a path. */
  public record CheckSpec(String stream, String path, Map<String, String> query) {}

  /**
   * The platform's request budget. {@code requests} per {@code per} is enforced client-side (one permit per slice, so
   * no rolling window ever sees more); {@code concurrency} caps the requests in flight; the headers are read on every
   * success to slow down before the budget is spent ({@link RequestGate}) and on a 429 without {@code Retry-After}.
   */
  public record RateLimitSpec(Integer requests, String per, String limitHeader, String remainingHeader,
      String resetHeader, String resetFormat, Integer concurrency) {}

  /**
   * Error classification: the first rule whose status and body pattern match decides. The vendor's message is at the
   * JSON pointer {@code message} of the body or, for APIs that answer errors without a body, in the response header
   * {@code messageHeader} (checked first).
   */
  public record ErrorSpec(String message, String messageHeader, List<ErrorRule> rules) {
    public ErrorSpec {
      rules = rules == null ? List.of() : List.copyOf(rules);
    }
  }

  /**
   * One rule: {@code status} is a code ({@code 401}), a class ({@code 4xx}) or a list; {@code body} a regular
   * expression searched in the body; {@code fix} the hint a user sees.
   */
  public record ErrorRule(List<String> status, String body, ErrorKind kind, String fix) {
    public ErrorRule {
      status = status == null ? List.of() : List.copyOf(status);
    }
  }

  /**
   * What an error response means. {@code EMPTY}: the platform answers "nothing matches" with an error status (Gainsight's
   * Read API: HTTP 400 {@code GSOBJ_1011} "No data found for given criteria"); the page is empty and paging ends.
   */
  public enum ErrorKind { CONFIG, AUTH, TRANSIENT, QUOTA, RECORD, EMPTY }

  /** One stream. */
  public record StreamSpec(
      String description,
      String path,
      String method,
      Map<String, String> query,
      Map<String, String> headers,
      String body,
      String records,
      List<String> primaryKey,
      CursorSpec cursor,
      PagingSpec paging,
      DeleteSpec deletes,
      SchemaSpec schema,
      Map<String, String> form,
      DeletedRecordsSpec deletedRecords) {

    public StreamSpec {
      form = form == null ? Map.of()
          : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(form));
      query = query == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
      method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
      records = records == null ? "" : records;
    }
  }

  /**
   * The incremental cursor: the record {@code field} whose greatest value becomes the watermark, and how its lower
   * (and optional upper) bound is sent.
   *
   * @param format {@code iso8601} (default), {@code iso8601_millis}, {@code epoch_seconds}, {@code epoch_millis},
   *     {@code date}, {@code number}, or a {@code java.time} pattern such as {@code yyyy-MM-dd'T'HH:mm:ss}
   * @param start a lower bound for the first (full) read, for APIs that require one
   * @param sorted true when pages arrive in ascending cursor order, so every page may carry the watermark
   */
  public record CursorSpec(String field, String param, String upperParam, String format, String start,
      boolean sorted) {}

  /**
   * How pages follow each other.
   *
   * @param type link_header, next_url, cursor, offset, page, keyset or none
   * @param sizeParam the query parameter for the page size
   * @param pageSize the size asked for when the job gives none; {@code maxPageSize} caps a job's
   * @param nextUrl JSON pointer of the next page's URL ({@code next_url})
   * @param token JSON pointer of the next page's token and {@code tokenParam} its parameter ({@code cursor})
   * @param offsetParam the offset parameter ({@code offset}); {@code pageParam} the page number ({@code page})
   * @param hasMore JSON pointer of a boolean saying more pages follow
   * @param total JSON pointer of the record count of the whole query; {@code totalPages} of the page count
   * @param key ({@code keyset}) the record field that breaks ties of the cursor field in the API's order, usually the
   *     primary key: each next page starts after the last (cursor value, key) read ({@link KeysetPaging})
   */
  public record PagingSpec(
      Type type,
      String sizeParam,
      Integer pageSize,
      Integer maxPageSize,
      String nextUrl,
      String token,
      String tokenParam,
      String offsetParam,
      String pageParam,
      Integer firstPage,
      String hasMore,
      String total,
      String totalPages,
      String linkRel,
      String key) {

    /** The paging styles. */
    public enum Type { NONE, LINK_HEADER, NEXT_URL, CURSOR, OFFSET, PAGE, KEYSET }

    static final PagingSpec NONE = new PagingSpec(Type.NONE, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null);

    int sizeFor(int requested) {
      int preferred = requested > 0 ? requested : pageSize == null ? 100 : pageSize;
      return maxPageSize == null ? preferred : Math.min(preferred, maxPageSize);
    }
  }

  /**
   * How a deleted record is recognised: {@code field} (a JSON pointer into the record or a top-level name) is set,
   * or equals {@code equals} when given.
   */
  public record DeleteSpec(String field, String equals) {}

  /**
   * A deleted-records endpoint read after the stream's own pages, with the same cursor bounds: each element that
   * {@code filter} marks deleted (every element when no filter is given) becomes a key-only soft delete of the
   * stream's table. BambooHR's {@code employees/changed} lists {@code action: Deleted} entries this way.
   *
   * @param path the endpoint (placeholders as in a stream's path)
   * @param query its query parameters
   * @param records JSON pointer of the element array
   * @param param the parameter that sends the cursor's lower bound (default: the stream's {@code cursor.param})
   * @param filter which elements are deletions
   * @param paging its paging (default {@code none})
   */
  public record DeletedRecordsSpec(String path, Map<String, String> query, String records, String param,
      DeleteSpec filter, PagingSpec paging) {
    public DeletedRecordsSpec {
      query = query == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
      records = records == null ? "" : records;
      paging = paging == null ? PagingSpec.NONE : paging;
    }

    /** This endpoint as a stream of the stream's key, for the request builder and the record selector. */
    StreamSpec asStream(StreamSpec of) {
      String lowerParam = param != null ? param : of.cursor() == null ? null : of.cursor().param();
      CursorSpec bound = new CursorSpec(null, lowerParam, null, null, null, false);
      return new StreamSpec(of.description(), path, "GET", query, of.headers(), null, records, of.primaryKey(),
          bound, paging, filter, null, null, null);
    }
  }

  /**
   * The stream's columns: declared {@code fields} (name: type), or read from the platform's field metadata, or, when
   * neither is given, inferred from a sample of the first page.
   */
  public record SchemaSpec(Map<String, String> fields, MetadataSpec metadata) {
    public SchemaSpec {
      fields = fields == null ? Map.of()
          : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
  }

  /**
   * Where a platform describes a stream's fields: a metadata endpoint ({@code path}), or, without one, the stream's
   * own first response (BambooHR's custom report answers its {@code fields} with {@code id, type, name}).
   *
   * @param fields JSON pointer of the field list
   * @param name the element field holding a column name; {@code type} the one holding the vendor's type
   * @param types vendor type to column type (string, integer, decimal, double, boolean, date, timestamp, json);
   *     a type not listed is string
   */
  public record MetadataSpec(String path, String fields, String name, String type, Map<String, String> types) {
    public MetadataSpec {
      fields = fields == null ? "" : fields;
      types = types == null ? Map.of() : Map.copyOf(types);
    }
  }
}
