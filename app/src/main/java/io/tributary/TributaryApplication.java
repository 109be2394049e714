package io.tributary;

import io.tributary.cli.DeferredJdbcDrivers;
import io.tributary.cli.EngineContext;
import io.tributary.cli.TributaryCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.ReactiveAdapterRegistry;

/**
 * Entry point: the {@code ./tributary} command line. Spring starts only for commands that need the engine. The
 * context holds the job repository (DataSource, its transaction manager, Spring Batch) and the platform providers.
 *
 * <p>The auto-configurations are named, not discovered: {@code @EnableAutoConfiguration} would read every
 * auto-configuration candidate of the ~20 Spring Boot jars on the class path and test each for its classes, on every
 * start, to keep the seven below (Spring Boot's conditions report of a {@code run}). The rest would only add beans
 * nothing uses (task executors, JdbcTemplate/JdbcClient, Bean Validation, AOP and {@code @Transactional} proxies,
 * SSL bundles, an SQL script initializer: the {@code RepositorySchema} bean creates the Batch tables). Components
 * come from the candidate components index ({@code META-INF/spring.components}, docs/architecture.md).
 */
@SpringBootConfiguration
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@ImportAutoConfiguration({ConfigurationPropertiesAutoConfiguration.class, LifecycleAutoConfiguration.class,
    PropertyPlaceholderAutoConfiguration.class, DataSourceAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
    BatchJdbcAutoConfiguration.class})
public class TributaryApplication {

  public static void main(String[] args) {
    if (mayStartEngine(args)) {
      DeferredJdbcDrivers.install();
      preinitializeReactiveAdapters();
    }
    System.exit(execute(System.out, System.err, args));
  }

  /** Runs the command line in this JVM, the Spring context of this application started on first use; the exit code. */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    return TributaryCommand.execute(new EngineContext(TributaryApplication.class), out, err, args);
  }

  /**
   * {@code --version}, {@code --help} (of any command), {@code help} and {@code completion} never start the engine,
   * so they skip the start-up work done for it: registering the JDBC drivers and warming Reactor cost them ~0.4 s
   * of CPU (docs/performance.md, "Start-up of the distributions").
   */
  static boolean mayStartEngine(String[] args) {
    List<String> words = Arrays.asList(args);
    return args.length > 0 && !args[0].startsWith("-") && !NO_ENGINE.contains(args[0])
        && !words.contains("--help") && !words.contains("-h");
  }

  private static final Set<String> NO_ENGINE = Set.of("help", "completion");

  /**
   * Reactor is on the class path for remote partitioning (Spring Integration), so Spring's transaction interceptor
   * around the Batch job repository initialises its reactive adapter registry in every run: ~0.2 s of class loading
   * on the main thread. Doing it first on a second thread overlaps it with the command line and job file parsing,
   * the way Spring Boot's own background pre-initializer warms other shared infrastructure.
   */
  private static void preinitializeReactiveAdapters() {
    Thread t = new Thread(() -> {
      try {
        ReactiveAdapterRegistry.getSharedInstance();
      } catch (LinkageError e) {
        // without Reactor there is nothing to warm; the main thread will not ask for it either
      }
    }, "tributary-preinit");
    t.setDaemon(true);
    t.start();
  }
}
