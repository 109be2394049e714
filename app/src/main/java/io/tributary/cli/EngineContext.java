package io.tributary.cli;

import java.io.IOException;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/** Starts the Spring context (job repository, providers, engine) on first use and closes it at exit. */
public final class EngineContext implements AutoCloseable {

  /**
   * The bean under which Spring Boot shares one class-metadata reader between the configuration class parser and
   * the auto-configuration sorter ({@code SharedMetadataReaderFactoryContextInitializer.BEAN_NAME}, a constant of a
   * package-private class); Boot registers its own only when no bean of this name exists.
   */
  private static final String METADATA_READER_BEAN =
      "org.springframework.boot.autoconfigure.internalCachingMetadataReaderFactory";
  /**
   * Class files do not change while a JVM runs, so the metadata Spring reads from them (with ASM, looking each up on
   * the class path) is read once per JVM rather than once per context. A command line starts one context, so this
   * changes nothing for it; a JVM that runs many commands (the in-process integration tests) spent part of
   * each context start reading the same classes again (14% of its samples in a flight recording).
   */
  private static final MetadataReaderFactory CLASS_METADATA = classMetadata();

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
            .initializers(EngineContext::shareClassMetadata)
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

  /**
   * A cache behind the plain interface: Spring's configuration class parser clears the cache of any
   * {@link CachingMetadataReaderFactory} it is given once it has parsed a context's classes.
   */
  private static MetadataReaderFactory classMetadata() {
    CachingMetadataReaderFactory readers = new CachingMetadataReaderFactory(EngineContext.class.getClassLoader());
    readers.setCacheLimit(4096);
    return new MetadataReaderFactory() {
      @Override
      public MetadataReader getMetadataReader(String className) throws IOException {
        return readers.getMetadataReader(className);
      }

      @Override
      public MetadataReader getMetadataReader(Resource resource) throws IOException {
        return readers.getMetadataReader(resource);
      }

      @Override
      public ResourceLoader getResourceLoader() {
        return readers.getResourceLoader();
      }
    };
  }

  private static void shareClassMetadata(ConfigurableApplicationContext context) {
    if (context instanceof BeanDefinitionRegistry registry && !registry.containsBeanDefinition(METADATA_READER_BEAN)) {
      registry.registerBeanDefinition(METADATA_READER_BEAN,
          BeanDefinitionBuilder.rootBeanDefinition(MetadataReaderFactory.class, () -> CLASS_METADATA)
              .getBeanDefinition());
    }
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
