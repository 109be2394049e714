package io.tributary.sandbox.workday;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.AccessTokenMint;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.SandboxRoutes;
import io.tributary.sandbox.SandboxTokens;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Workday RaaS simulator, kept to what is documented publicly (docs/sources/workday.md lists facts and
 * assumptions): {@code GET /ccx/service/customreport2/{tenant}/{owner}/{report}?format=json} answering
 * {@code {"Report_Entry":[...]}} with the fields' aliases as keys and prompts as query parameters; ISU Basic auth or
 * a Bearer token from the refresh-token grant at {@code /ccx/oauth2/{tenant}/token}. Its one report,
 * {@code ISU_Tributary/Workers_Changed}, lists the dataset's workers whose last update falls in
 * {@code From_Date..To_Date} (UTC dates, inclusive; both optional). Status codes of errors are assumptions: 401 for
 * bad credentials, 404 for an unknown report.
 */
public final class WorkdayRoutes implements SandboxRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TITLES = List.of("Analyst", "Engineer", "Manager", "Recruiter", "Accountant");
  private static final List<String> DEPARTMENTS = List.of("Finance", "Engineering", "People", "Sales", "Support");

  private final SandboxContext context;
  private final AccessTokenMint mint;

  WorkdayRoutes(SandboxContext context) {
    this.context = context;
    context.dataset().define(WorkdaySandboxSettings.OBJECT, context.options().rowsFor(WorkdaySandboxSettings.OBJECT));
    this.mint = new AccessTokenMint(context, 0x3D4DL);
  }

  @Override
  public String prefix() {
    return "/ccx/";
  }

  @Override
  public void handle(HttpExchange ex, boolean corrupt) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body = SandboxHttp.body(ex);
    if (path.equals(WorkdaySandboxSettings.tokenPath())) {
      SandboxHttp.send(ex, token(ex.getRequestHeaders().getFirst("Authorization"), SandboxHttp.form(body)));
      return;
    }
    if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
      SandboxHttp.send(ex, new VendorResponse(401, Map.of("WWW-Authenticate", "Basic realm=\"Workday\""), ""));
      return;
    }
    String expected = "/ccx/service/customreport2/" + WorkdaySandboxSettings.TENANT + "/"
        + WorkdaySandboxSettings.OWNER + "/" + WorkdaySandboxSettings.REPORT;
    if (!path.equals(expected)) {
      SandboxHttp.send(ex, new VendorResponse(404, Map.of("Content-Type", "text/plain"),
          "Report not found: " + path.substring(path.lastIndexOf('/') + 1)));
      return;
    }
    SandboxHttp.send(ex, report(SandboxHttp.query(ex), corrupt));
  }

  private VendorResponse report(Map<String, String> query, boolean corrupt) {
    LocalDate from = date(query.get(WorkdaySandboxSettings.FROM_PROMPT), LocalDate.MIN);
    LocalDate to = date(query.get(WorkdaySandboxSettings.TO_PROMPT), LocalDate.MAX);
    List<Map<String, Object>> entries = context.dataset().rows(WorkdaySandboxSettings.OBJECT).filter(r -> {
      LocalDate d = LocalDate.ofInstant(r.modifiedAt(), ZoneOffset.UTC);
      return !d.isBefore(from) && !d.isAfter(to);
    }).map(WorkdayRoutes::entry).toList();
    if (corrupt && !entries.isEmpty()) {
      entries.get(0).put("Annual_Salary", "85,000.00x");
    }
    try {
      return VendorResponse.json(200, JSON.writeValueAsString(Map.of("Report_Entry", entries)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One worker as the report's aliases; RaaS JSON carries values as text (the XML output's JSON rendering). */
  public static Map<String, Object> entry(RowState r) {
    SplittableRandom rnd = new SplittableRandom(r.index() * 7919L + r.version());
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("Employee_ID", String.format("21%06d", r.index()));
    e.put("Worker", "Worker " + r.index());
    e.put("Hire_Date", LocalDate.ofInstant(r.createdAt(), ZoneOffset.UTC).toString());
    e.put("Job_Title", TITLES.get(rnd.nextInt(TITLES.size())));
    e.put("Department", DEPARTMENTS.get(rnd.nextInt(DEPARTMENTS.size())));
    e.put("Annual_Salary", (40_000 + rnd.nextInt(120_000)) + ".00");
    e.put("Active", r.deleted() ? "0" : "1");
    e.put("Last_Updated", r.modifiedAt().toString());
    return e;
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      return pair.equals(WorkdaySandboxSettings.ISU_USER + ":" + WorkdaySandboxSettings.ISU_PASSWORD);
    }
    return context.tokens().isValid(SandboxTokens.bearer(header));
  }

  /** The refresh-token grant with the API client's id and secret (Basic or in the form). */
  private VendorResponse token(String authorization, Map<String, String> form) {
    String client = form.get("client_id");
    String secret = form.get("client_secret");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
          StandardCharsets.UTF_8).split(":", 2);
      client = pair[0];
      secret = pair.length > 1 ? pair[1] : null;
    }
    if (!WorkdaySandboxSettings.CLIENT_ID.equals(client) || !WorkdaySandboxSettings.CLIENT_SECRET.equals(secret)) {
      return VendorResponse.json(401, "{\"error\":\"invalid_client\"}");
    }
    if (!"refresh_token".equals(form.get("grant_type"))
        || !WorkdaySandboxSettings.REFRESH_TOKEN.equals(form.get("refresh_token"))) {
      return VendorResponse.json(400, "{\"error\":\"invalid_grant\"}");
    }
    return VendorResponse.json(200, "{\"access_token\":\"" + mint.issue("wd-", 32)
        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
  }

  private static LocalDate date(String text, LocalDate fallback) {
    return text == null || text.isBlank() ? fallback : LocalDate.parse(text.substring(0, 10));
  }

  @Override
  public VendorResponse faultResponse(int status) {
    return new VendorResponse(status, Map.of("Content-Type", "text/plain"), "Service temporarily unavailable ("
        + status + ")");
  }
}
