package io.tributary.mart;

import java.nio.file.Path;
import java.util.List;

/**
 * One mart: a SQL file whose header may declare {@code -- depends_on: other_mart, ...}. Its name is the file name
 * without {@code .sql}.
 */
public record MartFile(String name, Path path, List<String> dependsOn, String sql) {}
