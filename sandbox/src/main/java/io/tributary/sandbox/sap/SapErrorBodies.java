package io.tributary.sandbox.sap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.sandbox.VendorResponse;

/**
 * SAP Gateway error bodies, shaped like ../shared/fixtures/sap/gateway_error_404_resource_not_found_camunda_doc.json
 * ({@code error.code}, {@code error.message.{lang,value}}, {@code innererror} with {@code transactionid} and
 * {@code errordetails}). The 404 code {@code /IWBEP/CM_MGW_RT/020} is from that recording; the fixtures hold no
 * 400, 429 or 5xx body, so those reuse the same envelope; their codes are placeholders, not recorded values.
 */
final class SapErrorBodies {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SapErrorBodies() {}

  static VendorResponse of(int status, String code, String message, String service) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.putObject("message").put("lang", "en").put("value", message);
    ObjectNode inner = error.putObject("innererror");
    ObjectNode app = inner.putObject("application");
    app.put("component_id", "").put("service_namespace", "/SAP/").put("service_id", service == null ? "" : service)
        .put("service_version", "0001");
    inner.put("transactionid", "D25C6A8CF4D30020E0067DD0610AFCCA");
    inner.put("timestamp", "");
    ObjectNode detail = inner.putArray("errordetails").addObject();
    detail.put("ContentID", "").put("code", code).put("message", message).put("propertyref", "")
        .put("severity", "error").put("transition", status >= 500 || status == 429).put("target", "");
    return VendorResponse.json(status, root.toString()).withHeader("dataserviceversion", "1.0");
  }

  static VendorResponse notFound(String segment, String service) {
    return of(404, "/IWBEP/CM_MGW_RT/020", "Resource not found for segment '" + segment + "'", service);
  }

  static VendorResponse badRequest(String message, String service) {
    return of(400, "/IWBEP/CM_MGW_RT/004", message, service);
  }

  static VendorResponse fault(int status) {
    String message = status == 429 ? "Too many requests; retry later" : "In the context of Data Services an"
        + " unknown internal server error occurred";
    return of(status, "/IWFND/CM_BEC/026", message, null);
  }
}
