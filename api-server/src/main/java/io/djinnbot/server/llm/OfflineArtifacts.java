package io.djinnbot.server.llm;

import io.djinnbot.server.agents.StepExecution;
import java.util.List;
import java.util.Locale;

/** The files and texts the offline model produces, derived only from the step. */
final class OfflineArtifacts {
    private static final List<String> IMPLEMENT_WORDS =
            List.of("implement", "build", "code", "develop", "fix", "feature", "execute", "resolve");
    private static final List<String> TEST_WORDS = List.of("test", "qa", "validat", "verif");

    private OfflineArtifacts() {
    }

    /** What kind of work a step is, judged from its id. */
    enum Kind { DOCUMENT, IMPLEMENT, TEST }

    static Kind kindOf(StepExecution step) {
        String id = step.stepId().toLowerCase(Locale.ROOT);
        if (TEST_WORDS.stream().anyMatch(id::contains)) {
            return Kind.TEST;
        }
        if (IMPLEMENT_WORDS.stream().anyMatch(id::contains)) {
            return Kind.IMPLEMENT;
        }
        return Kind.DOCUMENT;
    }

    static String pathFor(StepExecution step) {
        String subject = step.loopItem() == null || step.loopItem().isBlank()
                ? step.taskDescription() : step.loopItem();
        String slug = slug(subject, slug(step.stepId(), "step"));
        String ext = extension(step);
        return switch (kindOf(step)) {
            case IMPLEMENT -> "src/" + slug + "." + ext;
            case TEST -> "tests/" + slug + "_test." + ext;
            case DOCUMENT -> "docs/" + slug(step.stepId(), "step") + ".md";
        };
    }

    static String contentFor(StepExecution step, String path) {
        String ext = path.substring(path.lastIndexOf('.') + 1);
        return switch (kindOf(step)) {
            case DOCUMENT -> document(step);
            case IMPLEMENT -> code(step, ext);
            case TEST -> test(step, ext, path);
        };
    }

    /** The first {@code maxWords} words of the first line of a text. */
    static String shortTask(String text, int maxWords) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
        if (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        String[] words = line.split("\\s+");
        if (words.length <= maxWords) {
            return line.isEmpty() ? "the task" : line;
        }
        return String.join(" ", List.of(words).subList(0, maxWords)) + " ...";
    }

    /** Three work items that split a task. */
    static List<String> tasksFrom(String task) {
        String subject = shortTask(task, 10);
        return List.of(
                "Set up the structure and data model for " + subject,
                "Implement the core behaviour of " + subject,
                "Add tests and usage notes for " + subject);
    }

    static String sentenceFor(String key, StepExecution step, List<String> written) {
        String label = key.replace('_', ' ');
        String where = written.isEmpty() ? "" : " See " + String.join(", ", written) + ".";
        return Character.toUpperCase(label.charAt(0)) + label.substring(1) + " for "
                + shortTask(step.taskDescription(), 10) + ", prepared by the simulated offline agent "
                + step.agentId() + "." + where;
    }

    static String slug(String text, String fallback) {
        String words = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        words = words.replaceAll("^_+|_+$", "");
        if (words.length() > 40) {
            words = words.substring(0, 40).replaceAll("_+$", "");
            int cut = words.lastIndexOf('_');
            words = cut > 10 ? words.substring(0, cut) : words;
        }
        return words.isEmpty() ? fallback : words;
    }

    private static String extension(StepExecution step) {
        String text = (step.taskDescription() + " " + (step.loopItem() == null ? "" : step.loopItem()))
                .toLowerCase(Locale.ROOT);
        if (text.contains("typescript")) {
            return "ts";
        }
        if (text.contains("javascript") || text.contains("node.js") || text.contains("react")) {
            return "js";
        }
        if (text.contains("java ") || text.contains("java.") || text.endsWith("java") || text.contains("spring")) {
            return "java";
        }
        if (text.contains("golang") || text.contains(" go ") || text.contains(" in go")) {
            return "go";
        }
        return "py";
    }

    private static String document(StepExecution step) {
        String title = Character.toUpperCase(step.stepId().charAt(0))
                + step.stepId().substring(1).toLowerCase(Locale.ROOT);
        StringBuilder doc = new StringBuilder()
                .append("# ").append(title).append(": ").append(shortTask(step.taskDescription(), 12)).append("\n\n")
                .append("> Written by the simulated offline agent `").append(step.agentId())
                .append("` for run `").append(step.runId()).append("`. No real model was used.\n\n")
                .append("## Goal\n\n").append(step.taskDescription().strip()).append("\n\n");
        if (step.loopItem() != null && !step.loopItem().isBlank()) {
            doc.append("## Current item\n\n").append(step.loopItem().strip()).append("\n\n");
        }
        doc.append("## Work items\n\n");
        List<String> tasks = tasksFrom(step.taskDescription());
        for (int i = 0; i < tasks.size(); i++) {
            doc.append(i + 1).append(". ").append(tasks.get(i)).append('\n');
        }
        doc.append("\n## Acceptance criteria\n\n")
                .append("- The behaviour described in the goal works for the common case.\n")
                .append("- Errors are reported with a message that names the bad input.\n")
                .append("- Each work item has at least one automated test.\n\n")
                .append("## Open questions\n\n")
                .append("- Which limits (sizes, counts, timeouts) matter most to the user?\n");
        return doc.toString();
    }

