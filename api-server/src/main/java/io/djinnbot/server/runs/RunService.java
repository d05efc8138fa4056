package io.djinnbot.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.model.EventType;
import io.djinnbot.model.RunStatus;
import io.djinnbot.server.app.errors.ApiException;
import io.djinnbot.server.engine.RunEngine;
import io.djinnbot.server.events.EventStore;
import io.djinnbot.server.pipelines.Pipeline;
import io.djinnbot.server.pipelines.PipelineRegistry;
import io.djinnbot.server.pipelines.PipelineRequirements;
import io.djinnbot.server.pipelines.PipelineStep;
import io.djinnbot.server.store.Database;
import io.djinnbot.server.store.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creating, reading, cancelling, restarting and deleting runs. Thread-safe. */
public final class RunService {
    private static final Logger LOGGER = LoggerFactory.getLogger(RunService.class);

    private final Database database;
    private final EventStore events;
    private final PipelineRegistry pipelines;
    private final RunEngine engine;
    private final int defaultMaxRetries;

    public RunService(Database database, EventStore events, PipelineRegistry pipelines, RunEngine engine,
                      int defaultMaxRetries) {
        this.database = database;
        this.events = events;
        this.pipelines = pipelines;
        this.engine = engine;
        this.defaultMaxRetries = defaultMaxRetries;
    }

    /** Validates a create request, stores the run and its steps in one transaction, and starts it. */
    public Map<String, Object> create(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object with pipeline_id and task_description");
        }
        rejectUnknownFields(body);
        String pipelineId = text(body, "pipeline_id", null, true);
        String task = text(body, "task_description", "task", true);
        String context = text(body, "human_context", "context", false);
        String projectName = text(body, "project_name", null, false);
        String projectId = text(body, "project_id", null, false);
        String modelOverride = text(body, "model_override", null, false);
        if (modelOverride != null && !modelOverride.contains("/") && !modelOverride.equals("offline")) {
            throw ApiException.badRequest("model_override must be 'provider/model', got '" + modelOverride + "'");
        }
        Pipeline pipeline = pipelines.find(pipelineId)
                .orElseThrow(() -> ApiException.notFound("Pipeline '" + pipelineId + "' not found"));
        Set<String> supplied = new LinkedHashSet<>(List.of("task_description", "task", "run_id"));
        if (context != null) {
            supplied.add("human_context");
            supplied.addAll(RunEngine.contextFields(context).keySet());
        }
        if (projectId != null) {
            supplied.add("project_id");
        }
        if (projectName != null) {
            supplied.add("project_name");
        }
        Set<String> missing = PipelineRequirements.missingVariables(pipeline, supplied);
        if (!missing.isEmpty()) {
            String name = missing.iterator().next();
            throw new ApiException(400, "pipeline '" + pipelineId + "' needs the template variable '" + name
                    + "', which nothing supplies (not a request field, nor an output of any step)",
                    missing.stream().map(v -> new ApiException.FieldProblem(v, "no value for template variable"))
                            .toList());
        }

        String runId = Ids.next("run_");
        Path workspace;
        try {
            workspace = engine.prepareWorkspace(runId);
        } catch (IOException e) {
            throw new UncheckedIOException("workspace folder cannot be created for " + runId, e);
        }
        long now = System.currentTimeMillis();
        RunRecord run = new RunRecord(runId, pipeline.id(), projectId, projectName, task, context, modelOverride,
                RunStatus.PENDING, null, Map.of(), "{}", null, workspace.toString(), now, now, null, null);
        try {
            database.writeVoid(handle -> {
                RunDao.insertRun(handle, run);
                List<PipelineStep> steps = pipeline.steps();
                for (int i = 0; i < steps.size(); i++) {
                    PipelineStep step = steps.get(i);
                    int retries = step.maxRetries() != null ? step.maxRetries()
                            : pipeline.defaults().maxRetries() != null ? pipeline.defaults().maxRetries()
                            : defaultMaxRetries;
                    RunDao.insertStep(handle, runId, step.id(), i, step.agent(), retries);
                }
            });
        } catch (RuntimeException e) {
            deleteQuietly(workspace);
            throw e;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("pipeline_id", pipeline.id());
        created.put("task_description", task);
        created.put("project_id", projectId);
        created.put("project_name", projectName);
        created.put("model_override", modelOverride);
        events.publish(EventType.RUN_CREATED, runId, created);
        LOGGER.info("run created run_id={} pipeline_id={}", runId, pipeline.id());
        engine.start(runId);
        return view(runId, true);
    }

