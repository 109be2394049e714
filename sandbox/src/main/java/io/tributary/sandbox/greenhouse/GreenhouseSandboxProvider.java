package io.tributary.sandbox.greenhouse;

import io.tributary.sandbox.DefinitionSimulator;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The Greenhouse Harvest simulator, for {@code ./tributary sandbox} and for a Greenhouse job's {@code sandbox:} block:
 * the job reads the simulator with the simulator's API key; the job's own key is set aside.
 */
@Component
public final class GreenhouseSandboxProvider extends DefinitionSimulator<GreenhouseSandboxConfig> {

  public GreenhouseSandboxProvider() {
    super("greenhouse", GreenhouseSandbox.platform(), GreenhouseSandboxConfig.class, "/v1",
        Map.of("api_key", GreenhouseSandbox.API_KEY));
  }

  @Override
  public String usage(String baseUrl) {
    return "base_url " + baseUrl + "/v1, Harvest API key " + GreenhouseSandbox.API_KEY
        + " (Basic auth user name, empty password)";
  }
}
