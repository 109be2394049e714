package io.tributary.cli;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.Transport;
import io.openlineage.client.utils.UUIDUtils;
import io.tributary.cli.LineageDatasets.Dataset;
import io.tributary.config.LoadedJob;
import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.StreamProgress;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * OpenLineage run events of a run (docs/operations.md, "Lineage"), with the official Java client: START before the
 * run, COMPLETE or FAIL after it, under one run id, with the source objects as inputs and the raw tables and marts as
 * outputs ({@link LineageDatasets}); the end event adds the rows written per table and, for marts, column lineage
 * where {@link MartColumnLineage} knows it. Sent to {@code TRIBUTARY_LINEAGE_URL} (an OpenLineage HTTP endpoint such
 * as Marquez: POST {@code /api/v1/lineage}) or appended as JSON lines to {@code TRIBUTARY_LINEAGE_FILE}. An event
 * that cannot be sent gives a warning; the run and its exit code are unchanged.
 */
final class RunLineage {

  static final URI PRODUCER = URI.create("https://github.com/tributary-io/tributary");

  private final OpenLineageClient client;
  private final String namespace;
  private final OpenLineage ol = new OpenLineage(PRODUCER);

  RunLineage(Transport transport, String namespace) {
    this.client = new OpenLineageClient(transport);
    this.namespace = namespace;
  }

  /** The configured lineage, or null when no endpoint and no file are set. */
  static RunLineage configured() {
    String url = OpsSetting.get("tributary.lineage.url", "TRIBUTARY_LINEAGE_URL", null);
    String file = OpsSetting.get("tributary.lineage.file", "TRIBUTARY_LINEAGE_FILE", null);
    String ns = OpsSetting.get("tributary.lineage.namespace", "TRIBUTARY_LINEAGE_NAMESPACE", "tributary");
    if (url != null) {
      HttpConfig http = new HttpConfig();
      URI uri = URI.create(url.replaceFirst("/+$", ""));
      http.setUrl(uri);
      http.setEndpoint(uri.getPath().isEmpty() ? "/api/v1/lineage" : uri.getPath());
      http.setTimeoutInMillis(10_000);
      return new RunLineage(new HttpTransport(http), ns);
    }
    return file == null ? null : new RunLineage(new FileTransport(new FileConfig(file)), ns);
  }

  /** The events of one run. */
  final class Run {
    private final LoadedJob job;
    private final UUID runId = UUIDUtils.generateNewUUID();

    private Run(LoadedJob job) {
      this.job = job;
    }

    UUID runId() {
      return runId;
    }

    /** The START event; returns why it was not sent, or null. */
    String start() {
      return emit(event(OpenLineage.RunEvent.EventType.START, null, ol.newRunFacetsBuilder().build()));
    }

    /** COMPLETE (exit 0) or FAIL with the error; returns why it was not sent, or null. */
    String end(RunResult result) {
      boolean ok = result.exitCode() == 0;
      OpenLineage.RunFacetsBuilder facets = ol.newRunFacetsBuilder();
      if (!ok) {
        facets.errorMessage(ol.newErrorMessageRunFacet(result.status() + " (exit " + result.exitCode() + ")"
            + (result.message() == null ? "" : ": " + result.message()), "java", null));
      }
      return emit(event(ok ? OpenLineage.RunEvent.EventType.COMPLETE : OpenLineage.RunEvent.EventType.FAIL,
          result, facets.build()));
    }

    private OpenLineage.RunEvent event(OpenLineage.RunEvent.EventType type, RunResult result,
        OpenLineage.RunFacets facets) {
      Map<String, StreamProgress> streams = result == null ? Map.of()
          : result.streams().stream().collect(Collectors.toMap(StreamProgress::stream, Function.identity()));
      return ol.newRunEventBuilder().eventType(type).eventTime(ZonedDateTime.now())
          .run(ol.newRunBuilder().runId(runId).facets(facets).build())
          .job(ol.newJobBuilder().namespace(namespace).name(job.name()).facets(ol.newJobFacetsBuilder()
              .jobType(ol.newJobTypeJobFacet("BATCH", "TRIBUTARY", "JOB")).build()).build())
          .inputs(LineageDatasets.inputs(job).stream()
              .map(d -> ol.newInputDatasetBuilder().namespace(d.namespace()).name(d.name()).build()).toList())
          .outputs(LineageDatasets.outputs(job).stream()
              .map(d -> output(d, d.stream() == null ? null : streams.get(d.stream()))).toList())
          .build();
    }

    private OpenLineage.OutputDataset output(Dataset d, StreamProgress written) {
      OpenLineage.OutputDatasetBuilder b = ol.newOutputDatasetBuilder().namespace(d.namespace()).name(d.name());
      if (written != null) {
        b.outputFacets(ol.newOutputDatasetOutputFacetsBuilder()
            .outputStatistics(ol.newOutputStatisticsOutputDatasetFacet(written.written(), null, null)).build());
      }
      if (d.reads() != null && !d.reads().columns().isEmpty()) {
        b.facets(ol.newDatasetFacetsBuilder().columnLineage(columnLineage(d)).build());
      }
      return b.build();
    }

    private OpenLineage.ColumnLineageDatasetFacet columnLineage(Dataset mart) {
      String schema = LineageDatasets.rawSchema(job.config().sink());
      OpenLineage.ColumnLineageDatasetFacetFieldsBuilder fields = ol.newColumnLineageDatasetFacetFieldsBuilder();
      mart.reads().columns().forEach((column, inputs) -> fields.put(column,
          ol.newColumnLineageDatasetFacetFieldsAdditionalBuilder().inputFields(inputs.stream().map(in -> ol
              .newInputFieldBuilder().namespace(mart.namespace()).name(schema + "." + in.substring(0, in.indexOf('.')))
              .field(in.substring(in.indexOf('.') + 1)).build()).toList()).build()));
      return ol.newColumnLineageDatasetFacetBuilder().fields(fields.build()).build();
    }
  }

  Run run(LoadedJob job) {
    return new Run(job);
  }

  private String emit(OpenLineage.RunEvent event) {
    try {
      client.emit(event);
      return null;
    } catch (RuntimeException e) {
      return "the lineage event was not sent: " + e.getMessage();
    }
  }
}
