package io.djinnbot.server.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Workspace workspace;
    private final List<String> changes = new ArrayList<>();
    private ToolContext context;

    @BeforeEach
    void openWorkspace() {
        workspace = new Workspace(dir);
        context = new ToolContext(workspace, null,
                (path, action, size) -> changes.add(action + " " + path + " " + size), null);
    }

    private ToolResult run(Tool tool, String argsJson) throws Exception {
        JsonNode args = JSON.readTree(argsJson);
        return tool.run(args, context);
    }

    @Test
    void writeCreatesParentFoldersAndReportsCreate() throws Exception {
        ToolResult result = run(new WriteTool(), "{\"path\":\"docs/a/spec.md\",\"content\":\"# Spec\\nline\"}");

        assertThat(result.isError()).isFalse();
        assertThat(result.content()).startsWith("Created docs/a/spec.md");
        assertThat(Files.readString(dir.resolve("docs/a/spec.md"))).isEqualTo("# Spec\nline");
        assertThat(changes).containsExactly("create docs/a/spec.md 11");
    }

    @Test
    void writeOverExistingFileReportsModify() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "old");

        ToolResult result = run(new WriteTool(), "{\"path\":\"a.txt\",\"content\":\"new!\"}");

        assertThat(result.content()).startsWith("Updated a.txt");
        assertThat(changes).containsExactly("modify a.txt 4");
    }

    @Test
    void writeOutsideWorkspaceIsAnErrorResult() throws Exception {
        ToolResult result = run(new WriteTool(), "{\"path\":\"../escape.txt\",\"content\":\"x\"}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("../escape.txt").contains("outside the workspace");
        assertThat(dir.resolveSibling("escape.txt")).doesNotExist();
    }

    @Test
    void missingArgumentIsAnErrorResultNamingIt() throws Exception {
        ToolResult result = run(new WriteTool(), "{\"path\":\"a.txt\"}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("'content'");
    }

    @Test
    void readNumbersLinesAndHonoursOffsetAndLimit() throws Exception {
        Files.writeString(dir.resolve("f.txt"), "one\ntwo\nthree\nfour\n");

        ToolResult result = run(new ReadTool(), "{\"path\":\"f.txt\",\"offset\":2,\"limit\":2}");

        assertThat(result.isError()).isFalse();
        assertThat(result.content()).contains("     2\ttwo").contains("     3\tthree")
                .doesNotContain("one").doesNotContain("\tfour")
                .contains("showing lines 2-3 of 4; use offset=4");
    }

    @Test
    void readOfLargeFileIsTruncatedWithNote() throws Exception {
        String big = IntStream.rangeClosed(1, 3000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        Files.writeString(dir.resolve("big.txt"), big);

        ToolResult result = run(new ReadTool(), "{\"path\":\"big.txt\"}");

        assertThat(result.content()).contains("line 2000").doesNotContain("line 2001")
                .contains("of 3000; use offset=2001");
    }

    @Test
    void readOfMissingFileNamesIt() throws Exception {
        ToolResult result = run(new ReadTool(), "{\"path\":\"nope.md\"}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("nope.md");
    }

    @Test
    void editReplacesUniqueMatch() throws Exception {
        Files.writeString(dir.resolve("code.py"), "def a():\n    return 1\n");

        ToolResult result = run(new EditTool(),
                "{\"path\":\"code.py\",\"oldText\":\"return 1\",\"newText\":\"return 2\"}");

        assertThat(result.isError()).isFalse();
        assertThat(Files.readString(dir.resolve("code.py"))).isEqualTo("def a():\n    return 2\n");
        assertThat(changes).containsExactly("modify code.py 22");
    }

    @Test
    void editWithoutMatchIsAnError() throws Exception {
        Files.writeString(dir.resolve("code.py"), "x = 1\n");

        ToolResult result = run(new EditTool(), "{\"path\":\"code.py\",\"oldText\":\"y = 1\",\"newText\":\"z\"}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("not found in code.py");
        assertThat(changes).isEmpty();
    }

    @Test
    void editWithSeveralMatchesIsAnErrorCountingThem() throws Exception {
        Files.writeString(dir.resolve("code.py"), "x = 1\nx = 1\nx = 1\n");

        ToolResult result = run(new EditTool(), "{\"path\":\"code.py\",\"oldText\":\"x = 1\",\"newText\":\"z\"}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("matches 3 places");
        assertThat(Files.readString(dir.resolve("code.py"))).isEqualTo("x = 1\nx = 1\nx = 1\n");
    }

    @Test
    void lsListsSortedEntriesMarkingFolders() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("b.txt"), "b");
        Files.writeString(dir.resolve("a.txt"), "a");

        ToolResult result = run(new LsTool(), "{}");

        assertThat(result.content()).isEqualTo("a.txt\nb.txt\nsrc/\n");
    }

    @Test
    void grepPrintsRelativePathsWithLineNumbersFilteredByGlob() throws Exception {
        Files.createDirectories(dir.resolve("src/pkg"));
        Files.writeString(dir.resolve("src/pkg/one.py"), "import os\nHACK fix\n");
        Files.writeString(dir.resolve("src/two.md"), "HACK docs\n");

        ToolResult all = run(new GrepTool(), "{\"pattern\":\"HACK\\\\s\\\\w+\"}");
        ToolResult onlyPython = run(new GrepTool(), "{\"pattern\":\"HACK\",\"glob\":\"*.py\"}");

        assertThat(all.content()).isEqualTo("src/pkg/one.py:2: HACK fix\nsrc/two.md:1: HACK docs\n");
        assertThat(onlyPython.content()).isEqualTo("src/pkg/one.py:2: HACK fix\n");
    }

    @Test
    void grepWithInvalidRegexIsAnError() throws Exception {
        ToolResult result = run(new GrepTool(), "{\"pattern\":\"(unclosed\"}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("invalid regular expression");
    }

    @Test
    void grepCapsTheNumberOfMatches() throws Exception {
        String many = IntStream.range(0, 500).mapToObj(i -> "hit " + i).collect(Collectors.joining("\n"));
        Files.writeString(dir.resolve("many.txt"), many);

        ToolResult result = run(new GrepTool(), "{\"pattern\":\"hit\"}");

        assertThat(result.content().lines().filter(line -> line.startsWith("many.txt:"))).hasSize(200);
        assertThat(result.content()).contains("more matches not shown");
    }

    @Test
    void findMatchesNamesAndPaths() throws Exception {
        Files.createDirectories(dir.resolve("src/deep"));
        Files.writeString(dir.resolve("src/deep/a.py"), "");
        Files.writeString(dir.resolve("b.py"), "");
        Files.writeString(dir.resolve("c.md"), "");

        ToolResult byName = run(new FindTool(), "{\"pattern\":\"*.py\"}");
        ToolResult byPath = run(new FindTool(), "{\"pattern\":\"src/**/*.py\"}");

        assertThat(byName.content()).isEqualTo("b.py\nsrc/deep/a.py\n");
        assertThat(byPath.content()).isEqualTo("src/deep/a.py\n");
    }

    @Test
    void toolBoxHasTheCodingToolsInOrder() {
        assertThat(ToolBox.coding().tools()).extracting(Tool::name)
                .containsExactly("read", "write", "edit", "ls", "grep", "find", "bash");
    }
}
