package io.tributary.core;

/**
 * The one exception type sources, sinks and the engine throw for failures a user must see. It carries what went
 * wrong, where, and how to fix it, and a {@link Kind} that decides retry and the process exit code.
 */
public class TributaryException extends RuntimeException {

  /** How a failure is handled. Classified in one place per platform. */
  public enum Kind {
    /** Bad job file, unknown field, missing secret, invalid option: fail fast, exit 2. */
    CONFIG(2),
    /** Credentials rejected (after one refresh) or permission denied: fail fast, exit 2. */
    AUTH(2),
    /** 429, 5xx, timeouts, resets: retried with backoff; if retries run out the run fails restartable, exit 1. */
    TRANSIENT(1),
    /** The platform's daily quota is nearly used: stop cleanly with the cursor saved, exit 1 (restartable). */
    QUOTA(1),
    /** A single bad record: quarantined, never fails the run on its own. */
    RECORD(1),
    /** A bug or an unexpected state: exit 1. */
    INTERNAL(1),
    /**
     * Another process holds what this one needs (the job's run lock, the H2 job repository, the DuckDB file): nothing
     * was done, try later, exit 3. Distinct from "failed" (1) and "configuration" (2) so a scheduler can retry later.
     */
    BUSY(3);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;
  private final String hint;

  public TributaryException(Kind kind, String message, String hint, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.hint = hint;
  }

  public static TributaryException config(String message, String hint) {
    return new TributaryException(Kind.CONFIG, message, hint, null);
  }

  public static TributaryException auth(String message, String hint) {
    return new TributaryException(Kind.AUTH, message, hint, null);
  }

  public static TributaryException transientFailure(String message, Throwable cause) {
    return new TributaryException(
        Kind.TRANSIENT, message, "run the job again: it resumes after the last committed chunk", cause);
  }

  public static TributaryException busy(String message, String hint, Throwable cause) {
    return new TributaryException(Kind.BUSY, message, hint, cause);
  }

  public static TributaryException record(String message) {
    return new TributaryException(Kind.RECORD, message, null, null);
  }

  public Kind kind() {
    return kind;
  }

  /** How to fix it, or null. */
  public String hint() {
    return hint;
  }

  /** The message and its fix hint, for a terminal. */
  public String describe() {
    return hint == null ? getMessage() : getMessage() + "\n  fix: " + hint;
  }

  /** Finds a TributaryException in a cause chain (Spring Batch wraps step failures). */
  public static TributaryException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TributaryException te) {
        return te;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
