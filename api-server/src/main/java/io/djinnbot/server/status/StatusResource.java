package io.djinnbot.server.status;

import io.djinnbot.server.agents.AgentRegistry;
import io.djinnbot.server.pipelines.PipelineRegistry;
import io.djinnbot.server.runs.RunDao;
import io.djinnbot.server.store.Database;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/status}: health, Redis state and counts. Public. */
@Path("/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public final class StatusResource {
    private final Database database;
    private final PipelineRegistry pipelines;
    private final AgentRegistry agents;
    private final String version;
    private final String dataDir;

    public StatusResource(Database database, PipelineRegistry pipelines, AgentRegistry agents, String version,
                          String dataDir) {
        this.database = database;
        this.pipelines = pipelines;
        this.agents = agents;
        this.version = version;
        this.dataDir = dataDir;
    }

    @GET
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", "ok");
        status.put("version", version);
        status.put("redis_connected", false);
        status.put("redis", "not configured");
        database.read(handle -> {
            status.put("active_runs", RunDao.countRunsWithStatus(handle, "running"));
            status.put("pending_runs", RunDao.countRunsWithStatus(handle, "pending"));
            status.put("total_runs", handle.createQuery("SELECT COUNT(*) FROM runs").mapTo(Integer.class).one());
            status.put("journal_mode", handle.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            return null;
        });
        status.put("total_pipelines", pipelines.list().size());
        status.put("total_agents", agents.list().size());
        status.put("data_dir", dataDir);
        return status;
    }
}
