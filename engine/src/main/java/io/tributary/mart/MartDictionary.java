package io.tributary.mart;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the data dictionary: one {@code <mart>.yml} beside each {@code <mart>.sql}. A mart without one still builds
 * (a user's own SQL), but has no comments and shows as undeclared in the catalog.
 */
public final class MartDictionary {

  static final String MARTS_TREE = "sql/marts";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private MartDictionary() {}

  /** The declaration of a mart file, if its {@code .yml} exists. */
  public static Optional<MartDeclaration> of(MartFile mart) {
    Path yml = mart.path().resolveSibling(mart.name() + ".yml");
    return Files.isRegularFile(yml) ? Optional.of(read(yml)) : Optional.empty();
  }

  /** Every declaration under the project's sql/marts, by family then name. */
  public static List<MartDeclaration> all(Path projectDir) {
    Path root = projectDir.resolve(MARTS_TREE);
    List<MartDeclaration> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root, 2)) {
      for (Path yml : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        out.add(read(yml));
      }
    } catch (IOException e) {
      throw TributaryException.config("cannot list the data dictionary under " + root + ": " + e.getMessage(),
          "run from the project folder");
    }
    return out;
  }

  /** The declarations of the marts a job builds (the {@code marts:} entries), in build order. */
  public static List<MartDeclaration> forJob(Path projectDir, List<String> martEntries) {
    return MartBuilder.load(projectDir, martEntries).stream().map(MartDictionary::of)
        .flatMap(Optional::stream).toList();
  }

  static MartDeclaration read(Path yml) {
    String name = yml.getFileName().toString().replaceFirst("\\.yml$", "");
    String family = yml.getParent().getFileName().toString();
    try {
      Entry e = YAML.readValue(yml.toFile(), Entry.class);
      require(e.description, yml, "description");
      require(e.grain, yml, "grain");
      require(e.stalenessLimit, yml, "staleness_limit");
      if (e.columns == null || e.columns.isEmpty()) {
        throw TributaryException.config(yml + ": no columns declared", "list every column of the mart");
      }
      for (MartColumn c : e.columns) {
        require(c.description(), yml, "columns." + c.name() + ".description");
        require(c.type(), yml, "columns." + c.name() + ".type");
      }
      return new MartDeclaration(name, family, e.description.strip(), e.grain.strip(),
          e.inputs == null ? List.of() : e.inputs, Duration.parse("PT" + e.stalenessLimit.toUpperCase()),
          e.columns);
    } catch (IOException | RuntimeException e) {
      if (e instanceof TributaryException te) {
        throw te;
      }
      throw TributaryException.config("cannot read the dictionary entry " + yml + ": " + e.getMessage(),
          "fix the YAML (description, grain, inputs, staleness_limit like 26h, columns with name, type,"
              + " description, unit, pii)");
    }
  }

  private static void require(String value, Path yml, String field) {
    if (value == null || value.isBlank()) {
      throw TributaryException.config(yml + ": '" + field + "' is missing", "every mart declares it");
    }
  }

  /** The YAML shape of one entry. */
  record Entry(String description, String grain, List<String> inputs, String stalenessLimit,
      List<MartColumn> columns) {}
}
