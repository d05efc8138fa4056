package io.djinnbot.console.agents;

import java.util.List;

import io.djinnbot.console.app.BusyWork;
import io.djinnbot.console.app.TaskRunner;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.console.client.ServerEvent;
import io.djinnbot.model.Agent;
import io.djinnbot.model.EventType;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableList;

/** The agents: the team list, one agent's persona, and what each agent is doing now (from the event stream). */
public final class AgentsViewModel {

    private final DjinnBotClient client;
    private final TaskRunner tasks;
    private final ObservableList<Agent> agents = FXCollections.observableArrayList();
    private final ObservableMap<String, String> activity = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<Agent> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final BusyWork work;

    public AgentsViewModel(DjinnBotClient client, TaskRunner tasks) {
        this.client = client;
        this.tasks = tasks;
        this.work = new BusyWork(tasks);
    }

    /** The team. */
    public ObservableList<Agent> agents() {
        return agents;
    }

    /** What an agent is doing, by agent id; absent when idle. */
    public ObservableMap<String, String> activity() {
        return FXCollections.unmodifiableObservableMap(activity);
    }

    /** The agent shown in full, with persona files. */
    public ReadOnlyObjectProperty<Agent> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Whether a load is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** The last problem, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return work.messageProperty();
    }

    /** Loads the team. */
    public void load() {
        work.run("load the agents", client::agents, agents::setAll);
    }

    /** Loads one agent's persona. */
    public void select(String agentId) {
        if (agentId == null) {
            selected.set(null);
            return;
        }
        tasks.submit(() -> client.agent(agentId), selected::set, failure -> work.failed("load the agent", failure));
    }

    /** Follows steps starting and ending. */
    public void apply(List<ServerEvent> events) {
        for (ServerEvent event : events) {
            if (event.agentId() == null) {
                continue;
            }
            switch (event.type()) {
                case EventType.STEP_STARTED -> activity.put(event.agentId(),
                        "working on " + event.stepId() + " of " + event.runId());
                case EventType.TOOL_CALL_START -> activity.put(event.agentId(),
                        "using " + event.text("tool_name") + " on " + event.stepId() + " of " + event.runId());
                case EventType.STEP_COMPLETE, EventType.STEP_FAILED, EventType.STEP_CANCELLED ->
                        activity.remove(event.agentId());
                default -> {
                    // Output chunks and the like do not change the activity line.
                }
            }
        }
    }
}
