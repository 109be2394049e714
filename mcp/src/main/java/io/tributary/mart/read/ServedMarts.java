package io.tributary.mart.read;

import io.tributary.config.LoadedJob;
import io.tributary.core.TributaryException;
import io.tributary.mart.MartBuilder;
import io.tributary.mart.MartFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs a reader serves (one job file, or every job of a project folder) with their warehouses: jobs that load
 * into the same warehouse share one reader of it. Every mart name belongs to exactly one job, so a catalog entry and
 * a query can name a mart without saying where it lives; two jobs building a mart of the same name are refused at
 * start (exit 2). A query runs on one warehouse: the one of the job it names, else the only one served, else the one
 * whose marts the SQL names.
 */
final class ServedMarts implements AutoCloseable {

  private static final Pattern MART_NAME = Pattern.compile("(?i)\\bmarts\\s*\\.\\s*\"?([a-z_][a-z0-9_]*)");

  /** One served job, its warehouse's reader and its catalog. */
  record Job(LoadedJob job, MartWarehouse warehouse, MartCatalog catalog) {
    String name() {
      return job.name();
    }
  }

  private final String name;
  private final List<Job> jobs;
  private final List<MartWarehouse> warehouses;
  private final Map<String, Job> byMart;

  private ServedMarts(String name, List<Job> jobs, List<MartWarehouse> warehouses, Map<String, Job> byMart) {
    this.name = name;
    this.jobs = jobs;
    this.warehouses = warehouses;
    this.byMart = byMart;
  }

  /** Opens the warehouses of {@code jobs}; {@code name} is what is served (the job, or the project folder). */
  static ServedMarts open(String name, List<LoadedJob> loaded, boolean showPii) {
    Map<String, MartWarehouse> warehouses = new LinkedHashMap<>();
    List<Job> jobs = new ArrayList<>();
    Map<String, Job> byMart = new LinkedHashMap<>();
    Map<String, LoadedJob> byName = new LinkedHashMap<>();
    try {
      for (LoadedJob job : loaded) {
        LoadedJob same = byName.put(job.name(), job);
        if (same != null) {
          throw TributaryException.config("two job files are named '" + job.name() + "': " + same.file() + " and "
              + job.file(), "rename one of them: a job's name is its file name, and it keys the job's state");
        }
        MartWarehouse opened = MartWarehouses.open(job, showPii);
        MartWarehouse warehouse = warehouses.putIfAbsent(opened.location(), opened);
        if (warehouse != null) {
          opened.close();
        } else {
          warehouse = opened;
        }
        Job served = new Job(job, warehouse, new MartCatalog(job, warehouse, Clock.systemUTC()));
        jobs.add(served);
        for (MartFile mart : MartBuilder.load(Path.of("").toAbsolutePath(), job.config().martsOrEmpty())) {
          Job other = byMart.put(mart.name().toLowerCase(Locale.ROOT), served);
          if (other != null) {
            throw TributaryException.config("the jobs " + other.job().file() + " and " + job.file()
                + " both build a mart named '" + mart.name() + "'",
                "serve one of them (./tributary mcp <job file>), or a folder whose jobs build marts of distinct"
                    + " names (for example jobs/customer_360)");
          }
        }
      }
    } catch (RuntimeException e) {
      warehouses.values().forEach(MartWarehouse::close);
      throw e;
    }
    return new ServedMarts(name, jobs, List.copyOf(warehouses.values()), byMart);
  }

  String name() {
    return name;
  }

  List<Job> jobs() {
    return jobs;
  }

  /** The job that builds {@code mart}, if any served job does. */
  Optional<Job> jobOf(String mart) {
    return Optional.ofNullable(byMart.get(String.valueOf(mart).toLowerCase(Locale.ROOT)));
  }

  /** Where the readers' data comes from, one location per warehouse. */
  String location() {
    return String.join("; ", warehouses.stream().map(MartWarehouse::location).toList());
  }

  /** The job whose warehouse answers {@code sql}: the one named, else the only warehouse, else the marts named. */
  Job route(String sql, String jobName) {
    if (jobName != null && !jobName.isBlank()) {
      return jobs.stream().filter(j -> j.name().equals(jobName)).findFirst().orElseThrow(() -> new QueryRefused(
          "no job named '" + jobName + "' is served here", "name one of: " + jobNames()));
    }
    if (warehouses.size() == 1) {
      return jobs.get(0);
    }
    TreeSet<String> named = new TreeSet<>();
    Map<MartWarehouse, Job> hit = new LinkedHashMap<>();
    Matcher m = MART_NAME.matcher(sql == null ? "" : sql);
    while (m.find()) {
      jobOf(m.group(1)).ifPresent(j -> {
        named.add(m.group(1));
        hit.putIfAbsent(j.warehouse(), j);
      });
    }
    if (hit.size() == 1) {
      return hit.values().iterator().next();
    }
    if (hit.isEmpty()) {
      throw new QueryRefused("this server reads " + warehouses.size() + " warehouses and the query names no mart"
          + " of them", "name marts as marts.<name> (list_marts gives each mart's job), or pass 'job' (one of: "
          + jobNames() + ")");
    }
    throw new QueryRefused("the query names marts of different warehouses (" + String.join(", ", named)
        + "), which one query cannot join", "query each warehouse on its own ('job': one of " + jobNames()
        + ") and combine the results");
  }

  private String jobNames() {
    return String.join(", ", jobs.stream().map(Job::name).toList());
  }

  @Override
  public void close() {
    warehouses.forEach(MartWarehouse::close);
  }
}
