package io.djinnbot.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djinnbot.server.llm.PriceTable;
import io.djinnbot.server.llm.Usage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyHandlingTest {
    @Test
    void secretsRoundTripAndAnotherKeyCannotReadThem(@TempDir Path dir) {
        SecretBox box = SecretBox.open(Map.of(), dir);
        String sealed = box.encrypt("sk-secret-ü");

        assertThat(box.decrypt(sealed)).isEqualTo("sk-secret-ü");
        assertThat(SecretBox.open(Map.of(), dir).decrypt(sealed)).isEqualTo("sk-secret-ü");
        assertThat(sealed).doesNotContain("secret");
        SecretBox other = SecretBox.open(Map.of(SecretBox.KEY_VARIABLE, "00".repeat(32)), dir);
        assertThatThrownBy(() -> other.decrypt(sealed)).hasMessageContaining("does not decrypt");
    }

    @Test
    void masksFollowTheOriginal() {
        assertThat(KeyMasks.provider("short")).isEqualTo("***");
        assertThat(KeyMasks.provider("sk-proj-abcdefghijkl")).isEqualTo("sk-pro...ijkl");
        assertThat(KeyMasks.provider("sk-proj-abcdefghijklmnopqrstuv")).isEqualTo("sk-proj-...stuv");
        assertThat(KeyMasks.provider("secret-tok-1")).isEqualTo("secr...k-1");
        assertThat(KeyMasks.source("short")).isEqualTo("****");
        assertThat(KeyMasks.source("sk-proj-abcdefghijkl")).isEqualTo("sk-...ijkl");
        assertThat(KeyMasks.source("abcdefghijkl")).isEqualTo("abcd...jkl");
        assertThat(KeyMasks.secret("abcdefghijkl")).isEqualTo("abcd...jkl");
    }

    @Test
    void pricesAreExactForKnownAndDatedModelsApproximateForSiblingsFreeLocally() {
        PriceTable prices = PriceTable.load(null);
        Usage usage = new Usage(1_000_000L, 1_000_000L, 0, 0);

        PriceTable.Cost sonnet = prices.cost("anthropic", "claude-sonnet-4-5", usage);
        PriceTable.Cost dated = prices.cost("anthropic", "claude-sonnet-4-20250514", usage);
        PriceTable.Cost sibling = prices.cost("anthropic", "claude-sonnet-4-7", usage);
        PriceTable.Cost routed = prices.cost("openrouter", "anthropic/claude-sonnet-4", usage);
        PriceTable.Cost local = prices.cost("ollama", "llama3", usage);
        PriceTable.Cost unknownTokens = prices.cost("openai", "gpt-5", new Usage(null, null, 0, 0));

        assertThat(sonnet).isEqualTo(new PriceTable.Cost(3.0, 15.0, 18.0, false));
        assertThat(dated.approximate()).isFalse();
        assertThat(dated.total()).isEqualTo(18.0);
        assertThat(sibling.approximate()).isTrue();
        assertThat(routed.total()).isEqualTo(18.0);
        assertThat(local).isEqualTo(PriceTable.Cost.FREE);
        assertThat(unknownTokens.approximate()).isTrue();
    }
}
