package io.djinnbot.server.runs;

import io.djinnbot.model.RunStatus;
import io.djinnbot.model.StepStatus;
import io.djinnbot.server.store.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for runs and steps. Every method works on a handle the caller owns (and its transaction). */
public final class RunDao {
    private static final String RUN_COLUMNS = """
            id, pipeline_id, project_id, project_name, task_description, human_context, model_override,
            status, current_step_id, outputs, cursor_state, error, workspace, created_at, updated_at,
            started_at, completed_at""";

    private RunDao() {
    }

    public static void insertRun(Handle handle, RunRecord run) {
        handle.createUpdate("INSERT INTO runs (" + RUN_COLUMNS + """
                ) VALUES (:id, :pipeline, :project, :projectName, :task, :context, :model, :status, :current,
                :outputs, :cursor, :error, :workspace, :created, :updated, :started, :completed)""")
                .bind("id", run.id())
                .bind("pipeline", run.pipelineId())
                .bind("project", run.projectId())
                .bind("projectName", run.projectName())
                .bind("task", run.taskDescription())
                .bind("context", run.humanContext())
                .bind("model", run.modelOverride())
                .bind("status", run.status().wire())
                .bind("current", run.currentStepId())
                .bind("outputs", JsonColumns.write(run.outputs()))
                .bind("cursor", run.cursorState())
                .bind("error", run.error())
                .bind("workspace", run.workspace())
                .bind("created", run.createdAt())
                .bind("updated", run.updatedAt())
                .bind("started", run.startedAt())
                .bind("completed", run.completedAt())
                .execute();
    }

    public static void insertStep(Handle handle, String runId, String stepId, int position, String agentId,
                                  int maxRetries) {
        handle.createUpdate("""
                INSERT INTO steps (run_id, step_id, position, agent_id, status, max_retries)
                VALUES (:run, :step, :position, :agent, 'pending', :maxRetries)""")
                .bind("run", runId)
                .bind("step", stepId)
                .bind("position", position)
                .bind("agent", agentId)
                .bind("maxRetries", maxRetries)
                .execute();
    }

    public static Optional<RunRecord> findRun(Handle handle, String runId) {
        return handle.createQuery("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = :id")
                .bind("id", runId)
                .map((rs, ctx) -> mapRun(rs))
                .findOne();
    }

    public static List<RunRecord> listRuns(Handle handle, String pipelineId, String status, String agentId,
                                           int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM runs WHERE 1 = 1");
        if (pipelineId != null) {
            sql.append(" AND pipeline_id = :pipeline");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (agentId != null) {
            sql.append(" AND id IN (SELECT run_id FROM steps WHERE agent_id = :agent AND status <> 'pending')");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
        return handle.createQuery(sql.toString())
                .bind("pipeline", pipelineId)
                .bind("status", status)
                .bind("agent", agentId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> mapRun(rs))
                .list();
    }

    public static List<RunRecord> runsWithStatus(Handle handle, List<String> statuses) {
        return handle.createQuery("SELECT " + RUN_COLUMNS
                        + " FROM runs WHERE status IN (<statuses>) ORDER BY created_at")
                .bindList("statuses", statuses)
                .map((rs, ctx) -> mapRun(rs))
                .list();
    }

    public static List<StepRecord> steps(Handle handle, String runId) {
        return handle.createQuery("SELECT * FROM steps WHERE run_id = :run ORDER BY position")
                .bind("run", runId)
                .map((rs, ctx) -> mapStep(rs))
                .list();
    }

    public static Optional<StepRecord> step(Handle handle, String runId, String stepId) {
        return handle.createQuery("SELECT * FROM steps WHERE run_id = :run AND step_id = :step")
                .bind("run", runId)
                .bind("step", stepId)
                .map((rs, ctx) -> mapStep(rs))
                .findOne();
    }

    public static int countRunsWithStatus(Handle handle, String status) {
        return handle.createQuery("SELECT COUNT(*) FROM runs WHERE status = :status")
                .bind("status", status)
                .mapTo(Integer.class)
                .one();
    }

    /** Changes a run's status only when it is currently one of {@code from}; returns whether it did. */
    public static boolean compareAndSetStatus(Handle handle, String runId, List<RunStatus> from, RunStatus to,
                                              String error, Long completedAt) {
        return handle.createUpdate("""
                UPDATE runs SET status = :to, error = :error, updated_at = :now,
                    completed_at = COALESCE(:completed, completed_at)
                WHERE id = :id AND status IN (<from>)""")
                .bind("to", to.wire())
                .bind("error", error)
                .bind("now", System.currentTimeMillis())
                .bind("completed", completedAt)
                .bind("id", runId)
                .bindList("from", from.stream().map(RunStatus::wire).toList())
                .execute() == 1;
    }

    public static void updateStep(Handle handle, String runId, String stepId, StepStatus status, String sql,
                                  java.util.function.Consumer<org.jdbi.v3.core.statement.Update> binder) {
        var update = handle.createUpdate("UPDATE steps SET status = :status" + sql
                + " WHERE run_id = :run AND step_id = :step")
                .bind("status", status.wire())
                .bind("run", runId)
                .bind("step", stepId);
        binder.accept(update);
        update.execute();
    }

    private static RunRecord mapRun(ResultSet rs) throws SQLException {
        return new RunRecord(
                rs.getString("id"),
                rs.getString("pipeline_id"),
                rs.getString("project_id"),
                rs.getString("project_name"),
                rs.getString("task_description"),
                rs.getString("human_context"),
                rs.getString("model_override"),
                RunStatus.fromWire(rs.getString("status")),
                rs.getString("current_step_id"),
                JsonColumns.stringMap(rs.getString("outputs")),
                rs.getString("cursor_state"),
                rs.getString("error"),
                rs.getString("workspace"),
                rs.getLong("created_at"),
                rs.getLong("updated_at"),
                nullableLong(rs, "started_at"),
                nullableLong(rs, "completed_at"));
    }

    private static StepRecord mapStep(ResultSet rs) throws SQLException {
        return new StepRecord(
                rs.getString("run_id"),
                rs.getString("step_id"),
                rs.getInt("position"),
                rs.getString("agent_id"),
                StepStatus.fromWire(rs.getString("status")),
                rs.getInt("attempt"),
                rs.getInt("max_retries"),
                rs.getInt("iterations"),
                rs.getString("input"),
                JsonColumns.stringMap(rs.getString("outputs")),
                rs.getString("output_text"),
                rs.getString("thinking_text"),
                rs.getString("error"),
                rs.getString("model_used"),
                rs.getString("human_context"),
                nullableLong(rs, "started_at"),
                nullableLong(rs, "completed_at"),
                nullableLong(rs, "duration_ms"),
                rs.getInt("truncated") != 0);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
