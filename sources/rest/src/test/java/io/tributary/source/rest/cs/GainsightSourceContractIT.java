package io.tributary.source.rest.cs;

import io.tributary.sandbox.gainsight.GainsightRecords;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Tag;

/** The source contract: gainsight.yml's companies stream against the Gainsight simulator (Read API, offset pages). */
@Tag("sandbox")
class GainsightSourceContractIT extends DefinitionContract {

  @Override
  protected SimulatedDefinition definition() {
    return SimulatedDefinition.GAINSIGHT;
  }

  @Override
  protected SimulatedDefinition.StreamOf streamOf() {
    return SimulatedDefinition.GAINSIGHT.streams().get(0);
  }

  @Override
  protected LongFunction<String> idOf() {
    return i -> GainsightRecords.gsid(GainsightRecords.COMPANY, i);
  }
}
