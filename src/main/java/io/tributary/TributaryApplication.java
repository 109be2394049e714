package io.tributary;

import io.tributary.cli.TributaryCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: the {@code ./tributary} command line. Spring starts only for commands that need the engine. */
@SpringBootApplication
public class TributaryApplication {

  public static void main(String[] args) {
    System.exit(TributaryCommand.execute(args));
  }
}
