package io.chatsignals.ops;

import org.slf4j.MDC;

/**
 * The command being handled, in the SLF4J MDC ({@code commandId}, {@code conversation}) for as long as this is open,
 * so every log line written meanwhile (JSON logs: the {@code mdc} object) names it. Restores what was there before,
 * so it nests. Confined to the thread that opened it, as the MDC is.
 */
public final class LogContext implements AutoCloseable {
    /** MDC key of the command id. */
    public static final String COMMAND_ID = "commandId";
    /** MDC key of the conversation ({@code <provider>:<account>:<customer>}). */
    public static final String CONVERSATION = "conversation";

    private final String previousCommand;
    private final String previousConversation;

    private LogContext(String commandId, String conversation) {
        previousCommand = MDC.get(COMMAND_ID);
        previousConversation = MDC.get(CONVERSATION);
        MDC.put(COMMAND_ID, commandId);
        MDC.put(CONVERSATION, conversation);
    }

    /** Opens the context of one command; close it when the handling step ends. */
    public static LogContext command(String commandId, String conversation) {
        return new LogContext(commandId, conversation);
    }

    @Override
    public void close() {
        restore(COMMAND_ID, previousCommand);
        restore(CONVERSATION, previousConversation);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
