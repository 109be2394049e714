package io.tributary.sandbox.workday;

/** The Workday simulator's fixed tenant, report and credentials (public test values, not secrets). */
public final class WorkdaySandboxSettings {

  public static final String TENANT = "tributary_sandbox";
  public static final String OWNER = "ISU_Tributary";
  public static final String REPORT = "Workers_Changed";
  public static final String OBJECT = "workers";
  public static final String ISU_USER = "ISU_Tributary@tributary_sandbox";
  public static final String ISU_PASSWORD = "sandbox-isu-password";
  public static final String CLIENT_ID = "NmQ0ZGYxYjYtc2FuZGJveC1jbGllbnQ";
  public static final String CLIENT_SECRET = "sandbox-api-client-secret";
  public static final String REFRESH_TOKEN = "sandbox-refresh-token-4f1c";
  public static final String FROM_PROMPT = "From_Date";
  public static final String TO_PROMPT = "To_Date";

  private WorkdaySandboxSettings() {}

  public static String tokenPath() {
    return "/ccx/oauth2/" + TENANT + "/token";
  }
}
