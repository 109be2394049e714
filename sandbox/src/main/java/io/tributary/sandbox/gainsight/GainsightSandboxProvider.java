package io.tributary.sandbox.gainsight;

import io.tributary.sandbox.DefinitionSimulator;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The Gainsight CS simulator, for {@code ./tributary sandbox} and a {@code type: gainsight} job's sandbox block. */
@Component
public final class GainsightSandboxProvider extends DefinitionSimulator<DefinitionSimulator.Block> {

  public GainsightSandboxProvider() {
    super("gainsight", GainsightSandbox.platform(), Block.class, "",
        Map.of("access_key", GainsightSandbox.ACCESS_KEY));
  }
}
