package io.tributary.config;

import java.nio.file.Path;

/** A job file that passed load-time checks, with the binder that reports errors located in it. */
public record LoadedJob(Path file, String name, JobConfig config, ConfigBinder binder) {}
