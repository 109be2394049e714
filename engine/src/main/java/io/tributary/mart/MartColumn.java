package io.tributary.mart;

/**
 * One column of a mart as the data dictionary declares it.
 *
 * @param name the column name in the warehouse
 * @param type the SQL type the mart produces (DECIMAL(18,2), VARCHAR, BIGINT, DATE, TIMESTAMP, BOOLEAN, DOUBLE)
 * @param description what the value means, in business terms
 * @param unit the unit of a measure (USD, days, count, percent), or null
 * @param pii true when the value identifies a person: readers mask it unless started with an explicit option
 */
public record MartColumn(String name, String type, String description, String unit, boolean pii) {}
