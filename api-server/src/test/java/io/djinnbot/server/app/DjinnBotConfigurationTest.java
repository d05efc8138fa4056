package io.djinnbot.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.File;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/** The shipped config.yml as a user without any DJINNBOT_* variable gets it. */
class DjinnBotConfigurationTest {
    @Test
    void shippedConfigWithoutEnvironmentLeavesFoldersUnsetRatherThanNull() throws Exception {
        YamlConfigurationFactory<DjinnBotConfiguration> factory = new YamlConfigurationFactory<>(
                DjinnBotConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        SubstitutingSourceProvider source = new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                new StringSubstitutor(name -> null));

        DjinnBotConfiguration config = factory.build(source, new File("../config.yml").getAbsolutePath());

        assertThat(config.getDataDir()).isEmpty();
        assertThat(config.getPipelinesDir()).isEmpty();
        assertThat(config.getAgentsDir()).isEmpty();
        assertThat(config.getDatabase().getUrl()).isEqualTo("auto");
        assertThat(config.getEngine().getDefaultModel()).isEqualTo("offline/simulated");
    }
}
