package io.tributary.cli;

import io.tributary.core.JobContext;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test class path only: fails stream steps on purpose, after N committed chunks, as Spring Batch's own restart tests
 * do. When {@link InjectedFailureOptions} are set it wraps every sink provider bean, so that each table writer a step
 * opens loads its first N chunks and then throws (a TRANSIENT failure, exit 1) inside the transaction of chunk N+1,
 * which rolls back. With a partition name it wraps only that partition's writers (state key
 * {@code <stream>#<partition>}). Production code has no such branch: this bean exists only where the tests are.
 *
 * <p>Sinks and table writers are wrapped as dynamic proxies so every method of the SPI, default ones included,
 * reaches the real sink unchanged, whatever the SPI gains.
 */
@Component
final class ChunkFailureInjector implements BeanPostProcessor {

  private final int failAfterChunks;
  private final String failPartition;

  ChunkFailureInjector(Environment environment) {
    this.failAfterChunks = environment.getProperty(InjectedFailureOptions.FAIL_AFTER_CHUNKS, Integer.class, 0);
    this.failPartition = environment.getProperty(InjectedFailureOptions.FAIL_PARTITION);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    return failAfterChunks > 0 && bean instanceof SinkProvider<?> provider ? failing(provider) : bean;
  }

  private <C> SinkProvider<C> failing(SinkProvider<C> provider) {
    return new SinkProvider<>() {
      @Override
      public String type() {
        return provider.type();
      }

      @Override
      public Class<C> configType() {
        return provider.configType();
      }

      @Override
      public Sink create(C config, JobContext context) {
        Sink sink = provider.create(config, context);
        return proxy(Sink.class, sink, (method, args) -> method.getName().equals("open")
            ? failing((TableWriter) method.invoke(sink, args), (TableSpec) args[0])
            : method.invoke(sink, args));
      }
    };
  }

  private TableWriter failing(TableWriter writer, TableSpec spec) {
    if (failPartition != null && !spec.stream().endsWith("#" + failPartition)) {
      return writer;
    }
    int[] chunks = {0};
    return proxy(TableWriter.class, writer, (method, args) -> {
      Object result = method.invoke(writer, args);
      // a whole file the warehouse loaded itself (loadCsv) is one chunk too; an empty answer loaded nothing
      boolean chunk = method.getName().equals("load")
          || method.getName().equals("loadCsv") && ((java.util.Optional<?>) result).isPresent();
      if (chunk && ++chunks[0] > failAfterChunks) {
        throw new TributaryException(TributaryException.Kind.TRANSIENT,
            "injected failure after " + failAfterChunks + " chunks (--fail-after-chunks)", "run again to resume", null);
      }
      return result;
    });
  }

  /** A call on the proxy, made on the real object; reflection's wrapper around what it throws is taken off. */
  @FunctionalInterface
  private interface Call {
    Object on(Method method, Object[] args) throws ReflectiveOperationException;
  }

  private static <T> T proxy(Class<T> type, T target, Call call) {
    InvocationHandler handler = (proxy, method, args) -> {
      try {
        return call.on(method, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
