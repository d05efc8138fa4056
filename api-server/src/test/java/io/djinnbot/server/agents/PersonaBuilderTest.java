package io.djinnbot.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.djinnbot.server.pipelines.PipelineAgent;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonaBuilderTest {

    @Test
    void builtInAgentPromptHasAllSectionsInOrderAndListsOutputs() {
        AgentDefinition rosa = new AgentRegistry(List.of(), true).find("rosa").orElseThrow();

        String prompt = PersonaBuilder.systemPrompt(rosa, null, List.of("review_result", "feedback"), "run_1");

        assertThat(prompt).containsSubsequence("# IDENTITY", "**Name:** Rosa", "# SOUL", "# DECISION FRAMEWORK",
                "# OTHER AGENTS", "# YOUR ENVIRONMENT", "run_1", "# TOOLS & COMPLETION", "`review_result`",
                "`feedback`", "`fail`");
        assertThat(prompt).contains("current directory");
    }

    @Test
    void inlineAgentWithoutFolderUsesNameAndPersonaText() {
        PipelineAgent inline = new PipelineAgent("finn", "Finn", "A terse planner who loves lists.", null, null, null);

        String prompt = PersonaBuilder.systemPrompt(null, inline, List.of(), "run_2");

        assertThat(prompt).contains("You are Finn").contains("A terse planner who loves lists.")
                .doesNotContain("# SOUL").contains("# TOOLS & COMPLETION");
    }

    @Test
    void personaThatIsAPathIsNotCopiedIntoThePrompt() {
        PipelineAgent inline = new PipelineAgent("finn", "Finn", "agents/finn", null, null, null);

        String prompt = PersonaBuilder.systemPrompt(null, inline, List.of("x"), "run_3");

        assertThat(prompt).contains("You are Finn").doesNotContain("agents/finn");
    }
}
