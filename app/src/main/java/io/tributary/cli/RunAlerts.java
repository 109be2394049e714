package io.tributary.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.StreamProgress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alerts at the end of a run, to a webhook that takes Slack's incoming-webhook payload ({@code {"text": ...}}; Slack,
 * Mattermost, Rocket.Chat and Teams' Slack-compatible connectors take it): when the run did not complete, and when a
 * stream quarantined more than a share of what it read. Enabled by {@code TRIBUTARY_ALERT_WEBHOOK}; the share is
 * {@code TRIBUTARY_ALERT_QUARANTINE_PERCENT} (default 1); quota and lag alerts are {@link SlaAlerts}'. The exit code
 * already tells the scheduler; the webhook tells people.
 */
final class RunAlerts {

  private final URI webhook;
  private final double quarantinePercent;
  private final SlaAlerts sla;

  RunAlerts(URI webhook, double quarantinePercent) {
    this(webhook, quarantinePercent, null);
  }

  RunAlerts(URI webhook, double quarantinePercent, SlaAlerts sla) {
    this.webhook = webhook;
    this.quarantinePercent = quarantinePercent;
    this.sla = sla;
  }

  /** The configured alerts, or null when no webhook is configured. */
  static RunAlerts configured() {
    String url = System.getProperty("tributary.alerts.webhook", System.getenv("TRIBUTARY_ALERT_WEBHOOK"));
    if (url == null || url.isBlank()) {
      return null;
    }
    String share = System.getProperty("tributary.alerts.quarantine-percent",
        System.getenv().getOrDefault("TRIBUTARY_ALERT_QUARANTINE_PERCENT", "1"));
    return new RunAlerts(URI.create(url), Double.parseDouble(share), SlaAlerts.configured());
  }

  /** What is worth telling about this run, one line each; empty when nothing is. */
  List<String> findings(String job, RunResult result) {
    List<String> found = new ArrayList<>();
    if (result.exitCode() != 0) {
      found.add(":red_circle: job *" + job + "* " + result.status() + " (exit " + result.exitCode() + "): "
          + (result.message() == null ? "" : result.message().lines().findFirst().orElse("")));
    }
    for (StreamProgress p : result.streams()) {
      if (p.read() > 0 && p.quarantined() * 100.0 / p.read() > quarantinePercent) {
        found.add(String.format(":warning: job *%s* stream *%s* quarantined %,d of %,d records (%.1f%%, above %s%%):"
            + " see _tributary_quarantine", job, p.stream(), p.quarantined(), p.read(),
            p.quarantined() * 100.0 / p.read(), quarantinePercent));
      }
    }
    return found;
  }

  /** Posts the findings of a run started at {@code started}, if any; returns why the post failed, or null. */
  String send(String job, RunResult result, java.time.Instant started) {
    List<String> found = findings(job, result);
    if (sla != null) {
      found.addAll(sla.findings(job, result, started));
    }
    if (found.isEmpty()) {
      return null;
    }
    String body;
    try {
      body = new ObjectMapper().writeValueAsString(Map.of("text", String.join("\n", found)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return HttpPush.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        "alert webhook");
  }
}
