package io.tributary.sandbox;

/**
 * Makes a platform's simulator available to {@code ./tributary sandbox}. Implementations are Spring components in the
 * platform's sandbox package, so adding a simulator touches nothing else.
 */
public interface SandboxPlatformProvider {

  /** The name used with {@code --platform}, for example {@code salesforce}. */
  String name();

  SandboxPlatform platform();

  /** One line telling a user how to point a job at this simulator (base path, sandbox credentials). */
  String usage(String baseUrl);
}
