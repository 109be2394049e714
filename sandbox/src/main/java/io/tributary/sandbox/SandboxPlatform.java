package io.tributary.sandbox;

/** Creates a platform's routes when a server starts; defines the platform's objects in the context's dataset. */
@FunctionalInterface
public interface SandboxPlatform {

  SandboxRoutes create(SandboxContext context);
}
