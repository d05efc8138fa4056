package io.djinnbot.console.costs;

import java.util.List;

import io.djinnbot.console.app.BusyWork;
import io.djinnbot.console.app.TaskRunner;
import io.djinnbot.console.client.ApiException;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.model.LlmCall;
import io.djinnbot.model.LlmCallPage;
import io.djinnbot.model.UsageDay;
import io.djinnbot.model.UsageSummary;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Costs: tokens and cost per day, per model and per agent, and the most recent model calls. */
public final class CostsViewModel {
    private static final Logger LOGGER = LoggerFactory.getLogger(CostsViewModel.class);
    static final String NOT_AVAILABLE = "Cost figures are not available on this server.";

    private final DjinnBotClient client;
    private final ObservableList<UsageDay> days = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<UsageSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ObservableList<LlmCall> recentCalls = FXCollections.observableArrayList();
    private final BusyWork work;

    /** Everything the screen shows, read in one background task. */
    record Figures(List<UsageDay> days, UsageSummary summary, LlmCallPage calls) {
    }

    public CostsViewModel(DjinnBotClient client, TaskRunner tasks) {
        this.client = client;
        this.work = new BusyWork(tasks);
    }

    /** Usage per day, oldest first. */
    public ObservableList<UsageDay> days() {
        return days;
    }

    /** Totals per provider, model and agent. */
    public ReadOnlyObjectProperty<UsageSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The most recent model calls. */
    public ObservableList<LlmCall> recentCalls() {
        return recentCalls;
    }

    /** Whether a load is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** The last problem, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return work.messageProperty();
    }

    /** Loads the last 30 days. */
    public void load() {
        work.run(() -> new Figures(client.usageHistory(30), client.usageSummary(), client.llmCalls(null, 100)),
                figures -> {
                    work.say("");
                    days.setAll(figures.days());
                    summary.set(figures.summary());
                    recentCalls.setAll(figures.calls().calls());
                }, failure -> {
                    if (failure instanceof ApiException api && api.isNotFound()) {
                        LOGGER.info("cost routes missing on server");
                        work.say(NOT_AVAILABLE);
                    } else {
                        work.failed("load the costs", failure);
                    }
                });
    }
}
