package io.djinnbot.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    @Test
    void placeholdersAreReplacedAndMissingOnesBecomeEmpty() {
        String template = "Build {{task}} for {{ who }}; notes: [{{missing}}]";

        String rendered = Templates.render(template, Map.of("task", "a CLI", "who", "Ana"));

        assertThat(rendered).isEqualTo("Build a CLI for Ana; notes: []");
    }

    @Test
    void ifBlockIsKeptOnlyWhenTheVariableHasText() {
        String template = "A{% if feedback %} fix: {{feedback}}{% endif %}B{%if blank%}X{%endif%}C";

        String withFeedback = Templates.render(template, Map.of("feedback", "rename it", "blank", "  "));
        String without = Templates.render(template, Map.of());

        assertThat(withFeedback).isEqualTo("A fix: rename itBC");
        assertThat(without).isEqualTo("ABC");
    }

    @Test
    void ifBlocksSpanLinesAndEachIsResolvedOnItsOwn() {
        String template = """
                start
                {% if one %}
                one={{one}}
                {% endif %}
                {% if two %}two={{two}}{% endif %}
                end""";

        String rendered = Templates.render(template, Map.of("two", "2"));

        assertThat(rendered).isEqualTo("start\n\ntwo=2\nend");
    }

    @Test
    void valuesAreInsertedLiterally() {
        String rendered = Templates.render("{{a}} {{b}}", Map.of("a", "{{b}} $1 \\", "b", "x"));

        assertThat(rendered).isEqualTo("{{b}} $1 \\ x");
    }

    @Test
    void requiredVariablesIgnoreThoseInsideIfBlocks() {
        String template = "{{task_description}} {% if review_feedback %}{{review_feedback}} {{extra}}{% endif %}"
                + " {{current_item}} {{task_description}}";

        assertThat(Templates.requiredVariables(template)).containsExactly("task_description", "current_item");
        assertThat(Templates.allVariables(template))
                .containsExactlyInAnyOrder("task_description", "review_feedback", "extra", "current_item");
    }

    @Test
    void unbalancedBlockIsDescribed() {
        assertThat(Templates.blockProblem("{% if a %} open")).isEqualTo("'{% if a %}' has no matching '{% endif %}'");
        assertThat(Templates.blockProblem("x {% endif %}")).isEqualTo("'{% endif %}' has no matching '{% if ... %}'");
        assertThat(Templates.blockProblem("{% if a %}ok{% endif %}")).isNull();
    }
}
