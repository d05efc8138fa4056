package io.djinnbot.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineRequirementsTest {
    private static final String YAML = """
            id: req
            name: Req
            agents: [{id: a, name: A}]
            steps:
              - id: PLAN
                agent: a
                input: "{{task_description}} for {{project_name}} in {{repository}}"
                outputs: [PLAN_JSON]
                onComplete: BUILD
              - id: BUILD
                agent: a
                type: loop
                input: |
                  {{current_item}} {{completed_items}} {{loop_index}}/{{loop_total}} {{progress_file}}
                  {% if review_feedback %}{{review_feedback}} {{reviewer}}{% endif %}
                  {{plan_json}} {{deadline}} {{repository}}
                loop: { over: plan_json }
            """;

    private final Pipeline pipeline = new PipelineParser().parse(YAML, null).pipeline();

    @Test
    void variablesNothingSuppliesAreListedInOrderOfFirstUse() {
        Set<String> supplied = Set.of("task_description", "human_context", "project_id", "project_name");

        Set<String> missing = PipelineRequirements.missingVariables(pipeline, supplied);

        assertThat(missing).containsExactly("repository", "deadline");
    }

    @Test
    void suppliedContextKeysSatisfyTheTemplates() {
        Set<String> supplied = Set.of("task_description", "project_name", "repository", "deadline");

        Set<String> missing = PipelineRequirements.missingVariables(pipeline, supplied);

        assertThat(missing).isEmpty();
    }

    @Test
    void stepsNoRouteReachesDoNotMakeARunUnstartable() {
        Pipeline withOnDemandStep = new PipelineParser().parse("""
                id: od
                name: On demand
                agents: [{id: a, name: A}]
                steps:
                  - id: WORK
                    agent: a
                    input: "{{task_description}}"
                    outputs: [result]
                    onComplete: FINISH
                  - id: HELP
                    agent: a
                    input: "Help {{requesting_agent}} with {{problem}}"
                    outputs: [advice]
                    onComplete: FINISH
                  - id: FINISH
                    agent: a
                    input: "Wrap up {{result}}"
                """, null).pipeline();

        Set<String> missing = PipelineRequirements.missingVariables(withOnDemandStep, Set.of("task_description"));

        assertThat(PipelineRequirements.reachableSteps(withOnDemandStep)).containsExactlyInAnyOrder("WORK", "FINISH");
        assertThat(missing).isEmpty();
    }
}
