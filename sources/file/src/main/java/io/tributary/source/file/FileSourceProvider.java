package io.tributary.source.file;

import io.tributary.core.JobContext;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import org.springframework.stereotype.Component;

/** Builds the {@code file} source: CSV and JSON Lines files dropped into a folder, each loaded once. */
@Component
public class FileSourceProvider implements SourceProvider<FileSourceConfig> {

  @Override
  public String type() {
    return "file";
  }

  @Override
  public Class<FileSourceConfig> configType() {
    return FileSourceConfig.class;
  }

  @Override
  public Source create(FileSourceConfig config, JobContext context) {
    return new FileSource(context.resolve(config.dir()));
  }
}
