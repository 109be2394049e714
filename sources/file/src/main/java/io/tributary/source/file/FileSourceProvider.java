package io.tributary.source.file;

import io.tributary.core.PluginProvider;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import org.springframework.stereotype.Component;

/** Builds the {@code file} source: CSV and JSON Lines files dropped into a folder, each loaded once. */
@Component
public class FileSourceProvider extends PluginProvider<FileSourceConfig, Source>
    implements SourceProvider<FileSourceConfig> {

  public FileSourceProvider() {
    super("file", FileSourceConfig.class,
        (config, context) -> new FileSource(context.resolve(config.dir())));
  }
}
