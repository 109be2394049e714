package io.tributary.source.salesforce;

import io.tributary.core.Source;
import io.tributary.sandbox.SandboxServer;

/**
 * The source contract for Bulk API 2.0 query jobs: results fetched 300 rows per request (so several
 * Sforce-Locator pages) and handed out 200 at a time.
 */
class SalesforceBulkSourceContractIT extends SalesforceSourceContractIT {

  @Override
  protected Source source(SandboxServer sandbox) {
    return SalesforceTestSources.source(sandbox, null, 300);
  }

  @Override
  protected String mode() {
    return "bulk";
  }
}
