package io.tributary.source.marketo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.TributaryException;
import java.util.ArrayList;
import java.util.List;

/**
 * One Marketo REST or bulk JSON response: {@code requestId}, {@code success}, the response-level {@code errors} and
 * the {@code result} array, whose items may carry record-level errors ({@code status: "skipped"} with
 * {@code reasons}). Both error levels come with HTTP 200 (error-codes.md).
 *
 * @param requestId Marketo's request id, for support cases
 * @param success false when {@code errors} says why
 * @param errors the response-level errors (6xx, 7xx, 1xxx codes)
 * @param result the result items, possibly empty
 * @param nextPageToken the paging token some endpoints return, or null
 */
public record MarketoResponse(String requestId, boolean success, List<Problem> errors, List<JsonNode> result,
    String nextPageToken) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One error: a Marketo code (always a string on the wire) and its message. */
  public record Problem(String code, String message) {

    @Override
    public String toString() {
      return code + " " + message;
    }
  }

  /** A result item Marketo skipped or failed, with its position in {@code result} and its reasons. */
  public record RecordProblem(int index, String status, List<Problem> reasons) {}

  public static MarketoResponse parse(String body) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (java.io.IOException e) {
      n = null;
    }
    if (n == null || !n.isObject()) {
      throw TributaryException.transientFailure("Marketo answered with a body that is not a JSON object: "
          + (body == null ? "" : body.substring(0, Math.min(120, body.length()))), null);
    }
    List<JsonNode> result = new ArrayList<>();
    n.path("result").forEach(result::add);
    String token = n.hasNonNull("nextPageToken") ? n.get("nextPageToken").asText() : null;
    return new MarketoResponse(n.path("requestId").asText(null), n.path("success").asBoolean(true),
        problems(n.path("errors")), result, token);
  }

  /** The result items whose {@code status} is {@code skipped} or {@code failed}, with their reasons. */
  public List<RecordProblem> recordProblems() {
    List<RecordProblem> out = new ArrayList<>();
    for (int i = 0; i < result.size(); i++) {
      String status = result.get(i).path("status").asText("");
      if (status.equals("skipped") || status.equals("failed")) {
        out.add(new RecordProblem(i, status, problems(result.get(i).path("reasons"))));
      }
    }
    return out;
  }

  /** The first result item, or a TRANSIENT failure when a successful answer has none. */
  JsonNode first(String what) {
    if (result.isEmpty()) {
      throw TributaryException.transientFailure("Marketo " + what + " answered success without a result (request "
          + requestId + ")", null);
    }
    return result.get(0);
  }

  private static List<Problem> problems(JsonNode array) {
    List<Problem> out = new ArrayList<>();
    array.forEach(e -> out.add(new Problem(e.path("code").asText(""), e.path("message").asText(""))));
    return out;
  }
}
