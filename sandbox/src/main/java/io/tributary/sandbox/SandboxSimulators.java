package io.tributary.sandbox;

import io.tributary.sandbox.bamboohr.BambooHrSandbox;
import io.tributary.sandbox.churnzero.ChurnZeroSandbox;
import io.tributary.sandbox.dynamics.DynamicsSandbox;
import io.tributary.sandbox.ga4.Ga4Sandbox;
import io.tributary.sandbox.gainsight.GainsightSandbox;
import io.tributary.sandbox.greenhouse.GreenhouseSandbox;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.sandbox.marketo.MarketoSandbox;
import io.tributary.sandbox.netsuite.NetSuiteSandbox;
import io.tributary.sandbox.oracleerp.OracleErpSandbox;
import io.tributary.sandbox.salesforce.SalesforceSandbox;
import io.tributary.sandbox.sap.SapSandbox;
import io.tributary.sandbox.totango.TotangoSandbox;
import io.tributary.sandbox.workday.WorkdaySandbox;
import java.util.List;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Every simulator this module ships, registered as Spring beans: {@code ./tributary sandbox} lists them as
 * {@link SandboxPlatformProvider}s and the engine starts them for a job's {@code sandbox:} block as
 * {@link io.tributary.core.SourceSandbox}s. A distribution without this module has none. Adding a simulator adds its
 * package and one line here.
 */
@Configuration(proxyBeanMethods = false)
@Import(SandboxSimulators.Registrar.class)
public class SandboxSimulators {

  /** The simulators, one per platform. */
  public static List<SimulatedPlatform<?>> all() {
    return List.of(SalesforceSandbox.simulator(), HubSpotSandbox.simulator(), DynamicsSandbox.simulator(),
        SapSandbox.simulator(), NetSuiteSandbox.simulator(), MarketoSandbox.simulator(), Ga4Sandbox.simulator(),
        WorkdaySandbox.simulator(), GreenhouseSandbox.simulator(), BambooHrSandbox.simulator(),
        OracleErpSandbox.simulator(), GainsightSandbox.simulator(), TotangoSandbox.simulator(),
        ChurnZeroSandbox.simulator());
  }

  /** Registers each of {@link #all} under {@code <type>Simulator}. */
  static final class Registrar implements BeanRegistrar {

    @Override
    public void register(BeanRegistry registry, Environment env) {
      for (SimulatedPlatform<?> simulator : all()) {
        registry.registerBean(simulator.type() + "Simulator", SimulatedPlatform.class,
            spec -> spec.supplier(context -> simulator));
      }
    }
  }
}
