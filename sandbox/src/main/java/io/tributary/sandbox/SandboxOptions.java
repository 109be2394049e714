package io.tributary.sandbox;

import io.tributary.core.TributaryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to run a sandbox server. Immutable; build with {@link #defaults()} and the {@code with*} methods, or from
 * command-line arguments with {@link #parse}.
 *
 * @param port TCP port on 127.0.0.1, 0 for any free port
 * @param seed the seed of the dataset and of the fault sequence
 * @param rowsPerObject generated rows per object unless {@code rowsByObject} names the object
 * @param rowsByObject per-object row counts
 * @param faults the faults to inject
 * @param threads server worker threads
 * @param requestsPerSecond the per-second request limit answered with the vendor's 429, 0 for none
 * @param dailyApiLimit the vendor's daily API call limit (Salesforce answers 403 REQUEST_LIMIT_EXCEEDED past it), 0 for
 *     none
 * @param timeoutHold how long a {@code timeout} fault holds the connection before closing it
 * @param settings platform settings as {@code platform.key=value} (see each platform's settings class)
 * @param platforms the platforms to serve
 */
public record SandboxOptions(
    int port,
    long seed,
    long rowsPerObject,
    Map<String, Long> rowsByObject,
    FaultSpec faults,
    int threads,
    int requestsPerSecond,
    long dailyApiLimit,
    Duration timeoutHold,
    Map<String, String> settings,
    List<SandboxPlatform> platforms) {

  private static final String USAGE =
      "options: --port=N --seed=N --rows=N --rows.<Object>=N --faults=SPEC --threads=N --rate-limit=N (per second)"
          + " --daily-limit=N --timeout-hold=30s --set platform.key=value";

  public SandboxOptions {
    rowsByObject = Map.copyOf(rowsByObject);
    settings = Map.copyOf(settings);
    platforms = List.copyOf(platforms);
    if (threads < 1) {
      throw TributaryException.config("sandbox threads must be at least 1, got " + threads, "use --threads=4");
    }
  }

  public static SandboxOptions defaults() {
    return new SandboxOptions(
        0, 42L, 1000L, Map.of(), FaultSpec.NONE, 4, 0, 0, Duration.ofSeconds(30), Map.of(), List.of());
  }

  /** Row count for an object: its own setting, else {@code rowsPerObject}. */
  public long rowsFor(String object) {
    return rowsByObject.getOrDefault(object, rowsPerObject);
  }

  /** A platform setting, or {@code fallback}. */
  public String setting(String key, String fallback) {
    return settings.getOrDefault(key, fallback);
  }

  /** A whole-number platform setting from {@code min} to {@code max}, or {@code fallback}; else a config error. */
  public int setting(String key, int fallback, int min, int max) {
    return (int) setting(key, (long) fallback, min, max);
  }

  /** A whole-number platform setting from {@code min} to {@code max}, or {@code fallback}; else a config error. */
  public long setting(String key, long fallback, long min, long max) {
    String v = setting(key, Long.toString(fallback));
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      boolean unbounded = max == Long.MAX_VALUE || max == Integer.MAX_VALUE;
      throw TributaryException.config("sandbox setting " + key + "=" + v + " is invalid", unbounded
          ? "use a whole number of at least " + min : "use a whole number from " + min + " to " + max);
    }
  }

  public SandboxOptions withSeed(long s) {
    return with(d -> d.seed = s);
  }

  public SandboxOptions withRows(long rows) {
    return with(d -> d.rowsPerObject = rows);
  }

  public SandboxOptions withRows(String object, long rows) {
    return with(d -> d.rowsByObject.put(object, rows));
  }

  public SandboxOptions withPort(int p) {
    return with(d -> d.port = p);
  }

  public SandboxOptions withThreads(int n) {
    return with(d -> d.threads = n);
  }

  public SandboxOptions withFaults(String spec) {
    FaultSpec parsed = FaultSpec.parse(spec);
    return with(d -> d.faults = parsed);
  }

  public SandboxOptions withTimeoutHold(Duration hold) {
    return with(d -> d.timeoutHold = hold);
  }

  public SandboxOptions withRateLimit(int perSecond) {
    return with(d -> d.requestsPerSecond = perSecond);
  }

  public SandboxOptions withDailyLimit(long limit) {
    return with(d -> d.dailyApiLimit = limit);
  }

  public SandboxOptions withPlatform(SandboxPlatform platform) {
    return with(d -> d.platforms.add(platform));
  }

  public SandboxOptions withSetting(String key, String value) {
    return with(d -> d.settings.put(key, value));
  }

  /** A copy with one change: every {@code with*} method is one line of {@link Draft}. */
  private SandboxOptions with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new SandboxOptions(d.port, d.seed, d.rowsPerObject, d.rowsByObject, d.faults, d.threads,
        d.requestsPerSecond, d.dailyApiLimit, d.timeoutHold, d.settings, d.platforms);
  }

  /** The options' components, mutable, while a {@code with*} method changes one. */
  private static final class Draft {

    int port;
    long seed;
    long rowsPerObject;
    final Map<String, Long> rowsByObject;
    FaultSpec faults;
    int threads;
    int requestsPerSecond;
    long dailyApiLimit;
    Duration timeoutHold;
    final Map<String, String> settings;
    final List<SandboxPlatform> platforms;

    Draft(SandboxOptions o) {
      port = o.port;
      seed = o.seed;
      rowsPerObject = o.rowsPerObject;
      rowsByObject = new LinkedHashMap<>(o.rowsByObject);
      faults = o.faults;
      threads = o.threads;
      requestsPerSecond = o.requestsPerSecond;
      dailyApiLimit = o.dailyApiLimit;
      timeoutHold = o.timeoutHold;
      settings = new LinkedHashMap<>(o.settings);
      platforms = new ArrayList<>(o.platforms);
    }
  }

  /**
   * Parses {@code --name=value} or {@code --name value} arguments (see the usage in errors). Platforms are not chosen
   * here: the caller adds them with {@link #withPlatform}.
   */
  public static SandboxOptions parse(String... args) {
    SandboxOptions o = defaults();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw TributaryException.config("unexpected sandbox argument '" + arg + "'", USAGE);
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg.substring(2);
        if (i + 1 >= args.length) {
          throw TributaryException.config("sandbox option --" + name + " needs a value", USAGE);
        }
        value = args[++i];
      }
      o = o.apply(name, value);
    }
    return o;
  }

  private SandboxOptions apply(String name, String value) {
    if (name.startsWith("rows.")) {
      return withRows(name.substring(5), number(name, value));
    }
    return switch (name) {
      case "port" -> withPort((int) number(name, value));
      case "seed" -> withSeed(number(name, value));
      case "rows" -> withRows(number(name, value));
      case "faults" -> withFaults(value);
      case "threads" -> withThreads((int) number(name, value));
      case "rate-limit" -> withRateLimit((int) number(name, value));
      case "daily-limit" -> withDailyLimit(number(name, value));
      case "timeout-hold" -> withTimeoutHold(FaultSpec.parse("slow:" + value + "@0%").rules().get(0).delay());
      case "set" -> {
        int eq = value.indexOf('=');
        if (eq <= 0) {
          throw TributaryException.config("--set needs key=value, got '" + value + "'", USAGE);
        }
        yield withSetting(value.substring(0, eq), value.substring(eq + 1));
      }
      default -> throw TributaryException.config("unknown sandbox option --" + name, USAGE);
    };
  }

  private static long number(String name, String value) {
    try {
      long n = Long.parseLong(value.replace("_", ""));
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw TributaryException.config(
          "sandbox option --" + name + " must be a non-negative whole number, got '" + value + "'", USAGE);
    }
  }
}
