package io.djinnbot.console.pipelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.djinnbot.model.Pipeline;
import io.djinnbot.model.PipelineStep;
import io.djinnbot.model.ResultRoute;

/**
 * The drawable shape of a pipeline: its steps top to bottom in file order, and the edges between them. An edge to
 * the same or an earlier step is a back-edge (a retry loop); the view draws those on the side.
 *
 * @param steps the step ids in drawing order
 * @param edges every transition the pipeline can make
 */
public record PipelineGraph(List<String> steps, List<Edge> edges) {

    /**
     * One transition.
     *
     * @param label what takes it: empty for plain completion, the result name for a branch, "each" or "all done"
     *              for a loop
     * @param back whether it leads to the same or an earlier step
     */
    public record Edge(String from, String to, String label, boolean back) {
    }

    public PipelineGraph {
        steps = List.copyOf(steps);
        edges = List.copyOf(edges);
    }

    /** The graph of a pipeline. A step without any route falls through to the next one in the file. */
    public static PipelineGraph of(Pipeline pipeline) {
        List<String> ids = pipeline.steps().stream().map(PipelineStep::id).toList();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < pipeline.steps().size(); i++) {
            PipelineStep step = pipeline.steps().get(i);
            boolean routed = false;
            if (step.onComplete() != null) {
                edges.add(edge(ids, step.id(), step.onComplete(), ""));
                routed = true;
            }
            Map<String, ResultRoute> results = new TreeMap<>(step.onResult());
            for (Map.Entry<String, ResultRoute> result : results.entrySet()) {
                ResultRoute route = result.getValue();
                if (route.target() != null) {
                    edges.add(edge(ids, step.id(), route.target(), result.getKey()));
                    routed = true;
                } else if (route.retry()) {
                    edges.add(edge(ids, step.id(), step.id(), result.getKey() + " (retry)"));
                }
            }
            if (step.loop() != null) {
                if (step.loop().onEachComplete() != null) {
                    edges.add(edge(ids, step.id(), step.loop().onEachComplete(), "each"));
                }
                if (step.loop().onAllComplete() != null) {
                    edges.add(edge(ids, step.id(), step.loop().onAllComplete(), "all done"));
                }
                routed = true;
            }
            if (!routed && i + 1 < ids.size()) {
                edges.add(edge(ids, step.id(), ids.get(i + 1), ""));
            }
        }
        return new PipelineGraph(ids, edges);
    }

    private static Edge edge(List<String> ids, String from, String to, String label) {
        int fromIndex = ids.indexOf(from);
        int toIndex = ids.indexOf(to);
        return new Edge(from, to, label, toIndex >= 0 && toIndex <= fromIndex);
    }
}