    private static String code(StepExecution step, String ext) {
        String subject = oneLine(step.loopItem() == null || step.loopItem().isBlank()
                ? step.taskDescription() : step.loopItem());
        return switch (ext) {
            case "java" -> "/**\n * " + subject + "\n *\n * Simulated offline implementation for step " + step.stepId()
                    + ".\n */\npublic final class WorkItems {\n"
                    + "    private WorkItems() {\n    }\n\n"
                    + "    /** Returns the items that still need work, in order, without blanks. */\n"
                    + "    public static java.util.List<String> pending(java.util.List<String> items) {\n"
                    + "        return items.stream().filter(item -> item != null && !item.isBlank()).toList();\n"
                    + "    }\n}\n";
            case "js", "ts" -> "// " + subject + "\n// Simulated offline implementation for step " + step.stepId()
                    + ".\n\n/** Returns the items that still need work, in order, without blanks. */\n"
                    + (ext.equals("ts") ? "export function pendingItems(items: string[]): string[] {\n"
                    : "export function pendingItems(items) {\n")
                    + "  return items.filter((item) => item && item.trim().length > 0);\n}\n";
            case "go" -> "// Package workitems: " + subject + "\n// Simulated offline implementation for step "
                    + step.stepId() + ".\npackage workitems\n\nimport \"strings\"\n\n"
                    + "// Pending returns the items that still need work, in order, without blanks.\n"
                    + "func Pending(items []string) []string {\n\tvar out []string\n"
                    + "\tfor _, item := range items {\n\t\tif strings.TrimSpace(item) != \"\" {\n"
                    + "\t\t\tout = append(out, item)\n\t\t}\n\t}\n\treturn out\n}\n";
            default -> "\"\"\"" + subject + "\n\nSimulated offline implementation for step " + step.stepId()
                    + ".\n\"\"\"\n\n\ndef pending_items(items):\n"
                    + "    \"\"\"Return the items that still need work, in order, without blanks.\"\"\"\n"
                    + "    return [item for item in items if item and item.strip()]\n\n\n"
                    + "if __name__ == \"__main__\":\n    print(pending_items([\"" + subject.replace("\"", "'")
                    + "\", \"\"]))\n";
        };
    }

    private static String test(StepExecution step, String ext, String path) {
        String subject = oneLine(step.loopItem() == null || step.loopItem().isBlank()
                ? step.taskDescription() : step.loopItem());
        String module = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('.')).replaceAll("_test$", "");
        return switch (ext) {
            case "js", "ts" -> "// Tests for: " + subject + "\n// Written by the simulated offline agent for step "
                    + step.stepId() + ".\nimport assert from \"node:assert/strict\";\nimport test from \"node:test\";\n"
                    + "import { pendingItems } from \"../src/" + module + ".js\";\n\n"
                    + "test(\"keeps non-blank items in order\", () => {\n"
                    + "  assert.deepEqual(pendingItems([\"a\", \" \", \"b\"]), [\"a\", \"b\"]);\n});\n\n"
                    + "test(\"empty input gives an empty result\", () => {\n"
                    + "  assert.deepEqual(pendingItems([]), []);\n});\n";
            case "java" -> "// Tests for: " + subject + "\n// Written by the simulated offline agent for step "
                    + step.stepId() + ".\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\n"
                    + "import java.util.List;\nimport org.junit.jupiter.api.Test;\n\nclass WorkItemsTest {\n"
                    + "    @Test\n    void pendingDropsBlankItems() {\n"
                    + "        assertEquals(List.of(\"a\", \"b\"), WorkItems.pending(List.of(\"a\", \" \", \"b\")));\n"
                    + "    }\n}\n";
            case "go" -> "// Tests for: " + subject + "\npackage workitems\n\nimport \"testing\"\n\n"
                    + "func TestPendingDropsBlankItems(t *testing.T) {\n"
                    + "\tgot := Pending([]string{\"a\", \" \", \"b\"})\n"
                    + "\tif len(got) != 2 || got[0] != \"a\" || got[1] != \"b\" {\n"
                    + "\t\tt.Fatalf(\"unexpected result %v\", got)\n\t}\n}\n";
            default -> "\"\"\"Tests for: " + subject + "\n\nWritten by the simulated offline agent for step "
                    + step.stepId() + ".\n\"\"\"\n\nimport unittest\n\nfrom src." + module
                    + " import pending_items\n\n\nclass PendingItemsTest(unittest.TestCase):\n"
                    + "    def test_keeps_non_blank_items_in_order(self):\n"
                    + "        self.assertEqual(pending_items([\"a\", \" \", \"b\"]), [\"a\", \"b\"])\n\n"
                    + "    def test_empty_input_gives_empty_result(self):\n"
                    + "        self.assertEqual(pending_items([]), [])\n\n\n"
                    + "if __name__ == \"__main__\":\n    unittest.main()\n";
        };
    }

    private static String oneLine(String text) {
        return shortTask(text, 20).replace("*/", "* /");
    }
}
