package io.djinnbot.console.agents;

import io.djinnbot.model.Agent;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The team: each agent with role and current activity, and the selected agent's persona. */
public final class AgentsView extends SplitPane {

    public AgentsView(AgentsViewModel viewModel) {
        setId("agents-view");
        ListView<Agent> list = new ListView<>(viewModel.agents());
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Agent agent, boolean empty) {
                super.updateItem(agent, empty);
                if (empty || agent == null) {
                    setText(null);
                    return;
                }
                String doing = viewModel.activity().get(agent.id());
                setText(agent.emoji() + " " + agent.name() + " — " + agent.role() + "\n"
                        + (doing == null ? "idle" : doing));
            }
        });
        viewModel.activity().addListener((MapChangeListener<String, String>) change -> list.refresh());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, agent) ->
                viewModel.select(agent == null ? null : agent.id()));

        Label name = new Label("Select an agent.");
        name.getStyleClass().add("title");
        Label description = new Label();
        description.setWrapText(true);
        TextArea persona = new TextArea();
        persona.setEditable(false);
        persona.setWrapText(true);
        viewModel.selectedProperty().addListener((obs, old, agent) -> {
            if (agent == null) {
                return;
            }
            String model = agent.model() == null || agent.model().isBlank() ? "server default model" : agent.model();
            name.setText(agent.emoji() + " " + agent.name() + " · " + agent.role() + " · " + model);
            description.setText(agent.description());
            persona.setText(agent.soulPreview() != null ? agent.soulPreview()
                    : agent.files().getOrDefault("SOUL.md", ""));
        });
        Label message = new Label();
        message.getStyleClass().add("message");
        message.textProperty().bind(viewModel.messageProperty());
        VBox detail = new VBox(8, name, description, new Label("Persona"), persona, message);
        detail.setPadding(new Insets(10));
        VBox.setVgrow(persona, Priority.ALWAYS);
        getItems().setAll(list, detail);
        setDividerPositions(0.35);
    }
}
