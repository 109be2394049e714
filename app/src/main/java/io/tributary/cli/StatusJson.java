package io.tributary.cli;

import io.tributary.engine.run.RunLockHolder;
import io.tributary.engine.state.WatermarkStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/** {@code ./tributary status --json}: the same facts as the text output, as one JSON document for scripts. */
final class StatusJson {

  private StatusJson() {}

  static Map<String, Object> job(String name, int runs, JobRepository repository, WatermarkStore watermarks,
      RunLockHolder running) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("job", name);
    job.put("running", running == null ? null : Map.of("host", running.host(), "pid", running.pid(),
        "since", String.valueOf(running.since())));
    List<Map<String, Object>> executions = new ArrayList<>();
    for (JobInstance instance : repository.getJobInstances(name, 0, runs)) {
      for (JobExecution e : repository.getJobExecutions(instance)) {
        executions.add(execution(e));
      }
    }
    job.put("runs", executions);
    job.put("last_loads", watermarks.audits(name, 20));
    job.put("watermarks", watermarks.all(name));
    return job;
  }

  private static Map<String, Object> execution(JobExecution e) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("run_id", e.getId());
    run.put("status", e.getStatus().toString());
    run.put("started_at", e.getStartTime());
    run.put("ended_at", e.getEndTime());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (StepExecution s : e.getStepExecutions()) {
      long quarantined = s.getExecutionContext().getLong("tributary.quarantined", 0L);
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("step", s.getStepName());
      step.put("status", s.getStatus().toString());
      step.put("read", s.getReadCount());
      step.put("written", s.getWriteCount() - quarantined);
      step.put("quarantined", quarantined);
      steps.add(step);
    }
    run.put("steps", steps);
    return run;
  }
}
