package io.djinnbot.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputExtractorTest {

    @Test
    void keyValueLinesAreParsedWithContinuationsAndLowerCasedKeys() {
        String text = """
                Some preamble.
                REVIEW_RESULT: APPROVED
                feedback: looks good
                  second line
                Mixed_Case: ignored
                 one space: ignored
                """;

        assertThat(OutputExtractor.fromKeyValueLines(text))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("review_result", "APPROVED"),
                        org.assertj.core.api.Assertions.entry("feedback", "looks good\nsecond line"));
    }

    @Test
    void repeatedKeyOverwritesAndSingleLetterKeyIsIgnored() {
        assertThat(OutputExtractor.fromKeyValueLines("STATUS: a\nX: no\nSTATUS: b\n"))
                .containsOnlyKeys("status").containsEntry("status", "b");
    }

    @Test
    void jsonObjectInFenceKeepsDeclaredKeysAndEncodesNonStrings() {
        String text = "Here you go:\n```json\n{\"TASKS_JSON\": [\"a\", \"b\"], \"notes\": \"n\", \"other\": 1}\n```\n";

        assertThat(OutputExtractor.fromJson(text, List.of("tasks_json", "notes")))
                .containsEntry("tasks_json", "[\"a\",\"b\"]")
                .containsEntry("notes", "n")
                .doesNotContainKey("other");
    }

    @Test
    void jsonWithSingleMissingDeclaredKeyIsStoredWhole() {
        assertThat(OutputExtractor.fromJson("{\"a\": 1}", List.of("report")))
                .containsEntry("report", "{\"a\":1}");
    }

    @Test
    void jsonOutputsObjectIsSearched() {
        assertThat(OutputExtractor.fromJson("{\"outputs\": {\"result\": \"PASS\"}, \"summary\": \"s\"}",
                List.of("result")))
                .containsEntry("result", "PASS").containsEntry("summary", "s");
    }

    @Test
    void textWithoutJsonFallsBackToKeyValueLines() {
        assertThat(OutputExtractor.fromText("RESULT: done {not json}", List.of("result")))
                .containsEntry("result", "done {not json}");
    }
}
