package io.tributary.source.rest;

import io.tributary.core.Source;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.bamboohr.BambooHrSandboxSettings;
import java.util.Map;

/** bamboohr sources against a BambooHR simulator, for the BambooHR ITs. */
final class BambooHrSources {

  static final String GATEWAY = "/api/gateway.php";

  private BambooHrSources() {}

  static Source source(SandboxServer sandbox, String apiKey) {
    return ShippedSources.create("bamboohr.yml", Map.of("base_url", sandbox.baseUrl() + GATEWAY,
        "company_domain", BambooHrSandboxSettings.COMPANY_DOMAIN), Map.of("api_key", apiKey));
  }

  static Source source(SandboxServer sandbox) {
    return source(sandbox, BambooHrSandboxSettings.API_KEY);
  }
}
