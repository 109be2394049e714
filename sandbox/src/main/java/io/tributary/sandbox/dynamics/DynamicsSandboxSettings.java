package io.tributary.sandbox.dynamics;

import io.tributary.sandbox.SandboxOptions;

/**
 * The Dataverse simulator's fixed credentials and knobs. Set with {@code --set dynamics.<key>=value}:
 * {@code change_tracking_days} (how long a delta token stays usable, default 30, the {@code ExpireChangeTrackingInDays}
 * default reported in MicrosoftDocs/powerapps-docs#3845) and {@code max_page_size} (default 5000, the Web API maximum).
 *
 * @param changeTrackingDays age after which a delta token is refused
 * @param maxPageSize the largest page served, whatever {@code odata.maxpagesize} asks
 */
public record DynamicsSandboxSettings(int changeTrackingDays, int maxPageSize) {

  public static final String TENANT_ID = "72f988bf-0000-4000-8000-00000000a11c";
  public static final String CLIENT_ID = "51f81489-12ee-4a9e-aaae-a2591f45987d";
  public static final String CLIENT_SECRET = "sandbox-dataverse-secret";
  public static final String API_VERSION = "v9.2";

  static DynamicsSandboxSettings from(SandboxOptions options) {
    return new DynamicsSandboxSettings(options.setting("dynamics.change_tracking_days", 30, 0, Integer.MAX_VALUE),
        options.setting("dynamics.max_page_size", 5000, 1, Integer.MAX_VALUE));
  }

  /** The Entra ID token path this simulator answers. */
  public static String tokenPath() {
    return "/" + TENANT_ID + "/oauth2/v2.0/token";
  }
}
