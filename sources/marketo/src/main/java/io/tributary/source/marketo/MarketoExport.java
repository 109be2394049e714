package io.tributary.source.marketo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One bulk export job as its create, enqueue or status answer describes it.
 *
 * @param id the {@code exportId}
 * @param status Created, Queued, Processing, Cancelled, Completed or Failed
 * @param numberOfRecords rows in the file once Completed, else 0
 * @param fileSize bytes of the file once Completed (what the daily allowance counts), else 0
 */
record MarketoExport(String id, String status, long numberOfRecords, long fileSize) {

  static MarketoExport of(JsonNode result) {
    return new MarketoExport(result.path("exportId").asText(), result.path("status").asText(""),
        result.path("numberOfRecords").asLong(0), result.path("fileSize").asLong(0));
  }

  boolean completed() {
    return status.equals("Completed");
  }

  /** Failed or cancelled: "If a job fails, you must recreate it" (bulk-extract.md). */
  boolean dead() {
    return status.equals("Failed") || status.equals("Cancelled") || status.equals("Canceled");
  }
}
