package io.tributary.source.salesforce;

import io.tributary.core.SecretRef;
import jakarta.validation.constraints.NotBlank;

/**
 * The {@code auth:} block of a Salesforce source.
 *
 * @param type {@code jwt_bearer} (server-to-server, recommended), {@code client_credentials} or {@code refresh_token}
 * @param clientId the connected app's consumer key
 * @param username the integration user (jwt_bearer)
 * @param privateKey PEM private key matching the certificate uploaded to the connected app (jwt_bearer)
 * @param clientSecret the consumer secret (client_credentials, refresh_token)
 * @param refreshToken the refresh token of an authorized user (refresh_token)
 * @param audience JWT audience override (default follows the login host)
 * @param tokenStoreDir where a rotated refresh token is kept (default ./.tributary/tokens)
 */
public record SalesforceAuthConfig(
    @NotBlank String type,
    String clientId,
    String username,
    SecretRef privateKey,
    SecretRef clientSecret,
    SecretRef refreshToken,
    String audience,
    String tokenStoreDir) {}
