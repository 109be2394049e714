package io.tributary.source.rest.cs;

import java.util.function.LongFunction;
import org.junit.jupiter.api.Tag;

/** The source contract: churnzero.yml's contacts stream against the ChurnZero simulator (OData, next links). */
@Tag("sandbox")
class ChurnZeroSourceContractIT extends DefinitionContract {

  @Override
  protected SimulatedDefinition definition() {
    return SimulatedDefinition.CHURNZERO;
  }

  @Override
  protected SimulatedDefinition.StreamOf streamOf() {
    return SimulatedDefinition.CHURNZERO.streams().get(1);
  }

  @Override
  protected LongFunction<String> idOf() {
    return i -> Long.toString(i + 1);
  }
}
