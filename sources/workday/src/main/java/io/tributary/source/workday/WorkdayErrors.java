package io.tributary.source.workday;

import io.tributary.http.Classification;
import io.tributary.http.DefaultErrorClassifier;
import io.tributary.http.ErrorClass;
import java.net.http.HttpHeaders;

/**
 * Every RaaS error rule. Workday publishes no RaaS error bodies (docs behind a login, see docs/sources/workday.md):
 * only the HTTP status is relied on. A 401 with Basic credentials is final (nothing to refresh); with an OAuth token
 * it is refreshed once. A 404 means the report, its owner or the tenant is unknown, or the report is not enabled as a
 * web service; {@link WorkdayClient} adds the report's name to the message.
 */
final class WorkdayErrors extends DefaultErrorClassifier {

  private final boolean basic;

  WorkdayErrors(boolean basic) {
    this.basic = basic;
  }

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    Classification c = super.classify(status, headers, body);
    if (status == 401 && basic) {
      return Classification.of(ErrorClass.AUTH, c.vendorMessage()).withHint("check username (the Integration"
          + " System User, often ISU_Name@tenant) and the password the job file references; an ISU password that"
          + " expired must be reset in Workday (Maintain Password for Integration System User)");
    }
    if (status == 403) {
      return c.withHint("share the report with the ISU (or its security group) and give the group Get access to"
          + " the report's data source domains");
    }
    if (status == 404) {
      return Classification.of(ErrorClass.CONFIG, c.vendorMessage()).withHint("check options.owner and"
          + " options.report against the report's web-service URL (Actions > Web Service > View URLs) and that"
          + " the report is an Advanced report with 'Enable As Web Service' ticked");
    }
    return c;
  }
}
