package io.djinnbot.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djinnbot.server.app.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRegistryTest {
    @TempDir
    Path userDir;

    @TempDir
    Path secondDir;

    @Test
    void everyBuiltInLoadsWithoutErrorsOrWarnings() {
        PipelineParser parser = new PipelineParser();
        List<String> names = PipelineRegistry.builtInNames();

        assertThat(names).contains("engineering.yml", "bugfix.yml", "feature.yml", "execute.yml");
        for (String name : names) {
            String yaml = resource(name);
            ParseResult result = parser.parse(yaml, name);
            assertThat(result.errors()).as(name).isEmpty();
            assertThat(result.warnings()).as(name).isEmpty();
            assertThat(result.pipeline().id() + ".yml").isEqualTo(name);
        }
    }

    @Test
    void builtInsNeedOnlyWhatARunSupplies() {
        PipelineRegistry registry = new PipelineRegistry(List.of(), true);
        Set<String> supplied = Set.of("task_description", "human_context", "project_id", "project_name");

        List<Pipeline> pipelines = registry.list();

        assertThat(pipelines).extracting(Pipeline::id)
                .containsExactly("bugfix", "engineering", "execute", "feature", "planning", "review");
        for (Pipeline pipeline : pipelines) {
            assertThat(PipelineRequirements.missingVariables(pipeline, supplied)).as(pipeline.id()).isEmpty();
        }
    }

    @Test
    void engineeringRoutesAsDesigned() {
        Pipeline engineering = new PipelineRegistry(List.of(), true).find("engineering").orElseThrow();

        assertThat(engineering.steps()).extracting(PipelineStep::id)
                .containsExactly("SPEC", "DESIGN", "IMPLEMENT", "REVIEW", "TEST", "DEPLOY");
        assertThat(engineering.step("IMPLEMENT").orElseThrow().loop())
                .isEqualTo(new LoopSpec("task_breakdown_json", "REVIEW", "DEPLOY"));
        assertThat(engineering.step("REVIEW").orElseThrow().onResult().get("CHANGES_REQUESTED").gotoStep())
                .isEqualTo("IMPLEMENT");
        assertThat(engineering.step("TEST").orElseThrow().onResult().get("PASS").continueLoop()).isTrue();
        assertThat(engineering.defaults().model()).isNull();
    }

    @Test
    void userFileOverridesBuiltInWithTheSameId() throws IOException {
        Files.writeString(userDir.resolve("my-bugfix.yml"), pipeline("bugfix", "Local bug fix"));
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir), true);

        Pipeline bugfix = registry.find("bugfix").orElseThrow();

        assertThat(bugfix.name()).isEqualTo("Local bug fix");
        assertThat(bugfix.file()).isEqualTo("my-bugfix.yml");
        assertThat(registry.source("bugfix").orElseThrow().builtIn()).isFalse();
        assertThat(registry.list()).filteredOn(p -> p.id().equals("bugfix")).hasSize(1);
    }

    @Test
    void earlierUserDirectoryWins() throws IOException {
        Files.writeString(userDir.resolve("a.yml"), pipeline("shared", "First"));
        Files.writeString(secondDir.resolve("a.yml"), pipeline("shared", "Second"));
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir, secondDir), false);

        assertThat(registry.find("shared").orElseThrow().name()).isEqualTo("First");
    }

    @Test
    void invalidFileIsSkippedAndReported() throws IOException {
        Files.writeString(userDir.resolve("good.yml"), pipeline("good", "Good"));
        String brokenYaml = pipeline("broken", "Broken").replaceFirst("agent: a", "agent: b");
        Files.writeString(userDir.resolve("broken.yaml"), brokenYaml);
        Files.writeString(userDir.resolve("junk.yml"), "just: [unclosed\n");
        Files.writeString(userDir.resolve("notes.txt"), "not a pipeline");

        PipelineRegistry registry = new PipelineRegistry(List.of(userDir), false);

        assertThat(registry.list()).extracting(Pipeline::id).containsExactly("good");
        assertThat(registry.find("broken")).isEmpty();
        assertThat(registry.invalid()).extracting(PipelineRegistry.InvalidPipeline::file)
                .containsExactly("broken.yaml", "junk.yml");
        PipelineRegistry.InvalidPipeline broken = registry.invalid().getFirst();
        assertThat(broken.id()).isEqualTo("broken");
        assertThat(broken.errors()).extracting(Problem::path).containsExactly("steps[0].agent");
        assertThat(registry.invalid().get(1).id()).isNull();
    }

    @Test
    void validateFindsInvalidFilesByIdOrStem() throws IOException {
        Files.writeString(userDir.resolve("broken.yml"), pipeline("broken-id", "B").replace("agent: a", "agent: b"));
        Files.writeString(userDir.resolve("junk.yml"), "just: [unclosed\n");
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir), false);

        ParseResult byId = registry.validate("broken-id");
        ParseResult byStem = registry.validate("junk");

        assertThat(byId.isValid()).isFalse();
        assertThat(byStem.errors().getFirst().message()).startsWith("YAML syntax error at line");
        assertThatThrownBy(() -> registry.validate("nothing"))
                .isInstanceOf(ApiException.class)
                .hasMessage("Pipeline 'nothing' not found");
    }

    @Test
    void findSeesEditsMadeOnDisk() throws IOException {
        Path file = userDir.resolve("edit.yml");
        Files.writeString(file, pipeline("edit", "Before"));
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir), false);
        assertThat(registry.find("edit").orElseThrow().name()).isEqualTo("Before");

        Files.writeString(file, pipeline("edit", "After"));

        assertThat(registry.find("edit").orElseThrow().name()).isEqualTo("After");
    }

    @Test
    void fileDeletedOnDiskDisappears() throws IOException {
        Path file = userDir.resolve("gone.yml");
        Files.writeString(file, pipeline("gone", "Gone"));
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir), false);

        Files.delete(file);

        assertThat(registry.find("gone")).isEmpty();
    }

    @Test
    void saveCreatesTheFileInTheFirstUserDirectory() throws IOException {
        Path dir = userDir.resolve("not-yet-there");
        PipelineRegistry registry = new PipelineRegistry(List.of(dir, secondDir), false);

        Pipeline saved = registry.save("fresh", pipeline("fresh", "Fresh"));

        assertThat(saved.file()).isEqualTo("fresh.yml");
        assertThat(Files.readString(dir.resolve("fresh.yml"))).isEqualTo(pipeline("fresh", "Fresh"));
        assertThat(registry.find("fresh").orElseThrow().name()).isEqualTo("Fresh");
        assertThat(leftovers(dir)).containsExactly("fresh.yml");
    }

    @Test
    void saveOverwritesTheUserFileThatHoldsTheId() throws IOException {
        Files.writeString(secondDir.resolve("custom-name.yml"), pipeline("keep", "Old"));
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir, secondDir), false);

        Pipeline saved = registry.save("keep", pipeline("keep", "New"));

        assertThat(saved.file()).isEqualTo("custom-name.yml");
        assertThat(Files.readString(secondDir.resolve("custom-name.yml"))).contains("name: New");
        assertThat(leftovers(userDir)).isEmpty();
    }

    @Test
    void saveOfABuiltInIdWritesAnOverride() {
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir), true);

        registry.save("execute", pipeline("execute", "My execute"));

        assertThat(registry.find("execute").orElseThrow().name()).isEqualTo("My execute");
        assertThat(registry.source("execute").orElseThrow().builtIn()).isFalse();
        assertThat(Files.exists(userDir.resolve("execute.yml"))).isTrue();
    }

    @Test
    void saveWithADifferentIdIsRejectedAndWritesNothing() throws IOException {
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir), false);

        assertThatThrownBy(() -> registry.save("one", pipeline("two", "Two")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("Pipeline id in the YAML ('two') does not match the id in the path ('one')");
        assertThat(leftovers(userDir)).isEmpty();
    }

    @Test
    void saveOfInvalidYamlListsTheProblemsAndKeepsTheOldFile() throws IOException {
        Path file = userDir.resolve("keep.yml");
        Files.writeString(file, pipeline("keep", "Old"));
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir), false);

        assertThatThrownBy(() -> registry.save("keep", pipeline("keep", "New").replace("onComplete", "onCompelte")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problems()).contains(new ApiException.FieldProblem("steps[0].onCompelte",
                            "unknown key 'onCompelte'; did you mean 'onComplete'?"));
                });
        assertThat(Files.readString(file)).contains("name: Old");
        assertThat(leftovers(userDir)).containsExactly("keep.yml");
    }

    @Test
    void saveRefusesAnIdThatIsNotAFileName() {
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir), false);

        assertThatThrownBy(() -> registry.save("../escape", pipeline("../escape", "X")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void concurrentSavesAndReadsSeeWholeFiles() throws Exception {
        PipelineRegistry registry = new PipelineRegistry(List.of(userDir), false);
        registry.save("busy", pipeline("busy", "Version0"));
        List<Callable<Boolean>> work = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String name = "Version" + i;
            work.add(() -> registry.save("busy", pipeline("busy", name)) != null);
            work.add(() -> registry.find("busy").orElseThrow().name().startsWith("Version"));
        }

        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var result : pool.invokeAll(work)) {
                assertThat(result.get()).isTrue();
            }
        }

        assertThat(leftovers(userDir)).containsExactly("busy.yml");
        assertThat(registry.invalid()).isEmpty();
    }

    private static List<String> leftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static String resource(String name) {
        try (InputStream in = PipelineRegistry.class.getResourceAsStream("/pipelines/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pipeline(String id, String name) {
        return """
                id: %s
                name: %s
                version: 1
                agents:
                  - id: a
                    name: A
                steps:
                  - id: ONE
                    agent: a
                    input: "{{task_description}}"
                    onComplete: TWO
                  - id: TWO
                    agent: a
                    input: done
                """.formatted(id, name);
    }
}
