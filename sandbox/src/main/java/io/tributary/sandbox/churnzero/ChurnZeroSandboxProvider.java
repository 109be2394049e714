package io.tributary.sandbox.churnzero;

import io.tributary.sandbox.DefinitionSimulator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The ChurnZero simulator, for {@code ./tributary sandbox} and a {@code type: churnzero} job's sandbox block. */
@Component
public final class ChurnZeroSandboxProvider extends DefinitionSimulator<DefinitionSimulator.Block> {

  public ChurnZeroSandboxProvider() {
    super("churnzero", ChurnZeroSandbox.platform(), Block.class, ChurnZeroRoutes.PATH.replaceAll("/$", ""),
        credentials());
  }

  private static Map<String, String> credentials() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("username", ChurnZeroSandbox.USERNAME);
    m.put("api_key", ChurnZeroSandbox.API_KEY);
    return m;
  }
}
