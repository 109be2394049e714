package io.tributary.mart.read;

import io.tributary.core.TributaryException;

/**
 * A query the reader will not run, or the database refused, with what to do instead. A configuration-kind failure:
 * the CLI exits 2 with the message and the hint.
 */
public final class QueryRefused extends TributaryException {

  public QueryRefused(String message, String hint) {
    super(Kind.CONFIG, message, hint, null);
  }

  /** The message and the hint, for a person or an agent. */
  @Override
  public String describe() {
    return "refused: " + getMessage().replaceFirst("\\.+$", "") + ". " + hint();
  }
}
