package io.tributary.source.file;

import jakarta.validation.constraints.NotBlank;

/**
 * The {@code source:} block of a job that loads files dropped into a folder (ERP exports).
 *
 * @param dir the drop folder; relative paths resolve against the job's base directory
 */
public record FileSourceConfig(@NotBlank String dir) {}
