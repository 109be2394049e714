package io.tributary.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Map;

/**
 * One job file ({@code jobs/*.yml}), bound with snake_case keys. The {@code source:} and {@code sink:} blocks stay
 * maps here: the platform's provider binds them into its own typed config. {@code pii_key} is the HMAC key of
 * fields with {@code pii: hash}. {@code scale} (optional) sends the partitions of partitioned streams to worker
 * processes over a broker (docs/scaling.md). {@code mart_variables} fills the marts' placeholders: {@code as_of}
 * (the date aging marts measure to, default today) and other jobs' schemas for cross-source marts (docs/marts.md).
 */
public record JobConfig(
    String name,
    String description,
    @NotNull Map<String, Object> source,
    @NotNull Map<String, Object> sink,
    @NotEmpty List<@Valid StreamConfig> streams,
    @Positive @Max(1_000_000) Integer chunkSize,
    @PositiveOrZero Long skipLimit,
    String schedule,
    Reconcile reconcile,
    List<String> marts,
    Map<String, String> martVariables,
    io.tributary.core.SecretRef piiKey,
    @Valid ScaleConfig scale) {

  public static final int DEFAULT_CHUNK_SIZE = 10_000;
  public static final long DEFAULT_SKIP_LIMIT = 1_000;

  /** What to do when a platform-reported count disagrees with rows written plus quarantined. */
  public enum Reconcile {
    WARN,
    STRICT,
    OFF
  }

  public int chunkSizeOrDefault() {
    return chunkSize == null ? DEFAULT_CHUNK_SIZE : chunkSize;
  }

  public long skipLimitOrDefault() {
    return skipLimit == null ? DEFAULT_SKIP_LIMIT : skipLimit;
  }

  public Reconcile reconcileOrDefault() {
    return reconcile == null ? Reconcile.WARN : reconcile;
  }

  public List<String> martsOrEmpty() {
    return marts == null ? List.of() : marts;
  }

  public String sourceType() {
    return String.valueOf(source.get("type"));
  }

  public String sinkType() {
    return String.valueOf(sink.get("type"));
  }
}
