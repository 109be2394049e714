package io.tributary.sandbox.totango;

import io.tributary.sandbox.DefinitionSimulator;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The Totango simulator, for {@code ./tributary sandbox} and a {@code type: totango} job's sandbox block. */
@Component
public final class TotangoSandboxProvider extends DefinitionSimulator<DefinitionSimulator.Block> {

  public TotangoSandboxProvider() {
    super("totango", TotangoSandbox.platform(), Block.class, "", Map.of("app_token", TotangoSandbox.APP_TOKEN));
  }
}
