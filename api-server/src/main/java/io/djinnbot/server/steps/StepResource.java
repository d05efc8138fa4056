package io.djinnbot.server.steps;

import io.djinnbot.server.engine.RunEngine;
import io.djinnbot.server.runs.RunService;
import io.djinnbot.server.runs.RunViews;
import io.djinnbot.server.runs.StepRecord;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v1/steps/{run_id}[/{step_id}[/output]]}: the steps of a run and their full output. */
@Path("/v1/steps")
@Produces(MediaType.APPLICATION_JSON)
public final class StepResource {
    private final RunService runs;
    private final RunEngine engine;

    public StepResource(RunService runs, RunEngine engine) {
        this.runs = runs;
        this.engine = engine;
    }

    @GET
    @Path("/{runId}")
    public List<Map<String, Object>> list(@PathParam("runId") String runId) {
        return runs.steps(runId).stream().map(RunViews::step).toList();
    }

    @GET
    @Path("/{runId}/{stepId}")
    public Map<String, Object> get(@PathParam("runId") String runId, @PathParam("stepId") String stepId) {
        return RunViews.step(runs.step(runId, stepId));
    }

    /** The step's whole streamed text and reasoning, live while it runs; never shortened. */
    @GET
    @Path("/{runId}/{stepId}/output")
    public Map<String, Object> output(@PathParam("runId") String runId, @PathParam("stepId") String stepId) {
        StepRecord step = runs.step(runId, stepId);
        String text = step.outputText();
        String thinking = step.thinkingText();
        boolean live = false;
        if (step.status().wire().equals("running")) {
            String[] current = engine.liveText(runId, step.stepId()).orElse(null);
            if (current != null) {
                text = current[0];
                thinking = current[1];
                live = true;
            }
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("run_id", runId);
        view.put("step_id", step.stepId());
        view.put("status", step.status().wire());
        view.put("live", live);
        view.put("output", text);
        view.put("thinking", thinking);
        view.put("outputs", step.outputs());
        view.put("error", step.error());
        view.put("truncated", step.truncated());
        return view;
    }
}
