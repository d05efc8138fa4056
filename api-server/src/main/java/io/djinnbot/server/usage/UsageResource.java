package io.djinnbot.server.usage;

import io.djinnbot.server.app.errors.ApiException;
import io.djinnbot.server.store.Database;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v1/usage}: totals over all runs and model calls, and a per-day history (UTC days). */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public final class UsageResource {
    private static final long DAY_MS = 86_400_000L;

    private final Database database;
    private final Clock clock;

    public UsageResource(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @GET
    public Map<String, Object> totals() {
        return database.read(handle -> {
            long runs = handle.createQuery("SELECT COUNT(*) FROM runs").mapTo(Long.class).one();
            return handle.createQuery("""
                    SELECT COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0),
                        COALESCE(SUM(total_tokens), 0), COALESCE(SUM(cost_total), 0) FROM llm_calls""")
                    .map((rs, ctx) -> {
                        Map<String, Object> view = new LinkedHashMap<>();
                        view.put("total_runs", runs);
                        view.put("total_llm_calls", rs.getLong(1));
                        view.put("total_input_tokens", rs.getLong(2));
                        view.put("total_output_tokens", rs.getLong(3));
                        view.put("total_tokens", rs.getLong(4));
                        view.put("total_cost", LlmCallResource.round(rs.getDouble(5)));
                        return view;
                    }).one();
        });
    }

    @GET
    @Path("/history")
    public Map<String, Object> history(@QueryParam("days") @DefaultValue("30") int days) {
        if (days < 1 || days > 366) {
            throw ApiException.badRequest("days must be between 1 and 366, was " + days);
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(days - 1L);
        long from = first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        Map<Long, Map<String, Object>> byDay = new HashMap<>();
        database.read(handle -> handle.createQuery("""
                        SELECT created_at / :day AS day_index, COUNT(*), COALESCE(SUM(input_tokens), 0),
                            COALESCE(SUM(output_tokens), 0), COALESCE(SUM(total_tokens), 0),
                            COALESCE(SUM(cost_total), 0)
                        FROM llm_calls WHERE created_at >= :from GROUP BY day_index""")
                .bind("day", DAY_MS).bind("from", from)
                .map((rs, ctx) -> {
                    Map<String, Object> day = new LinkedHashMap<>();
                    day.put("call_count", rs.getLong(2));
                    day.put("input_tokens", rs.getLong(3));
                    day.put("output_tokens", rs.getLong(4));
                    day.put("total_tokens", rs.getLong(5));
                    day.put("cost", LlmCallResource.round(rs.getDouble(6)));
                    return Map.entry(rs.getLong(1), day);
                }).list())
                .forEach(entry -> byDay.put(entry.getKey(), entry.getValue()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(today); date = date.plusDays(1)) {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", date.toString());
            Map<String, Object> found = byDay.get(date.toEpochDay());
            day.put("call_count", found == null ? 0L : found.get("call_count"));
            day.put("input_tokens", found == null ? 0L : found.get("input_tokens"));
            day.put("output_tokens", found == null ? 0L : found.get("output_tokens"));
            day.put("total_tokens", found == null ? 0L : found.get("total_tokens"));
            day.put("cost", found == null ? 0.0 : found.get("cost"));
            out.add(day);
        }
        return Map.of("days", out);
    }
}