    public Map<String, Object> view(String runId, boolean withSteps) {
        return database.read(handle -> {
            RunRecord run = RunDao.findRun(handle, runId).orElseThrow(() -> runNotFound(runId));
            return RunViews.run(run, RunDao.steps(handle, runId), usage(handle, runId), withSteps);
        });
    }

    public List<Map<String, Object>> list(String pipelineId, String status, String agentId, int limit, int offset) {
        if (status != null) {
            try {
                RunStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status must be one of pending, running, paused, completed, failed, "
                        + "cancelled; got '" + status + "'");
            }
        }
        if (limit < 1 || limit > 500) {
            throw ApiException.badRequest("limit must be between 1 and 500, got " + limit);
        }
        if (offset < 0) {
            throw ApiException.badRequest("offset must not be negative, got " + offset);
        }
        return database.read(handle -> RunDao.listRuns(handle, pipelineId, status, agentId, limit, offset).stream()
                .map(run -> RunViews.run(run, RunDao.steps(handle, run.id()), usage(handle, run.id()), false))
                .toList());
    }

    public List<StepRecord> steps(String runId) {
        return database.read(handle -> {
            RunDao.findRun(handle, runId).orElseThrow(() -> runNotFound(runId));
            return RunDao.steps(handle, runId);
        });
    }

    public StepRecord step(String runId, String stepId) {
        return database.read(handle -> {
            RunDao.findRun(handle, runId).orElseThrow(() -> runNotFound(runId));
            String plain = stepId.startsWith(runId + "_") ? stepId.substring(runId.length() + 1) : stepId;
            return RunDao.step(handle, runId, plain).orElseThrow(() -> ApiException.notFound(
                    "Step '" + stepId + "' not found in run '" + runId + "'"));
        });
    }

    /** Cancels an active run; 409 when it already finished. */
    public Map<String, Object> cancel(String runId) {
        RunRecord run = database.read(handle -> RunDao.findRun(handle, runId)).orElseThrow(() -> runNotFound(runId));
        if (!engine.cancel(runId, "cancelled by request")) {
            RunStatus now = database.read(handle -> RunDao.findRun(handle, runId)).map(RunRecord::status)
                    .orElse(run.status());
            throw ApiException.conflict("Run '" + runId + "' is already " + now.wire() + " and cannot be cancelled");
        }
        return view(runId, false);
    }

    /**
     * Restarts a failed or cancelled run from the step where it stopped, reusing the outputs of the
     * steps that completed.
     */
    public Map<String, Object> restart(String runId, String extraContext) {
        RunRecord run = database.read(handle -> RunDao.findRun(handle, runId)).orElseThrow(() -> runNotFound(runId));
        if (run.status() != RunStatus.FAILED && run.status() != RunStatus.CANCELLED) {
            String hint = run.status().isTerminal() ? "start a new run instead" : "cancel it first";
            throw ApiException.conflict("Run '" + runId + "' is " + run.status().wire()
                    + "; only a failed or cancelled run can be restarted (" + hint + ")");
        }
        if (pipelines.find(run.pipelineId()).isEmpty()) {
            throw ApiException.conflict("Run '" + runId + "' cannot be restarted: pipeline '" + run.pipelineId()
                    + "' no longer exists");
        }
        String context = extraContext == null || extraContext.isBlank() ? run.humanContext()
                : run.humanContext() == null || run.humanContext().isBlank() ? extraContext
                : run.humanContext() + "\n\n" + extraContext;
        boolean restarted = database.write(handle -> {
            int changed = handle.createUpdate("""
                    UPDATE runs SET status = 'pending', error = NULL, completed_at = NULL, human_context = :context,
                        updated_at = :now
                    WHERE id = :id AND status IN ('failed', 'cancelled')""")
                    .bind("context", context).bind("now", System.currentTimeMillis()).bind("id", runId).execute();
            if (changed == 0) {
                return false;
            }
            handle.createUpdate("""
                    UPDATE steps SET status = 'pending', attempt = 0, error = NULL, completed_at = NULL,
                        human_context = :extra
                    WHERE run_id = :run AND status IN ('failed', 'cancelled', 'running', 'queued', 'retrying')""")
                    .bind("extra", extraContext).bind("run", runId).execute();
            return true;
        });
        if (!restarted) {
            throw ApiException.conflict("Run '" + runId + "' changed state while restarting; try again");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step_id", run.currentStepId());
        fields.put("context", extraContext);
        events.publish(EventType.RUN_RESTARTED, runId, fields);
        LOGGER.info("run restarted run_id={} from_step={}", runId, run.currentStepId());
        engine.start(runId);
        return view(runId, true);
    }

    /** Deletes a finished run, its steps and its workspace. */
    public Map<String, Object> delete(String runId) {
        RunRecord run = database.read(handle -> RunDao.findRun(handle, runId)).orElseThrow(() -> runNotFound(runId));
        if (!run.status().isTerminal()) {
            throw ApiException.conflict("Run '" + runId + "' is " + run.status().wire()
                    + "; cancel it before deleting");
        }
        boolean deleted = database.write(handle -> handle.createUpdate(
                "DELETE FROM runs WHERE id = :id AND status IN ('completed', 'failed', 'cancelled')")
                .bind("id", runId).execute() == 1);
        if (!deleted) {
            throw ApiException.conflict("Run '" + runId + "' changed state while deleting; try again");
        }
        deleteQuietly(Path.of(run.workspace()));
        events.publish(EventType.RUN_DELETED, runId, Map.of());
        return Map.of("status", "deleted", "run_id", runId);
    }

    private static RunViews.Usage usage(Handle handle, String runId) {
        return handle.createQuery("""
                SELECT COALESCE(SUM(input_tokens), 0) AS i, COALESCE(SUM(output_tokens), 0) AS o,
                       COALESCE(SUM(total_tokens), 0) AS t, COALESCE(SUM(cost_total), 0) AS c, COUNT(*) AS n
                FROM llm_calls WHERE run_id = :run""")
                .bind("run", runId)
                .map((rs, ctx) -> new RunViews.Usage(rs.getLong("i"), rs.getLong("o"), rs.getLong("t"),
                        rs.getDouble("c"), rs.getInt("n")))
                .one();
    }

    private static ApiException runNotFound(String runId) {
        return ApiException.notFound("Run '" + runId + "' not found");
    }

    /** The create request's fields: the seed's names and the original's. */
    private static final List<String> CREATE_FIELDS = List.of("pipeline_id", "task_description", "task",
            "human_context", "context", "project_name", "project_id", "model_override");

    private static void rejectUnknownFields(JsonNode body) {
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!CREATE_FIELDS.contains(field)) {
                String near = CREATE_FIELDS.stream()
                        .filter(known -> known.contains(field) || field.contains(known.replace("_id", "")))
                        .findFirst().orElse(null);
                throw new ApiException(400, "unknown field '" + field + "'"
                        + (near == null ? "" : "; did you mean '" + near + "'?")
                        + " (known: " + String.join(", ", CREATE_FIELDS) + ")",
                        List.of(new ApiException.FieldProblem(field, "unknown field")));
            }
        }
    }

    private static String text(JsonNode body, String name, String alias, boolean required) {
        JsonNode node = body.get(name);
        String used = name;
        if ((node == null || node.isNull()) && alias != null) {
            node = body.get(alias);
            used = alias;
        }
        if (node == null || node.isNull()) {
            if (required) {
                throw new ApiException(400, "field '" + name + "' is required",
                        List.of(new ApiException.FieldProblem(name, "required")));
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new ApiException(400, "field '" + used + "' must be a string",
                    List.of(new ApiException.FieldProblem(used, "must be a string")));
        }
        String value = node.asText().trim();
        if (value.isEmpty()) {
            if (required) {
                throw new ApiException(400, "field '" + used + "' must not be empty",
                        List.of(new ApiException.FieldProblem(used, "must not be empty")));
            }
            return null;
        }
        return value;
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOGGER.warn("file not deleted path={}", path);
                }
            });
        } catch (IOException e) {
            LOGGER.warn("workspace not deleted path={}", folder);
        }
    }
}
