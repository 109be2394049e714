package io.tributary.reliability;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One crash-matrix scenario: a job against a source whose ground truth the harness knows. The harness calls
 * {@link #prepare} once per trial (fresh source data, warehouse and job file), kills the run, calls {@link #mutate}
 * (changes at the source while the job is down), reruns until exit 0, then compares {@link #truth} with
 * {@link #warehouse}.
 */
interface ChaosScenario extends AutoCloseable {

  String name();

  /** Seeds the source, empties the warehouse, writes the job file into {@code dir}; returns the job file. */
  Path prepare(Path dir) throws Exception;

  /** Changes some source rows (updates, inserts, soft deletes) between the kill and the rerun. */
  void mutate(Random random) throws Exception;

  /** Key → the row's values as one string, as the source holds them now. */
  Map<String, String> truth() throws Exception;

  /** (key, values) of every warehouse row, duplicates included, in the same format as {@link #truth}. */
  List<Map.Entry<String, String>> warehouse() throws Exception;

  @Override
  default void close() throws Exception {}
}
