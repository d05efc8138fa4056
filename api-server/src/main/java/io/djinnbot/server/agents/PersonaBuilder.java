package io.djinnbot.server.agents;

import io.djinnbot.server.pipelines.PipelineAgent;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Builds an agent's system prompt for a pipeline step: who it is (its persona files), where it
 * works (the run workspace) and how it must finish (complete or fail). Stateless.
 */
public final class PersonaBuilder {
    private PersonaBuilder() {
    }

    /**
     * @param agent    the agent's folder, or null when it has none
     * @param inline   the pipeline's entry for the agent, or null; its name (and persona text when it
     *                 is not a path) stand in for a missing folder
     * @param declared the output keys the step requires
     */
    public static String systemPrompt(AgentDefinition agent, PipelineAgent inline, List<String> declared,
            String runId) {
        List<String> sections = new ArrayList<>();
        sections.add("# IDENTITY\n\n" + identity(agent, inline));
        if (agent != null) {
            addSection(sections, "# SOUL", agent.file("SOUL.md"));
            addSection(sections, "# DECISION FRAMEWORK", agent.file("DECISION.md"));
            addSection(sections, "# OTHER AGENTS", agent.file("AGENTS.md"));
        }
        sections.add(environment(runId));
        sections.add(completion(declared));
        return String.join("\n\n", sections) + "\n";
    }

    private static String identity(AgentDefinition agent, PipelineAgent inline) {
        if (agent != null && !agent.file("IDENTITY.md").isBlank()) {
            return agent.file("IDENTITY.md");
        }
        String name = inline != null && inline.name() != null && !inline.name().isBlank() ? inline.name()
                : agent != null ? agent.name() : inline != null ? inline.id() : "an agent";
        StringBuilder identity = new StringBuilder("You are ").append(name).append(", an agent of a DjinnBot team.");
        if (inline != null && isPersonaText(inline.persona())) {
            identity.append("\n\n").append(inline.persona().strip());
        }
        return identity.toString();
    }

    /** A persona that is a single token with a slash or a .md ending names a folder, not a text. */
    private static boolean isPersonaText(String persona) {
        if (persona == null || persona.isBlank()) {
            return false;
        }
        String text = persona.strip();
        boolean singleToken = !text.contains(" ") && !text.contains("\n");
        return !(singleToken && (text.contains("/") || text.endsWith(".md")));
    }

    private static void addSection(List<String> sections, String heading, String body) {
        if (body != null && !body.isBlank()) {
            sections.add(heading + "\n\n" + body.strip());
        }
    }

    private static String environment(String runId) {
        return "# YOUR ENVIRONMENT\n\n"
                + "You are working on pipeline run `" + runId + "`.\n"
                + "- The run workspace is your current directory. Every path you give a tool is relative to it.\n"
                + "- You cannot leave the workspace: paths outside it, `..` escapes and links pointing out are "
                + "refused.\n"
                + "- Files you write stay for the next steps of the run; read what earlier steps left there.\n"
                + "- `bash` runs commands in the workspace with a minimal environment and a time limit.";
    }

    private static String completion(List<String> declared) {
        StringBuilder text = new StringBuilder("# TOOLS & COMPLETION\n\n")
                .append("Tools: read, write, edit, ls, grep, find, bash, complete, fail.\n\n")
                .append("You must finish by calling the `complete` tool");
        if (declared == null || declared.isEmpty()) {
            text.append(" with your outputs (if any) and a short summary.\n");
        } else {
            text.append(" with outputs for every required key:\n");
            declared.forEach(key -> text.append("- `").append(key).append("`\n"));
            StringJoiner example = new StringJoiner(", ", "{", "}");
            declared.forEach(key -> example.add("\"" + key + "\": \"...\""));
            text.append("\nExample: complete({\"outputs\": ").append(example)
                    .append(", \"summary\": \"what you did\"})\n")
                    .append("Output values are strings; keys ending in _json hold JSON text.\n");
        }
        text.append("If you cannot do the step, call `fail` with an `error` that says why. ")
                .append("Do not end with plain text: the step is only finished by complete or fail.");
        return text.toString();
    }
}
