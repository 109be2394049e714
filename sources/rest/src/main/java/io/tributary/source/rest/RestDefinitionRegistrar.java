package io.tributary.source.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Registers the generic {@code rest} provider and one {@link RestSourceProvider} per definition shipped under
 * {@code tributary/rest/definitions/*.yml}, so the engine finds each by its type like a hand-written source. Runs once
 * at application start. A shipped definition that does not load is a build defect (ShippedDefinitionsTest loads
 * them all), so it fails the start.
 */
@Component
public class RestDefinitionRegistrar implements BeanDefinitionRegistryPostProcessor {

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    register(registry, RestSourceProvider.GENERIC, new RestSourceProvider());
    for (RestDefinition def : shipped()) {
      register(registry, def.name(), new RestSourceProvider(def));
    }
  }

  private static void register(BeanDefinitionRegistry registry, String type, RestSourceProvider provider) {
    RootBeanDefinition bean = new RootBeanDefinition(RestSourceProvider.class, () -> provider);
    registry.registerBeanDefinition("restSourceProvider." + type, bean);
  }

  /** Every definition shipped on the class path, parsed and validated. */
  public static java.util.List<RestDefinition> shipped() {
    try {
      Resource[] found = new PathMatchingResourcePatternResolver(RestDefinitionRegistrar.class.getClassLoader())
          .getResources("classpath*:" + DefinitionLoader.SHIPPED + "*.yml");
      java.util.List<RestDefinition> out = new java.util.ArrayList<>();
      for (Resource r : found) {
        try (InputStream in = r.getInputStream()) {
          out.add(DefinitionLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
              DefinitionLoader.SHIPPED + r.getFilename()));
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the shipped REST definitions", e);
    }
  }
}
