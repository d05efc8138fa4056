package io.djinnbot.console.pipelines;

import io.djinnbot.console.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class YamlLocatorTest {
    private static final String BUGFIX = Fixtures.text("bugfix.yml");

    @ParameterizedTest
    @CsvSource(textBlock = """
            id,                               'id: bugfix'
            defaults.timeoutSeconds,          '  timeoutSeconds: 900'
            agents[1],                        '  - id: tomas'
            agents[1].name,                   '    name: Tomas'
            steps[0].agent,                   '    agent: kai'
            steps[1],                         '  - id: VALIDATE'
            steps[1].agent,                   '    agent: tomas'
            steps[1].onResult.FAIL.goto,      '        goto: FIX'
            """)
    void validationPathIsPlacedOnItsLine(String path, String expectedLine) {
        int line = YamlLocator.lineOf(BUGFIX, path);

        assertThat(line).isNotNegative();
        assertThat(BUGFIX.split("\n")[line]).isEqualTo(expectedLine);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            steps[1].model,    '  - id: VALIDATE'
            steps[5].agent,    'steps:'
            """)
    void missingKeyFallsBackToTheNearestEnclosingLine(String path, String expectedLine) {
        int line = YamlLocator.lineOf(BUGFIX, path);

        assertThat(BUGFIX.split("\n")[line]).isEqualTo(expectedLine);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            nowhere
            ''
            """)
    void unknownTopLevelKeyIsNotPlaced(String path) {
        assertThat(YamlLocator.lineOf(BUGFIX, path)).isEqualTo(-1);
    }
}
