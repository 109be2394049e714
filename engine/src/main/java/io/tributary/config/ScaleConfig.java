package io.tributary.config;

import io.tributary.core.SecretRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * A job's {@code scale:} block: the partitions of its streams ({@code partitions: N}) are sent as work requests to
 * {@code ./tributary worker} processes over this RabbitMQ broker instead of running on local threads. See
 * docs/scaling.md.
 *
 * @param broker the RabbitMQ broker the manager and the workers connect to
 * @param queuePrefix the work queue is {@code <queue_prefix>.<job name>} (default {@code tributary})
 */
public record ScaleConfig(@NotNull @Valid Broker broker,
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,100}", message = "must be letters, digits, '.', '_' or '-'")
    String queuePrefix) {

  public static final String DEFAULT_QUEUE_PREFIX = "tributary";

  public String queue(String job) {
    return (queuePrefix == null ? DEFAULT_QUEUE_PREFIX : queuePrefix) + "." + job;
  }

  /**
   * @param host broker host name
   * @param port AMQP port (default 5672)
   * @param username user name (default {@code guest})
   * @param password a secret reference ({@code ${env:RABBITMQ_PASSWORD}}); default {@code guest}
   * @param virtualHost the virtual host (default {@code /})
   */
  public record Broker(@NotBlank String host, @Positive @Max(65535) Integer port, String username,
      SecretRef password, String virtualHost) {

    public int portOrDefault() {
      return port == null ? 5672 : port;
    }

    public String usernameOrDefault() {
      return username == null ? "guest" : username;
    }

    public String virtualHostOrDefault() {
      return virtualHost == null ? "/" : virtualHost;
    }
  }
}
