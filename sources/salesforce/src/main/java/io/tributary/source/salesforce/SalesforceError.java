package io.tributary.source.salesforce;

/**
 * The first error of a Salesforce error body.
 *
 * @param status HTTP status
 * @param errorCode REST {@code errorCode} (INVALID_FIELD, ...) or OAuth {@code error} (invalid_grant, ...); null when
 *     the body had neither
 * @param message REST {@code message} or OAuth {@code error_description}; null when absent
 * @param oauth true when the body was the OAuth token endpoint's object form
 */
public record SalesforceError(int status, String errorCode, String message, boolean oauth) {}
