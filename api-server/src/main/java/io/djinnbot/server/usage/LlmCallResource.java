package io.djinnbot.server.usage;

import io.djinnbot.server.app.errors.ApiException;
import io.djinnbot.server.store.Database;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/** {@code /v1/llm-calls}: every model call with its tokens, cost and latency; a summary with breakdowns. */
@Path("/v1/llm-calls")
@Produces(MediaType.APPLICATION_JSON)
public final class LlmCallResource {
    private static final String COLUMNS = """
            id, run_id, step_id, agent_id, provider, model, key_source, key_masked, input_tokens, output_tokens,
            cache_read_tokens, cache_write_tokens, total_tokens, cost_input, cost_output, cost_total, cost_approximate,
            duration_ms, tool_call_count, has_thinking, stop_reason, truncated, error, created_at, attempt""";

    private final Database database;

    public LlmCallResource(Database database) {
        this.database = database;
    }

    @GET
    public Map<String, Object> list(@QueryParam("run_id") String runId, @QueryParam("agent_id") String agentId,
                                    @QueryParam("provider") String provider,
                                    @QueryParam("limit") @DefaultValue("50") int limit,
                                    @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 500) {
            throw ApiException.badRequest("limit must be between 1 and 500, was " + limit);
        }
        if (offset < 0) {
            throw ApiException.badRequest("offset must not be negative, was " + offset);
        }
        Filter filter = new Filter(runId, agentId, provider);
        return database.read(handle -> {
            Query query = handle.createQuery("SELECT " + COLUMNS + " FROM llm_calls" + filter.where()
                    + " ORDER BY created_at DESC, rowid DESC LIMIT :limit OFFSET :offset");
            filter.bind(query).bind("limit", limit).bind("offset", offset);
            List<Map<String, Object>> calls = query.map((rs, ctx) -> row(rs)).list();
            Query count = handle.createQuery("SELECT COUNT(*) FROM llm_calls" + filter.where());
            long total = filter.bind(count).mapTo(Long.class).one();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("calls", calls);
            view.put("total", total);
            view.put("has_more", offset + calls.size() < total);
            return view;
        });
    }

    @GET
    @Path("/summary")
    public Map<String, Object> summary(@QueryParam("run_id") String runId, @QueryParam("agent_id") String agentId,
                                       @QueryParam("provider") String provider) {
        Filter filter = new Filter(runId, agentId, provider);
        return database.read(handle -> {
            Query totals = handle.createQuery("""
                    SELECT COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0),
                        COALESCE(SUM(cache_read_tokens), 0), COALESCE(SUM(cache_write_tokens), 0),
                        COALESCE(SUM(total_tokens), 0), COALESCE(SUM(cost_total), 0), AVG(duration_ms),
                        COALESCE(SUM(CASE WHEN input_tokens IS NULL OR output_tokens IS NULL THEN 1 ELSE 0 END), 0)
                    FROM llm_calls""" + filter.where());
            Map<String, Object> view = filter.bind(totals).map((rs, ctx) -> {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("call_count", rs.getLong(1));
                summary.put("total_input_tokens", rs.getLong(2));
                summary.put("total_output_tokens", rs.getLong(3));
                summary.put("total_cache_read_tokens", rs.getLong(4));
                summary.put("total_cache_write_tokens", rs.getLong(5));
                summary.put("total_tokens", rs.getLong(6));
                summary.put("total_cost", round(rs.getDouble(7)));
                summary.put("avg_duration_ms", Math.round(rs.getDouble(8)));
                summary.put("unknown_token_calls", rs.getLong(9));
                return summary;
            }).one();
            view.put("by_provider", breakdown(handle, filter, List.of("provider")));
            view.put("by_model", breakdown(handle, filter, List.of("provider", "model")));
            view.put("by_agent", breakdown(handle, filter, List.of("agent_id")));
            return view;
        });
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM llm_calls WHERE id = :id")
                        .bind("id", id).map((rs, ctx) -> row(rs)).findOne())
                .orElseThrow(() -> ApiException.notFound("no model call " + id));
    }

    private static List<Map<String, Object>> breakdown(org.jdbi.v3.core.Handle handle, Filter filter,
                                                       List<String> keys) {
        String group = String.join(", ", keys);
        Query query = handle.createQuery("SELECT " + group + ", COUNT(*), COALESCE(SUM(total_tokens), 0), "
                + "COALESCE(SUM(cost_total), 0) FROM llm_calls" + filter.where() + " GROUP BY " + group
                + " ORDER BY SUM(cost_total) DESC, COUNT(*) DESC");
        return filter.bind(query).map((rs, ctx) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                row.put(keys.get(i), rs.getString(i + 1));
            }
            row.put("call_count", rs.getLong(keys.size() + 1));
            row.put("total_tokens", rs.getLong(keys.size() + 2));
            row.put("total_cost", round(rs.getDouble(keys.size() + 3)));
            return row;
        }).list();
    }

    static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rs.getString("id"));
        row.put("run_id", rs.getString("run_id"));
        row.put("step_id", rs.getString("step_id"));
        row.put("agent_id", rs.getString("agent_id"));
        row.put("provider", rs.getString("provider"));
        row.put("model", rs.getString("model"));
        row.put("key_source", rs.getString("key_source"));
        row.put("key_masked", rs.getString("key_masked"));
        row.put("input_tokens", nullableLong(rs, "input_tokens"));
        row.put("output_tokens", nullableLong(rs, "output_tokens"));
        row.put("cache_read_tokens", rs.getLong("cache_read_tokens"));
        row.put("cache_write_tokens", rs.getLong("cache_write_tokens"));
        row.put("total_tokens", nullableLong(rs, "total_tokens"));
        row.put("cost_input", rs.getDouble("cost_input"));
        row.put("cost_output", rs.getDouble("cost_output"));
        row.put("cost_total", rs.getDouble("cost_total"));
        row.put("cost_approximate", rs.getInt("cost_approximate") != 0);
        row.put("duration_ms", rs.getLong("duration_ms"));
        row.put("tool_call_count", rs.getInt("tool_call_count"));
        row.put("has_thinking", rs.getInt("has_thinking") != 0);
        row.put("stop_reason", rs.getString("stop_reason"));
        row.put("truncated", rs.getInt("truncated") != 0);
        row.put("error", rs.getString("error"));
        row.put("created_at", rs.getLong("created_at"));
        row.put("attempt", rs.getInt("attempt"));
        return row;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    /** The optional filters of list and summary. */
    private record Filter(String runId, String agentId, String provider) {
        String where() {
            List<String> parts = new ArrayList<>();
            if (present(runId)) {
                parts.add("run_id = :run_id");
            }
            if (present(agentId)) {
                parts.add("agent_id = :agent_id");
            }
            if (present(provider)) {
                parts.add("provider = :provider");
            }
            return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
        }

        Query bind(Query query) {
            if (present(runId)) {
                query.bind("run_id", runId);
            }
            if (present(agentId)) {
                query.bind("agent_id", agentId);
            }
            if (present(provider)) {
                query.bind("provider", provider);
            }
            return query;
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }
}
