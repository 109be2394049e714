package io.tributary.core;

/**
 * One mapped, validated row on its way to a sink. {@code values} is aligned with the columns of the
 * {@link TableSpec#schema()} (Java types as documented on {@link ColumnType}); it is an array, not a map, so sinks can
 * bulk-load without a lookup per value.
 */
public record Row(Object[] values, boolean deleted) {}
