package io.tributary.sandbox.sap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The simulator's A_SalesOrder type and error bodies against the vendor's own descriptions in ../shared/fixtures/sap:
 * every property it shares with the API_SALES_ORDER_SRV OpenAPI extract has the matching EDM type and facets, and
 * its Gateway error has the recorded 404's structure.
 */
@Tag("sandbox")
class SapSandboxFixturesTest {

  private static final Path SHARED = Path.of("..", "shared", "fixtures", "sap");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode shared(String file) throws IOException {
    Path p = SHARED.resolve(file);
    assumeTrue(Files.exists(p), "../shared/fixtures/sap is absent; " + file + " skipped");
    return JSON.readTree(Files.readString(p));
  }

  @Test
  void salesOrderPropertiesMatchTheOpenApiExtract() throws IOException {
    JsonNode props = shared("sap_api_hub_openapi_API_SALES_ORDER_SRV_extract.json")
        .path("components.schemas.API_SALES_ORDER_SRV.A_SalesOrderType").path("properties");
    SapEntity so = SapEntities.find(SapEntities.SALES, "A_SalesOrder");
    int checked = 0;
    for (SapEntity.Prop p : so.properties()) {
      JsonNode spec = props.path(p.name());
      assertThat(spec.isMissingNode()).as(p.name() + " is in the OpenAPI extract").isFalse();
      checked++;
      if (spec.path("type").asText().equals("boolean")) {
        assertThat(p.edm()).as(p.name()).isEqualTo("Edm.Boolean");
      } else if (spec.path("format").asText().equals("decimal")) {
        int scale = new BigDecimal(spec.path("multipleOf").asText()).stripTrailingZeros().scale();
        assertThat(p.edm()).as(p.name()).isEqualTo("Edm.Decimal");
        assertThat(p.facets()).as(p.name()).contains("Scale=\"" + scale + "\"");
      } else if (spec.path("example").asText().startsWith("/Date(")) {
        assertThat(p.edm()).as(p.name()).isIn("Edm.DateTime", "Edm.DateTimeOffset");
      } else {
        assertThat(p.edm()).as(p.name()).isEqualTo("Edm.String");
        assertThat(p.facets()).as(p.name()).contains("MaxLength=\"" + spec.path("maxLength").asInt() + "\"");
      }
    }
    assertThat(checked).isEqualTo(12);
  }

  @Test
  void errorBodyHasTheRecordedGatewayStructure() throws IOException {
    JsonNode recorded = shared("gateway_error_404_resource_not_found_camunda_doc.json");
    JsonNode ours = JSON.readTree(SapErrorBodies.notFound("A_BusinessPartnerType", "API_BUSINESS_PARTNER").body());
    assertThat(ours.path("error").path("code").asText()).isEqualTo(recorded.path("error").path("code").asText());
    assertThat(ours.path("error").path("message")).isEqualTo(recorded.path("error").path("message"));
    assertThat(fieldNames(ours.path("error").path("innererror").path("errordetails").get(0)))
        .isEqualTo(fieldNames(recorded.path("error").path("innererror").path("errordetails").get(0))
            .replace(",longtext_url", ""));
  }

  private static String fieldNames(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      sb.append(sb.length() == 0 ? "" : ",").append(it.next().getKey());
    }
    return sb.toString();
  }
}
