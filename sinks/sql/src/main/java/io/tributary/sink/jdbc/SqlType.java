package io.tributary.sink.jdbc;

import java.util.Optional;

/**
 * A column type of a JDBC warehouse as Tributary writes and compares it, and the safe widenings between them.
 *
 * @param <T> the warehouse's type itself
 */
public interface SqlType<T extends SqlType<T>> {

  /** The type as DDL writes it: {@code numeric(12,2)}, {@code TIMESTAMP_TZ(9)}. */
  String ddl();

  /** Whether a column of this type takes every value of {@code other} unchanged. */
  boolean holds(T other);

  /**
   * The type a column of this type must become so it also holds {@code wanted}, or empty when the warehouse cannot
   * widen it without losing values. Asked only when this type does not hold {@code wanted}.
   */
  Optional<T> widenedFor(T wanted);
}
