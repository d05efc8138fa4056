package io.djinnbot.server.tools;

import java.util.List;
import java.util.Optional;

/** The workspace tools every agent gets: read, write, edit, ls, grep, find and bash. Immutable. */
public final class ToolBox {
    private final List<Tool> tools;

    private ToolBox(List<Tool> tools) {
        this.tools = List.copyOf(tools);
    }

    public static ToolBox coding() {
        return new ToolBox(List.of(new ReadTool(), new WriteTool(), new EditTool(), new LsTool(), new GrepTool(),
                new FindTool(), new BashTool()));
    }

    public List<Tool> tools() {
        return tools;
    }

    public Optional<Tool> tool(String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst();
    }
}
