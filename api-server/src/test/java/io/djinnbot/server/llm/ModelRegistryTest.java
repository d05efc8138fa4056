package io.djinnbot.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelRegistryTest {
    private final ModelRegistry registry = new ModelRegistry(0);

    @Test
    void offlineStringsResolveToTheOfflineModel() throws Exception {
        assertThat(registry.resolve("offline/simulated")).isInstanceOf(OfflineModel.class);
        assertThat(registry.resolve("offline")).isInstanceOf(OfflineModel.class);
        assertThat(registry.resolve(null)).isInstanceOf(OfflineModel.class);
    }

    @Test
    void otherProviderIsNotConfiguredAndNamed() {
        assertThatThrownBy(() -> registry.resolve("openai/gpt-4o"))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.NOT_CONFIGURED))
                .hasMessageContaining("'openai'")
                .hasMessageContaining("offline/simulated");
    }

    @Test
    void modelStringsSplitAtTheFirstSlash() {
        assertThat(ModelRef.parse("openrouter/moonshotai/kimi-k2.5"))
                .isEqualTo(new ModelRef("openrouter", "moonshotai/kimi-k2.5"));
        assertThat(ModelRef.parse("kimi-k2.5")).isEqualTo(new ModelRef("openrouter", "kimi-k2.5"));
        assertThat(ModelRef.parse("  ")).isEqualTo(new ModelRef("offline", "simulated"));
    }

    @Test
    void paceComesFromPropertyThenEnvironmentThenDefault() {
        assertThat(ModelRegistry.offlinePace("5", "7")).isEqualTo(5);
        assertThat(ModelRegistry.offlinePace(null, "7")).isEqualTo(7);
        assertThat(ModelRegistry.offlinePace("x", null)).isEqualTo(40);
    }
}
