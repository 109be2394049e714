package io.tributary.cli;

import io.tributary.TributaryApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring context (job repository, providers, engine) on first use and closes it at exit. */
final class EngineContext implements AutoCloseable {

  private ConfigurableApplicationContext context;

  <T> T bean(Class<T> type) {
    return context().getBean(type);
  }

  <T> java.util.Collection<T> beans(Class<T> type) {
    return context().getBeansOfType(type).values();
  }

  private ConfigurableApplicationContext context() {
    if (context == null) {
      context = new SpringApplicationBuilder(TributaryApplication.class)
          .web(WebApplicationType.NONE)
          .logStartupInfo(false)
          .run();
    }
    return context;
  }

  @Override
  public void close() {
    if (context != null) {
      context.close();
      context = null;
    }
  }
}
