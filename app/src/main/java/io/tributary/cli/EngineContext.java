package io.tributary.cli;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring context (job repository, providers, engine) on first use and closes it at exit. */
public final class EngineContext implements AutoCloseable {

  private final Class<?> configuration;
  private ConfigurableApplicationContext context;
  private java.nio.file.Path owner;
  /** The command line being run, recorded as the H2 repository's owner. */
  String command = "";

  /** @param configuration the Spring Boot application class whose context holds the engine */
  public EngineContext(Class<?> configuration) {
    this.configuration = configuration;
  }

  <T> T bean(Class<T> type) {
    return context().getBean(type);
  }

  <T> java.util.Collection<T> beans(Class<T> type) {
    return context().getBeansOfType(type).values();
  }

  private ConfigurableApplicationContext context() {
    if (context == null) {
      try {
        context = new SpringApplicationBuilder(configuration)
            .web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .run();
      } catch (RuntimeException e) {
        io.tributary.core.TributaryException busy = RepositoryOwner.busy(e);
        throw busy != null ? busy : e;
      }
      owner = RepositoryOwner.ownerFile(context.getEnvironment().getProperty("spring.datasource.url")).orElse(null);
      if (owner != null) {
        RepositoryOwner.record(owner, command);
      }
    }
    return context;
  }

  @Override
  public void close() {
    if (context != null) {
      if (owner != null) {
        RepositoryOwner.release(owner);
        owner = null;
      }
      context.close();
      context = null;
    }
  }
}
