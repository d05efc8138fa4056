package io.djinnbot.console.pipelines;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.console.pipelines.PipelineGraph.Edge;
import io.djinnbot.console.testing.Fixtures;
import io.djinnbot.model.Pipeline;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineGraphTest {

    @Test
    void engineeringPipelineHasItsLoopBranchesAndBackEdges() throws Exception {
        PipelineGraph graph = PipelineGraph.of(pipeline("engineering"));

        assertThat(graph.steps()).containsExactly("SPEC", "DESIGN", "IMPLEMENT", "REVIEW", "TEST", "DEPLOY");
        assertThat(graph.edges()).containsExactlyInAnyOrder(
                new Edge("SPEC", "DESIGN", "", false),
                new Edge("DESIGN", "IMPLEMENT", "", false),
                new Edge("IMPLEMENT", "REVIEW", "each", false),
                new Edge("IMPLEMENT", "DEPLOY", "all done", false),
                new Edge("REVIEW", "TEST", "APPROVED", false),
                new Edge("REVIEW", "IMPLEMENT", "CHANGES_REQUESTED", true),
                new Edge("TEST", "IMPLEMENT", "FAIL", true));
    }

    @Test
    void stepWithoutRoutesFallsThroughToTheNextOne() throws Exception {
        PipelineGraph graph = PipelineGraph.of(pipeline("review"));

        assertThat(graph.edges()).containsExactly(new Edge("REVIEW", "DOCUMENT", "", false));
    }

    @Test
    void failedValidationLeadsBackToTheFix() throws Exception {
        PipelineGraph graph = PipelineGraph.of(pipeline("bugfix"));

        assertThat(graph.edges()).filteredOn(Edge::back).containsExactly(new Edge("VALIDATE", "FIX", "FAIL", true));
    }

    private static Pipeline pipeline(String id) throws Exception {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        List<Pipeline> all = mapper.readValue(Fixtures.text("pipelines.json"), new TypeReference<>() { });
        return all.stream().filter(pipeline -> pipeline.id().equals(id)).findFirst().orElseThrow();
    }
}
