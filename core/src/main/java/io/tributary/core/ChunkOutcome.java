package io.tributary.core;

/**
 * What one chunk left in the warehouse, as committed with it: the summary and the audit row add these up, so they
 * equal the rows in the table plus the rows in the quarantine.
 *
 * @param written rows loaded into the target (inserted or merged)
 * @param quarantined records put into {@link SystemTables#QUARANTINE}: those the mapping refused and those the
 *     warehouse refused (a value it cannot store)
 */
public record ChunkOutcome(int written, int quarantined) {}
