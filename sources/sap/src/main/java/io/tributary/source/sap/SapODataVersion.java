package io.tributary.source.sap;

import io.tributary.core.TributaryException;
import java.util.Locale;

/** The OData protocol version of a service: it decides the page envelope and the filter literal syntax. */
public enum SapODataVersion {
  /** SAP Gateway {@code /sap/opu/odata/...}: {@code d.results}, {@code d.__next}, {@code __count}, {@code /Date(ms)/}. */
  V2,
  /** RAP/Gateway {@code /sap/opu/odata4/...}: {@code value}, {@code @odata.nextLink}, {@code @odata.count}, ISO dates. */
  V4;

  static SapODataVersion parse(String text) {
    if (text == null || text.isBlank()) {
      return V2;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "v2", "2", "2.0" -> V2;
      case "v4", "4", "4.0" -> V4;
      default -> throw TributaryException.config("source.odata_version '" + text + "' is not an OData version",
          "use v2 (SAP Gateway services under /sap/opu/odata/) or v4 (services under /sap/opu/odata4/)");
    };
  }
}
