package io.tributary.sandbox.marketo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One bulk export job of the simulator: its request (fields, header names, date filter) and its life
 * Created → Queued → Processing → Completed (or Cancelled). The file is rendered once, when the job completes.
 */
final class MarketoExportJob {

  final String id;
  final String kind;
  final List<String> fields;
  final Map<String, String> headerNames;
  final String filterField;
  final Instant from;
  final Instant to;
  final List<Long> activityTypeIds;
  final Instant createdAt;
  String status = "Created";
  Instant queuedAt;
  Instant startedAt;
  Instant finishedAt;
  int polls;
  byte[] file;
  long records;
  boolean interrupted;

  MarketoExportJob(String id, String kind, List<String> fields, Map<String, String> headerNames, String filterField,
      Instant from, Instant to, List<Long> activityTypeIds, Instant createdAt) {
    this.id = id;
    this.kind = kind;
    this.fields = fields;
    this.headerNames = headerNames;
    this.filterField = filterField;
    this.from = from;
    this.to = to;
    this.activityTypeIds = activityTypeIds;
    this.createdAt = createdAt;
  }

  /** The job as the create, enqueue, status and cancel answers show it (bulk-activity-extract.md). */
  ObjectNode json() {
    ObjectNode n = MarketoJson.JSON.createObjectNode();
    n.put("exportId", id);
    n.put("format", "CSV");
    n.put("status", status);
    n.put("createdAt", createdAt.toString());
    if (queuedAt != null) {
      n.put("queuedAt", queuedAt.toString());
    }
    if (startedAt != null) {
      n.put("startedAt", startedAt.toString());
    }
    if (finishedAt != null) {
      n.put("finishedAt", finishedAt.toString());
      n.put("numberOfRecords", records);
      n.put("fileSize", file.length);
      n.put("fileChecksum", "sha256:" + sha256(file));
    }
    return n;
  }

  /** A readable line for tests: {@code leads updatedAt 2024-01-01T00:00:00Z..2024-02-01T00:00:00Z}. */
  String filter() {
    return kind + " " + filterField + " " + from + ".." + to;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
