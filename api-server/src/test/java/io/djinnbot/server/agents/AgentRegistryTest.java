package io.djinnbot.server.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRegistryTest {
    @TempDir
    Path dir;

    private Path agent(Path base, String id, String identity, String config) throws Exception {
        Path folder = Files.createDirectories(base.resolve(id));
        Files.writeString(folder.resolve("IDENTITY.md"), identity);
        if (config != null) {
            Files.writeString(folder.resolve("config.yml"), config);
        }
        return folder;
    }

    @Test
    void identityFieldsAreReadWithBoldBulletsAndAnyCase() throws Exception {
        agent(dir, "zara", """
                # Zara the Builder

                - **Name:** Zara
                * **role**: Platform Engineer
                Emoji: 🔧
                __Description:__ Keeps the lights on.
                """, "thinkingLevel: high\nmodel: offline/simulated\nmaxRetries: 3\n");
        Files.writeString(dir.resolve("zara/SOUL.md"), "Calm and careful.");

        AgentDefinition zara = new AgentRegistry(List.of(dir), false).find("zara").orElseThrow();

        assertThat(zara.name()).isEqualTo("Zara");
        assertThat(zara.role()).isEqualTo("Platform Engineer");
        assertThat(zara.emoji()).isEqualTo("🔧");
        assertThat(zara.description()).isEqualTo("Keeps the lights on.");
        assertThat(zara.model()).isEqualTo("offline/simulated");
        assertThat(zara.thinkingLevel()).isEqualTo("high");
        assertThat(zara.config()).containsEntry("max_retries", 3);
        assertThat(zara.personaFiles()).containsOnlyKeys("IDENTITY.md", "SOUL.md");
        assertThat(zara.builtIn()).isFalse();
    }

    @Test
    void nameFallsBackToHeadingThenFolderName() throws Exception {
        agent(dir, "ann", "# Annika\n\nNo fields here.\n", null);
        agent(dir, "bob", "Nothing at all.\n", null);

        AgentRegistry registry = new AgentRegistry(List.of(dir), false);

        assertThat(registry.find("ann").orElseThrow().name()).isEqualTo("Annika");
        assertThat(registry.find("bob").orElseThrow().name()).isEqualTo("bob");
        assertThat(registry.find("bob").orElseThrow().model()).isNull();
    }

    @Test
    void hiddenAndUnderscoreFoldersAndFoldersWithoutIdentityAreSkipped() throws Exception {
        agent(dir, "_templates", "**Name:** T", null);
        agent(dir, ".cache", "**Name:** C", null);
        Files.createDirectories(dir.resolve("empty"));
        agent(dir, "real", "**Name:** Real", null);

        assertThat(new AgentRegistry(List.of(dir), false).list()).extracting(AgentDefinition::id)
                .containsExactly("real");
    }

    @Test
    void builtInTeamIsListedSortedById() {
        List<AgentDefinition> team = new AgentRegistry(List.of(), true).list();

        assertThat(team).extracting(AgentDefinition::id)
                .containsExactly("felix", "ines", "kai", "lena", "nadia", "omar", "rosa", "tomas");
        assertThat(team).allSatisfy(agent -> {
            assertThat(agent.builtIn()).isTrue();
            assertThat(agent.role()).isNotBlank();
            assertThat(agent.emoji()).isNotBlank();
            assertThat(agent.description()).isNotBlank();
            assertThat(agent.model()).as("built-in agents follow the server default model").isNull();
            assertThat(agent.personaFiles()).containsOnlyKeys(AgentRegistry.PERSONA_FILES);
        });
        assertThat(team).filteredOn(agent -> agent.id().equals("tomas")).singleElement()
                .satisfies(agent -> assertThat(agent.name()).isEqualTo("Tomás"));
    }

    @Test
    void userFolderOverridesBuiltInAndFirstUserDirWins() throws Exception {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        agent(first, "kai", "**Name:** Kai Local", null);
        agent(second, "kai", "**Name:** Kai Second", null);

        AgentRegistry registry = new AgentRegistry(List.of(first, second), true);

        assertThat(registry.find("kai").orElseThrow().name()).isEqualTo("Kai Local");
        assertThat(registry.find("kai").orElseThrow().builtIn()).isFalse();
        assertThat(registry.list()).filteredOn(agent -> agent.id().equals("kai")).singleElement()
                .satisfies(agent -> assertThat(agent.name()).isEqualTo("Kai Local"));
        assertThat(registry.list()).hasSize(8);
    }

    @Test
    void updateConfigMergesSnakeCasedKeysAndWritesTheFile() throws Exception {
        agent(dir, "zara", "**Name:** Zara",
                "model: offline/simulated\ncoordination:\n  max_concurrent_pulse_sessions: 2\n");
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("thinkingLevel", "high");
        changes.put("coordination", Map.of("wakeGuardrails", Map.of("cooldownSeconds", 60)));

        AgentDefinition updated = new AgentRegistry(List.of(dir), false).updateConfig("zara", changes);

        assertThat(updated.config()).containsEntry("model", "offline/simulated")
                .containsEntry("thinking_level", "high");
        assertThat(updated.config().get("coordination")).isEqualTo(Map.of("max_concurrent_pulse_sessions", 2,
                "wake_guardrails", Map.of("cooldown_seconds", 60)));
        assertThat(Files.readString(dir.resolve("zara/config.yml"))).contains("thinking_level: high")
                .contains("cooldown_seconds: 60");
        assertThat(dir.resolve("zara")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void updateConfigOfBuiltInCopiesItToTheFirstUserDir() throws Exception {
        AgentRegistry registry = new AgentRegistry(List.of(dir), true);

        AgentDefinition updated = registry.updateConfig("rosa", Map.of("model", "offline/strict"));

        assertThat(updated.builtIn()).isFalse();
        assertThat(updated.model()).isEqualTo("offline/strict");
        assertThat(updated.name()).isEqualTo("Rosa");
        assertThat(dir.resolve("rosa/SOUL.md")).exists();
        assertThat(registry.find("rosa").orElseThrow().model()).isEqualTo("offline/strict");
    }

    @Test
    void updateConfigOfUnknownAgentIsRejected() {
        assertThatThrownBy(() -> new AgentRegistry(List.of(dir), true).updateConfig("ghost", Map.of()))
                .isInstanceOf(NoSuchElementException.class).hasMessage("Agent 'ghost' not found");
    }

    @Test
    void idsThatAreNotFolderNamesAreNotFound() {
        assertThat(new AgentRegistry(List.of(dir), true).find("../etc")).isEmpty();
    }

    @Test
    void camelCaseKeysBecomeSnakeCase() {
        assertThat(AgentRegistry.snakeCase("pulseContainerTimeoutMs")).isEqualTo("pulse_container_timeout_ms");
        assertThat(AgentRegistry.snakeCase("thinking_level")).isEqualTo("thinking_level");
    }
}
